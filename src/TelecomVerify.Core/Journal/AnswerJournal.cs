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
    /// account, then one line per answer, each with a MAC. The keys come from the API key and the
    /// provider's host (<see cref="JournalKeys"/>) and are never written. No native dependency,
    /// crash-safe by construction (a torn last line is all a kill can leave), readable in an audit.
    /// In memory it keeps 16 bytes of hash and 16 of position per answer; an answer's text is read
    /// from the file when a row needs it. Lines reach the disk through <see cref="JournalWriter"/>.
    /// </summary>
    public sealed partial class AnswerJournal : IDisposable
    {
        public const int FormatVersion = 2;
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
            public bool ServesDetail, PossiblyBilled;
        }

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
            byte[] line;
            lock (_appendLock) line = JournalRun.Format(how, DateTime.UtcNow, summary, _keys);
            _writer.EnsureDurable(_writer.Append(line));
        }

        /// <summary>Opened by -WhatIf: answers are found, nothing is written.</summary>
        public bool IsReadOnly => _writer == null;

        /// <summary>Called once when a write fails (disk full, I/O error): the run must stop.</summary>
        public Action<Exception> WriteFailed { set { if (_writer != null) _writer.Failed = value; } }

        /// <summary>The write that failed, or null.</summary>
        public Exception WriteFailure => _writer?.Failure;

        /// <summary>
        /// Opens (or creates, owner-only) the journal at <paramref name="path"/> for one run, holding
        /// it so that a second run gets <c>JournalInUse</c>; read-only, it takes no lock and changes
        /// nothing, and returns null when there is no journal yet.
        /// </summary>
        public static AnswerJournal Open(string path, JournalSettings settings)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            path = System.IO.Path.GetFullPath(path);
            RefuseUnsafe(path, settings.Ownership);
            if (settings.ReadOnly && !File.Exists(path)) return null;
            var stream = settings.ReadOnly ? OpenForReading(path) : OpenForWriting(path);
            var journal = new AnswerJournal(path, stream, (int)Math.Min(4_000_000, stream.Length / 200 + 16));
            try
            {
                if (!journal.Load(settings)) return MigrateVersion1(journal, path, settings);
                if (!settings.ReadOnly) journal._writer = new JournalWriter(stream, stream.Length, journal._io);
                return journal;
            }
            catch
            {
                journal._keys?.Dispose();
                stream.Dispose();
                throw;
            }
        }

        /// <summary>Every entry, oldest first, for an audit (Get-JuheJournal). No lock: a run may be writing it.</summary>
        public static IEnumerable<JournalEntry> ReadAll(string path, JournalSettings settings, List<string> warnings)
        {
            path = System.IO.Path.GetFullPath(path);
            RefuseUnsafe(path, settings?.Ownership);
            using (var stream = OpenForReading(path))
            using (var reader = new StreamReader(stream, new UTF8Encoding(false, false)))
            {
                var header = ReadHeader(BoundedLine(reader), path);
                JournalKeys keys = null;
                if (header.Version == 1 || string.IsNullOrEmpty(settings?.ApiKey))
                    warnings?.Add(Text.Format(header.Version == 1 ? Messages.Journal_OldVersionAudit : Messages.Journal_Unauthenticated, path));
                else
                {
                    keys = JournalKeys.Derive(settings.ApiKey, settings.Host, header.Salt);
                    if (keys.AccountCheck(header.Salt) != header.Check)
                    {
                        keys.Dispose();
                        throw new JournalException("JournalForAnotherAccount", Text.Format(Messages.Journal_ForAnotherAccount, path, settings.Host));
                    }
                }
                using (keys)
                {
                    string line;
                    long skipped = 0;
                    while ((line = BoundedLine(reader)) != null)
                    {
                        // A line longer than any the journal writes is no entry; it costs a scan, not its size in memory.
                        if (line.Length == 0 || line.Length > MaxAuditLine) { if (line.Length > 0) skipped++; continue; }
                        var bytes = Encoding.UTF8.GetBytes(line);
                        // How runs began and ended is not an answer: passed over here, read by LastRun.
                        if (JournalRun.IsRunLine(bytes, 0, bytes.Length) && (keys == null || JournalLine.IsAuthentic(bytes, 0, bytes.Length, keys))) continue;
                        var entry = keys == null || JournalLine.IsAuthentic(bytes, 0, bytes.Length, keys) ? JournalLine.TryParse(line) : null;
                        if (entry != null) yield return entry;
                        else skipped++;
                    }
                    if (skipped > 0) warnings?.Add(Text.Format(Messages.Journal_Untrusted, skipped, path));
                }
            }
        }

        private const int MaxAuditLine = 4096;

        /// <summary>The next line, or null at the end; a line past <see cref="MaxAuditLine"/> characters is read through and returned as one character too many, never whole.</summary>
        private static string BoundedLine(TextReader reader)
        {
            var sb = new StringBuilder();
            int c;
            bool any = false;
            while ((c = reader.Read()) >= 0)
            {
                any = true;
                if (c == '\n') break;
                if (sb.Length <= MaxAuditLine) sb.Append((char)c);
            }
            if (!any) return null;
            if (sb.Length > 0 && sb[sb.Length - 1] == '\r') sb.Length--;
            return sb.ToString();
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

        public JournalEntry Read(long offset)
        {
            var buffer = new byte[4096];
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
                    if (nl >= 0) { length = nl; break; }
                }
            }
            return JournalLine.TryParse(Encoding.UTF8.GetString(buffer, 0, length))
                ?? throw new JournalException("JournalUnreadable", Text.Format(Messages.Journal_Changed, Path, offset));
        }

        /// <summary>Queues one answer for the disk (any thread; no I/O here); returns its sequence number for <see cref="EnsureDurable"/>.</summary>
        public long Append(IdentityKey key, DateTime utc, JournalEntry answer)
        {
            if (_writer == null) throw new InvalidOperationException("A journal opened read-only takes no answer.");
            byte[] line;
            // The MAC's HMAC instance is not thread-safe; formatting is cheap next to the call that brought the answer.
            lock (_appendLock) line = JournalLine.Format(key, utc, answer, _keys);
            return _writer.Append(line);
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
                try { _stream?.Dispose(); }
                catch (IOException) { /* a failed write was reported when it happened; the buffer it left cannot reach the disk either */ }
                _keys?.Dispose();
            }
        }

    }
}
