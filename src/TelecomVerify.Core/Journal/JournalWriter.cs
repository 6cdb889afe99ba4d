using System;
using System.IO;
using System.Threading;

namespace TelecomVerify.Journal
{
    /// <summary>
    /// Puts the journal's lines on disk as they come: any thread appends a line to a buffer in
    /// memory (no I/O), and one flusher thread writes what has gathered and fsyncs it, at once.
    /// While one fsync runs the next lines gather, so a busy run pays one fsync per batch and a
    /// quiet one has each answer on disk within milliseconds of its arrival, whatever row the
    /// pipeline is waiting for. A write that fails stops all writing and is reported once.
    /// </summary>
    internal sealed class JournalWriter : IDisposable
    {
        /// <summary>Room kept for one line: no reader takes a longer one (<see cref="AnswerJournal"/>'s audit limit).</summary>
        public const int LineRoom = 4096;
        /// <summary>The reserve grows by this much at a time when the disk allows, so that it is rarely extended.</summary>
        private const int Chunk = 256 * 1024;
        private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(20);
        private static readonly byte[] Zeros = new byte[64 * 1024];
        private readonly FileStream _stream;
        private readonly object _gather = new object();
        private readonly object _io;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly Thread _flusher;
        // Two buffers that take turns, so a busy run does not allocate a new one per batch.
        private MemoryStream _pending = new MemoryStream(), _spare = new MemoryStream();
        /// <summary>Where the next line goes, and how far the file reaches: the bytes between are the reserve (zeros).</summary>
        private long _end, _allocated;
        /// <summary>Where the lines ended when the run began, and the bytes queued since (written or not): both only grow.</summary>
        private readonly long _start;
        private long _queuedBytes;
        private long _appended, _durable;
        private volatile bool _closing;
        private Exception _failure;

        /// <param name="end">Where the lines end; the file may reach further, with a reserve a killed run left.</param>
        /// <param name="io">Held around every use of the stream, reads included.</param>
        public JournalWriter(FileStream stream, long end, object io)
        {
            _stream = stream;
            _end = _start = end;
            _allocated = Math.Max(end, stream.Length);
            _io = io;
            _flusher = new Thread(FlushLoop) { IsBackground = true, Name = "TelecomVerify journal" };
            _flusher.Start();
        }

        /// <summary>Called once, on the flusher thread or the caller's, when a write fails.</summary>
        public Action<Exception> Failed { get; set; }

        /// <summary>The write that failed, or null.</summary>
        public Exception Failure => Volatile.Read(ref _failure);

        /// <summary>Queues one whole line; returns its sequence number (0 once writing has failed).</summary>
        public long Append(byte[] line)
        {
            long sequence;
            lock (_gather)
            {
                if (_failure != null) return 0;
                _pending.Write(line, 0, line.Length);
                Interlocked.Add(ref _queuedBytes, line.Length);
                sequence = ++_appended;
            }
            _wake.Set();
            return sequence;
        }

        /// <summary>Where the lines end: the journal is cut here when the run ends, the reserve given back.</summary>
        public long End { get { lock (_io) return _end; } }

        /// <summary>Why the reserve could not grow (the disk full), or null.</summary>
        public Exception RoomFailure { get; private set; }

        /// <summary>
        /// True when the file already holds room, on disk, for <paramref name="lines"/> more lines beyond those
        /// queued: zeros written (and flushed) past the last line, which a line later overwrites in place, so that a
        /// disk that fills meanwhile cannot refuse it. Grows the reserve when short; false when the disk refuses.
        /// Copy-on-write file systems (btrfs, ZFS) allocate anew on every write, so there it is a best effort.
        /// </summary>
        public bool EnsureRoom(int lines)
        {
            long room = (long)lines * LineRoom;
            // Asked before every request: without a lock, so that a call never waits behind the flusher's fsync. Every
            // byte ever queued counts as written and the reserve only grows, so a stale read can only err towards "short".
            if (Interlocked.Read(ref _allocated) - Used >= room) return true;
            lock (_io)
            {
                long need = Used + room;
                if (_allocated >= need) return true;
                if (_failure != null) return false;
                // A chunk when the disk has it, else exactly what is needed.
                return Extend(need + Math.Max(Chunk, room)) || Extend(need);
            }
        }

        /// <summary>How far the lines reach once everything queued is written.</summary>
        private long Used => _start + Interlocked.Read(ref _queuedBytes);

        private bool Extend(long to)
        {
            try
            {
                _stream.Seek(_allocated, SeekOrigin.Begin);
                for (long left = to - _allocated; left > 0; left -= Zeros.Length)
                    _stream.Write(Zeros, 0, (int)Math.Min(Zeros.Length, left));
                _stream.Flush(true);
                Interlocked.Exchange(ref _allocated, to);
                return true;
            }
            catch (IOException ex)
            {
                RoomFailure = ex;
                // A write cut short may have reached part of the way: what it wrote is reserve too.
                try { Interlocked.Exchange(ref _allocated, Math.Max(_allocated, _stream.Length)); }
                catch (IOException) { }
                return false;
            }
        }

        public bool IsDurable(long sequence) => sequence <= Interlocked.Read(ref _durable);

        /// <summary>Line <paramref name="sequence"/> is on disk when this returns, unless writing has failed.</summary>
        public void EnsureDurable(long sequence)
        {
            if (sequence <= 0 || IsDurable(sequence)) return;
            Flush();
        }

        private void FlushLoop()
        {
            while (!_closing)
            {
                _wake.WaitOne();
                // Let the answers arriving together gather for a moment: a busy run then pays one
                // fsync per batch instead of one per answer, and every answer is still on disk well
                // within 100 ms of arriving. A row about to be output does not wait for this: it
                // flushes at once (EnsureDurable).
                if (!_closing) Thread.Sleep(Gather);
                Flush();
            }
        }

        /// <summary>Writes and fsyncs every line gathered so far, in order.</summary>
        public void Flush()
        {
            Exception failed = null;
            lock (_io)
            {
                MemoryStream batch;
                long upTo;
                lock (_gather)
                {
                    if (_failure != null || _appended == Interlocked.Read(ref _durable)) return;
                    batch = _pending;
                    _pending = _spare;
                    upTo = _appended;
                }
                try
                {
                    _stream.Seek(_end, SeekOrigin.Begin);
                    _stream.Write(batch.GetBuffer(), 0, (int)batch.Length);
                    _stream.Flush(true);
                    _end += batch.Length;
                    // Lines beyond the reserve (a run that never asked for room: its first line) make the file longer.
                    if (_allocated < _end) Interlocked.Exchange(ref _allocated, _end);
                    Interlocked.Exchange(ref _durable, upTo);
                    batch.SetLength(0);
                    _spare = batch;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
                {
                    lock (_gather) _failure = ex;
                    failed = ex;
                }
            }
            // Outside the lock: the callback stops the run, and a stop may want the journal (its summary line) again.
            if (failed != null) Failed?.Invoke(failed);
        }

        /// <summary>The last lines to disk, then the flusher ends. The stream stays the caller's.</summary>
        public void Dispose()
        {
            _closing = true;
            _wake.Set();
            _flusher.Join();
            Flush();
            _wake.Dispose();
        }
    }
}
