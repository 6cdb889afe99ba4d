using System;
using System.Linq;
using System.Collections.Generic;
using System.IO;
using System.Text;
using TelecomVerify.Verification;
using TelecomVerify.Resources;

namespace TelecomVerify.Journal
{
    /// <summary>
    /// The answers a run has paid for, so that a run resumed after a crash or a Ctrl+C asks nothing twice.
    /// A JSON Lines file, append-only: a header with the format version, a random salt and proof of the
    /// account, then one line per answer or run note, each encrypted and MAC'd with its place
    /// (<see cref="JournalEnvelope"/>). The keys come from the API key and the provider
    /// (<see cref="JournalKeys"/>) and are never written. No native dependency, crash-safe by
    /// construction (a torn last line is all a kill can leave), readable in an audit with the key.
    /// In memory it keeps 16 bytes of hash and 16 of position and time per answer; an answer's text is
    /// read from the file when a row needs it. Lines reach the disk through <see cref="JournalWriter"/>.
    /// </summary>
    public sealed partial class AnswerJournal : IDisposable
    {
        public const int FormatVersion = 3;
        private const string Magic = "TelecomVerify.Journal";
        private const int MaxLine = 64 * 1024;
        /// <summary>Clocks differ a little between machines; an answer further in the future than this was not written by a clock.</summary>
        private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
        private static readonly DateTime Epoch = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private readonly FileStream _stream;
        private readonly object _io = new object();
        private readonly object _appendLock = new object();
        private readonly Dictionary<IdentityKey, Slot> _index;
        private readonly List<string> _warnings = new List<string>();
        private JournalKeys _keys;
        private JournalWriter _writer;

        private struct Slot
        {
            public long Offset;
            /// <summary>Seconds since <see cref="Epoch"/>: of two answers for one person, the newer serves.</summary>
            public int Seconds;
            public bool ServesDetail, PossiblyBilled;
        }

        /// <summary>The format of the file as opened: 2 until a writing run rewrites it in 3.</summary>
        private int _version = FormatVersion;

        /// <summary>Lines in the file, the header and damaged ones included: the next line's place is one more.</summary>
        private long _lines;
        /// <summary>Where the last whole line ends; a killed run's reserve may follow.</summary>
        private long _linesEnd;
        // What loading met, for Optimize-JuheJournal's account: answer lines authentic and in date, older than the
        // age asked for, not trusted; and where the last run's line is (-1: none).
        private long _answerLines, _expired, _untrusted, _lastRunAt = -1;
        private byte[] _salt;
        // Loading's buffers for a line's head: its nonce and first bytes decoded, and those bytes decrypted.
        private readonly byte[] _scratch = new byte[LineCipher.NonceLength + JournalLine.HeadLength], _head = new byte[JournalLine.HeadLength];

        private AnswerJournal(string path, FileStream stream, int capacity)
        {
            Path = path;
            _stream = stream;
            _index = new Dictionary<IdentityKey, Slot>(capacity);
        }

        public string Path { get; }

        /// <summary>The identity hash's key, derived, never stored: a run finds this journal's entries with it.</summary>
        public byte[] Secret => _keys.IdentitySecret;

        /// <summary>Answers that may serve a row (young enough, authentic).</summary>
        public int Count => _index.Count;

        /// <summary>Of those, requests an earlier run sent and got no readable answer for: possibly billed.</summary>
        public int PossiblyBilledCount => _index.Values.Count(slot => slot.PossiblyBilled);

        /// <summary>What loading found amiss (damaged lines, a torn last line, an old format), for the caller to say.</summary>
        public IReadOnlyList<string> Warnings => _warnings;

        /// <summary>How the last run that wrote this journal ended, as it said; null when none said.</summary>
        public JournalRun LastRun { get; private set; }

        /// <summary>Says in the journal how this run began or ended (<see cref="JournalRun"/>); nothing when read-only or after a failed write.</summary>
        public void RecordRun(string how, RunSummary summary)
        {
            if (_writer == null) return;
            long sequence;
            // Sealed and queued under one lock: the lines reach the file in the order of the places their MACs name.
            lock (_appendLock) sequence = _writer.Append(JournalRun.Format(how, DateTime.UtcNow, summary, _keys, ++_lines));
            _writer.EnsureDurable(sequence);
        }

        /// <summary>Opened by -WhatIf: answers are found, nothing is written.</summary>
        public bool IsReadOnly => _writer == null;

        /// <summary>Called once when a write fails (disk full, I/O error): the run must stop.</summary>
        public Action<Exception> WriteFailed { set { if (_writer != null) _writer.Failed = value; } }

        /// <summary>The write that failed, or null.</summary>
        public Exception WriteFailure => _writer?.Failure;

        /// <summary>
        /// Room on disk for <paramref name="lines"/> more lines, kept in reserve (<see cref="JournalWriter.EnsureRoom"/>):
        /// asked before each request is sent, for it and every other that can be in flight, so that a disk that fills
        /// cannot refuse the line of a request already paid for. Always true when read-only.
        /// </summary>
        public bool HasRoomFor(int lines) => _writer == null || _writer.EnsureRoom(lines);

        /// <summary>Why <see cref="HasRoomFor"/> said no, or null.</summary>
        public Exception RoomFailure => _writer?.RoomFailure;

        /// <summary>
        /// Opens (or creates, owner-only) the journal at <paramref name="path"/> for one run, holding
        /// it so that a second run gets <c>JournalInUse</c>; read-only, it takes no lock and changes
        /// nothing, and returns null when there is no journal yet.
        /// </summary>
        public static AnswerJournal Open(string path, JournalSettings settings)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            path = System.IO.Path.GetFullPath(path);
            JournalFiles.RefuseUnsafe(path, settings.Ownership);
            if (settings.ReadOnly && !File.Exists(path)) return null;
            var stream = settings.ReadOnly ? JournalFiles.OpenForReading(path) : JournalFiles.OpenForWriting(path);
            // Sized for one line per person, as Optimize-JuheJournal leaves it (a line of format 3 is about 760 bytes):
            // 44 bytes an identity then, where a size taken from format 2's 200-byte lines held four times as many.
            var journal = new AnswerJournal(path, stream, (int)Math.Min(4_000_000, stream.Length / 750 + 16));
            try
            {
                if (!journal.Load(settings)) return MigrateVersion1(journal, path, settings);
                if (settings.ReadOnly) return journal;
                if (journal._version < FormatVersion) return RewriteInCurrentFormat(journal, path, settings);
                journal._writer = new JournalWriter(stream, journal._linesEnd, journal._io);
                return journal;
            }
            catch
            {
                journal._keys?.Dispose();
                stream.Dispose();
                throw;
            }
        }

        /// <summary>
        /// An entry for this identity, young enough: an answer, asked with -Detail if
        /// <paramref name="needDetail"/> (unless it has no detail to give), or a request that may have been billed.
        /// </summary>
        public bool TryFind(IdentityKey key, bool needDetail, out long offset, out bool possiblyBilled)
        {
            offset = 0;
            possiblyBilled = false;
            if (!_index.TryGetValue(key, out var slot) || (needDetail && !slot.ServesDetail)) return false;
            offset = slot.Offset;
            possiblyBilled = slot.PossiblyBilled;
            return true;
        }

        /// <summary>The entry at <paramref name="offset"/>, as the index found it: authentic, and <paramref name="key"/>'s.</summary>
        /// <exception cref="JournalException">JournalUnreadable: the line changed under the run.</exception>
        public JournalEntry Read(long offset, IdentityKey key)
        {
            var buffer = new byte[MaxAuditLine * 2];
            int length = ReadLine(offset, buffer);
            var content = Content(buffer, 0, length, _keys, _version, out _, out int from, out int contentLength);
            var entry = content != null && JournalLine.TryReadFixed(content, from, contentLength, _version < 3 ? JournalLine.Shape.Signed : JournalLine.Shape.Content, out var found, out _, out _, out _) && found.Equals(key)
                ? JournalLine.TryParse(Encoding.UTF8.GetString(content, from, contentLength)) : null;
            return entry ?? throw new JournalException("JournalUnreadable", Text.Format(Messages.Journal_Changed, Path, offset));
        }

        /// <summary>The line at <paramref name="offset"/> into <paramref name="buffer"/>, without its newline; returns its length.</summary>
        private int ReadLine(long offset, byte[] buffer)
        {
            int length = 0;
            lock (_io)
            {
                _stream.Seek(offset, SeekOrigin.Begin);
                while (length < buffer.Length)
                {
                    int n = _stream.Read(buffer, length, buffer.Length - length);
                    if (n == 0) break;
                    int nl = Array.IndexOf(buffer, (byte)'\n', length, n);
                    length += n;
                    if (nl >= 0) return nl;
                }
            }
            return length;
        }

        private void GiveBackReserve()
        {
            try
            {
                long end = _writer.End;
                if (_stream.Length <= end) return;
                _stream.SetLength(end);
                _stream.Flush(true);
            }
            catch (IOException) { /* left as a killed run leaves it: the next load passes over the zeros */ }
            catch (ObjectDisposedException) { /* let go before an atomic rewrite replaced the file */ }
        }

        /// <summary>What an authentic line holds, from <paramref name="contentAt"/> (for format 2, the line itself, in place); null for a line that is not one.</summary>
        private static byte[] Content(byte[] b, int at, int length, JournalKeys keys, int version, out long sequence, out int contentAt, out int contentLength)
        {
            sequence = 0;
            contentAt = at;
            contentLength = length;
            if (version < 3) return JournalLine.IsAuthentic(b, at, length, keys) ? b : null;
            contentAt = 0;
            return JournalEnvelope.TryOpen(b, at, length, keys, out sequence, out contentLength);
        }

        /// <summary>Queues one answer for the disk (any thread; no I/O here); returns its sequence number for <see cref="EnsureDurable"/>.</summary>
        public long Append(IdentityKey key, DateTime utc, JournalEntry answer)
        {
            if (_writer == null) throw new InvalidOperationException("A journal opened read-only takes no answer.");
            // The MAC's HMAC instance is not thread-safe, and the lines must reach the file in the order of their
            // places; sealing is cheap next to the call that brought the answer.
            lock (_appendLock) return _writer.Append(JournalLine.Format(key, utc, answer, _keys, ++_lines));
        }

        /// <summary>Answer <paramref name="sequence"/> is on disk already.</summary>
        public bool IsDurable(long sequence) => _writer == null || _writer.IsDurable(sequence);

        /// <summary>On disk (fsync) up to answer <paramref name="sequence"/>: called before the row's result is written.
        /// Returns at once when writing has failed: the run is stopping, and the answer is the user's all the same.</summary>
        public void EnsureDurable(long sequence) => _writer?.EnsureDurable(sequence);

        public void Dispose()
        {
            _writer?.Dispose();
            lock (_io)
            {
                // The reserve is given back: a journal at rest ends with its last line.
                if (_writer != null) GiveBackReserve();
                try { _stream?.Dispose(); }
                catch (IOException) { /* a failed write was reported when it happened; the buffer it left cannot reach the disk either */ }
                _keys?.Dispose();
            }
        }

    }
}
