using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace TelecomVerify.Protocol
{
    /// <summary>
    /// The form body, remembering whether the handler began to write it. A failure before that
    /// point (refused, DNS, TLS, proxy) cost nothing and may be retried freely; after it, the
    /// provider may have answered and billed, whatever the exception type says.
    /// </summary>
    internal sealed class SentTrackingContent : HttpContent
    {
        private readonly HttpContent _inner;
        private int _sent;

        public SentTrackingContent(HttpContent inner)
        {
            _inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        public bool Sent => Volatile.Read(ref _sent) != 0;

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext context)
        {
            Interlocked.Exchange(ref _sent, 1);
            return _inner.CopyToAsync(stream);
        }

        protected override bool TryComputeLength(out long length)
        {
            long? known = _inner.Headers.ContentLength;
            length = known.GetValueOrDefault();
            return known.HasValue;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
