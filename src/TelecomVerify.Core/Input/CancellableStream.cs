using System;
using System.IO;
using System.Threading;

namespace TelecomVerify.Input
{
    /// <summary>
    /// A file read that Ctrl+C ends. The workbook reader reads a whole worksheet when it opens one (to
    /// find its size and merged cells) and offers no way to stop it: 3 s of a million-row sheet during
    /// which a stop is not heard. Each read it asks of the file checks the stop first instead.
    /// </summary>
    internal sealed class CancellableStream : Stream
    {
        private readonly Stream _inner;
        private readonly CancellationToken _cancel;

        public CancellableStream(Stream inner, CancellationToken cancel)
        {
            _inner = inner;
            _cancel = cancel;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            _cancel.ThrowIfCancellationRequested();
            return _inner.Read(buffer, offset, count);
        }

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);
        public override bool CanRead => true;
        public override bool CanSeek => _inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => _inner.Length;
        public override long Position { get => _inner.Position; set => _inner.Position = value; }
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
