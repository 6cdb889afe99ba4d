using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using TelecomVerify.Credentials;
using TelecomVerify.Protocol;
using TelecomVerify.Verification;
using TelecomVerify.Resources;

namespace TelecomVerify.Journal
{
    /// <summary>
    /// The answers a run has paid for, so that a run resumed after a crash or a Ctrl+C asks nothing twice.
    /// A JSON Lines file, append-only: a header line with the format version and the secret of the
    /// keyed hash, then one line per answer. No native dependency (SQLite would bring one per platform),
    /// crash-safe by construction (a torn last line is all a kill can leave), readable in an audit.
    /// In memory it keeps 16 bytes of hash and 16 of position per answer; an answer's text is read
    /// from the file when a row needs it.
    /// </summary>
    public sealed class AnswerJournal : IDisposable
    {
        public const int FormatVersion = 1;
        private const string Magic = "TelecomVerify.Journal";
        // Every entry begins {"k":"<32 hex>","t":"yyyy-MM-ddTHH:mm:ssZ","d":0|1, so loading reads those at fixed places.
        private const int KeyAt = 6, TimeAt = 45, DetailAt = 71, MinEntry = 73, MaxLine = 64 * 1024;
        private static readonly byte[] KeyPrefix = Encoding.ASCII.GetBytes("{\"k\":\"");
        private static readonly byte[] TimePrefix = Encoding.ASCII.GetBytes("\",\"t\":\"");
        private static readonly byte[] DetailPrefix = Encoding.ASCII.GetBytes("\",\"d\":");
        private static readonly DateTime Epoch = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private readonly FileStream _stream;
        // A second, unbuffered view of the same descriptor: fsync through it needs no lock, so the
        // workers go on appending while the pipeline thread waits for the disk.
        private FileStream _sync;
        private readonly object _lock = new object();
        private readonly object _syncLock = new object();
        private bool _atEnd;
        private readonly Dictionary<IdentityKey, Slot> _index;
        private readonly List<string> _warnings = new List<string>();
        private long _end, _appended, _durable;

        private struct Slot
        {
            public long Offset;
            public uint Seconds;
            public bool Detail;
        }

        private AnswerJournal(string path, FileStream stream, int capacity)
        {
            Path = path;
            _stream = stream;
            _index = new Dictionary<IdentityKey, Slot>(capacity);
        }

        public string Path { get; }

        /// <summary>The keyed hash's secret: a journal copied elsewhere still works; its hashes are useless against another's.</summary>
        public byte[] Secret { get; private set; }

        /// <summary>Answers that may serve a row (young enough).</summary>
        public int Count => _index.Count;

        /// <summary>What loading found amiss (a torn last line), for the caller to say.</summary>
        public IReadOnlyList<string> Warnings => _warnings;

        /// <summary>
        /// Opens (or creates, owner-only) the journal at <paramref name="path"/> for one run, holding
        /// it so that a second run gets <c>JournalInUse</c>. Answers older than <paramref name="maxAge"/>
        /// are kept in the file but serve no row; zero means record, never reuse.
        /// </summary>
        public static AnswerJournal Open(string path, TimeSpan maxAge, DateTime utcNow)
        {
            RefuseUnsafe(path);
            FileStream stream;
            try { stream = PrivateFiles.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException ex) when (File.Exists(path))
            {
                throw new JournalException("JournalInUse", Text.Format(Messages.Journal_InUse, path, ex.Message), ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new JournalException("JournalUnusable", Text.Format(Messages.Journal_CannotOpen, path, ex.Message), ex);
            }
            var journal = new AnswerJournal(path, stream, (int)Math.Min(4_000_000, stream.Length / 150 + 16));
            try
            {
                journal._sync = new FileStream(stream.SafeFileHandle, FileAccess.ReadWrite, 1);
                journal.Load(maxAge, utcNow);
                return journal;
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>Every entry, oldest first, for an audit (Get-JuheJournal). Reads a journal no run holds.</summary>
        public static IEnumerable<JournalEntry> ReadAll(string path, List<string> warnings)
        {
            RefuseUnsafe(path);
            FileStream stream;
            try { stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read); }
            catch (IOException ex) when (File.Exists(path))
            {
                throw new JournalException("JournalInUse", Text.Format(Messages.Journal_InUseByRun, path, ex.Message), ex);
            }
            using (stream)
            using (var reader = new StreamReader(stream, new UTF8Encoding(false, true)))
            {
                ReadHeader(reader.ReadLine(), path);
                string line;
                long number = 1;
                while ((line = reader.ReadLine()) != null)
                {
                    number++;
                    var entry = TryParse(line);
                    if (entry != null) yield return entry;
                    else warnings?.Add(Text.Format(Messages.Journal_LineSkipped, number));
                }
            }
        }

        /// <summary>An answer for this identity, young enough, asked with -Detail if <paramref name="needDetail"/>.</summary>
        public bool TryFind(IdentityKey key, bool needDetail, out long offset)
        {
            offset = 0;
            if (!_index.TryGetValue(key, out var slot) || (needDetail && !slot.Detail)) return false;
            offset = slot.Offset;
            return true;
        }

        public JournalEntry Read(long offset)
        {
            var buffer = new byte[4096];
            int length = 0;
            lock (_lock)
            {
                _stream.Seek(offset, SeekOrigin.Begin);
                _atEnd = false;
                while (length < buffer.Length)
                {
                    int n = _stream.Read(buffer, length, buffer.Length - length);
                    if (n == 0) break;
                    int nl = Array.IndexOf(buffer, (byte)'\n', length, n);
                    length += n;
                    if (nl >= 0) { length = nl; break; }
                }
            }
            return TryParse(Encoding.UTF8.GetString(buffer, 0, length))
                ?? throw new JournalException("JournalUnreadable", Text.Format(Messages.Journal_Changed, Path, offset));
        }

        /// <summary>Appends one answer (any thread); returns its sequence number for <see cref="EnsureDurable"/>.</summary>
        public long Append(IdentityKey key, DateTime utc, JournalEntry answer)
        {
            var line = new StringBuilder(256)
                .Append("{\"k\":\"").Append(key.ToHex())
                .Append("\",\"t\":\"").Append(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                .Append("\",\"d\":").Append(answer.AskedWithDetail ? '1' : '0')
                .Append(",\"m\":").Append(JsonText.Quote(answer.Mobile))
                .Append(",\"s\":\"").Append(answer.Status)
                .Append("\",\"dt\":").Append(answer.DetailKind.HasValue ? "\"" + answer.DetailKind.Value + "\"" : "null")
                .Append(",\"e\":").Append(answer.ErrorCode.ToString(CultureInfo.InvariantCulture))
                .Append(",\"r\":").Append(answer.Res.ToString(CultureInfo.InvariantCulture))
                .Append(",\"c\":").Append(JsonText.Quote(answer.ResCode))
                .Append(",\"o\":").Append(JsonText.Quote(answer.OrderId))
                .Append(",\"msg\":").Append(JsonText.Quote(answer.ResMessage))
                .Append(",\"why\":").Append(JsonText.Quote(answer.Reason))
                .Append("}\n").ToString();
            var bytes = Encoding.UTF8.GetBytes(line);
            lock (_lock)
            {
                // A seek flushes the write buffer; only a read in between moves the position.
                if (!_atEnd) { _stream.Seek(_end, SeekOrigin.Begin); _atEnd = true; }
                _stream.Write(bytes, 0, bytes.Length);
                _end += bytes.Length;
                return ++_appended;
            }
        }

        /// <summary>Answer <paramref name="sequence"/> is on disk already.</summary>
        public bool IsDurable(long sequence) => sequence <= System.Threading.Interlocked.Read(ref _durable);

        /// <summary>On disk (fsync) up to answer <paramref name="sequence"/>: called before the row's result is written.</summary>
        public void EnsureDurable(long sequence)
        {
            if (IsDurable(sequence)) return;
            long target;
            lock (_lock)
            {
                // Hand the buffered lines to the operating system; the disk comes next, outside the lock.
                _stream.Flush(false);
                target = _appended;
            }
            lock (_syncLock)
            {
                if (target <= _durable) return;
                _sync.Flush(true);
                System.Threading.Interlocked.Exchange(ref _durable, target);
            }
        }

        public void Dispose()
        {
            lock (_lock)
            lock (_syncLock)
            {
                try { _stream.Flush(true); }
                finally
                {
                    _sync?.Dispose();
                    _stream.Dispose();
                }
            }
        }

        private static void RefuseUnsafe(string path)
        {
            if (!File.Exists(path)) return;
            int? mode = PrivateFiles.GetModeOrNull(path);
            if (mode.HasValue && PrivateFiles.IsReadableByOthers(mode.Value))
                throw new JournalException("JournalUnsafe", Text.Format(Messages.Journal_Open, path, PrivateFiles.Octal(mode.Value)));
        }

        private void Load(TimeSpan maxAge, DateTime utcNow)
        {
            if (_stream.Length == 0)
            {
                Secret = new byte[32];
                using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(Secret);
                var header = Encoding.UTF8.GetBytes("{\"journal\":\"" + Magic + "\",\"version\":" + FormatVersion + ",\"secret\":\"" + Convert.ToBase64String(Secret) + "\"}\n");
                _stream.Write(header, 0, header.Length);
                _stream.Flush(true);
                _end = header.Length;
                return;
            }

            bool reuse = maxAge > TimeSpan.Zero;
            uint oldest = reuse ? Seconds(utcNow - maxAge) : uint.MaxValue;
            var buffer = new byte[1 << 20];
            int filled = 0, start = 0;
            long bufferAt = 0, lineNumber = 0, goodEnd = 0, skipped = 0;
            _stream.Seek(0, SeekOrigin.Begin);
            while (true)
            {
                int n = _stream.Read(buffer, filled, buffer.Length - filled);
                if (n == 0) break;
                filled += n;
                int nl;
                while ((nl = Array.IndexOf(buffer, (byte)'\n', start, filled - start)) >= 0)
                {
                    lineNumber++;
                    if (lineNumber == 1) Secret = ReadHeader(Encoding.UTF8.GetString(buffer, start, nl - start), Path);
                    else if (!IndexLine(buffer, start, nl - start, bufferAt + start, oldest, reuse)) skipped++;
                    start = nl + 1;
                    goodEnd = bufferAt + start;
                }
                if (filled - start > MaxLine) throw new JournalException("JournalUnreadable", Text.Format(Messages.Journal_LongLine, Path, MaxLine));
                // Keep the unfinished line at the front and read on.
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                bufferAt += start;
                filled -= start;
                start = 0;
            }
            if (lineNumber == 0) Secret = ReadHeader(Encoding.UTF8.GetString(buffer, 0, filled), Path);
            if (skipped > 0) _warnings.Add(Text.Format(Messages.Journal_LinesSkipped, skipped, Path));
            if (filled > 0)
            {
                // A run killed mid-write leaves a torn last line: drop it so the next answer starts a line of its own.
                _warnings.Add(Text.Format(Messages.Journal_TornLine, Path));
                _stream.SetLength(goodEnd);
                _stream.Flush(true);
            }
            _end = goodEnd;
        }

        private bool IndexLine(byte[] b, int at, int length, long offset, uint oldest, bool reuse)
        {
            if (length < MinEntry || !Matches(b, at, KeyPrefix) || !Matches(b, at + KeyAt + 32, TimePrefix) || !Matches(b, at + TimeAt + 20, DetailPrefix))
                return false;
            if (!IdentityKey.TryParseHex(b, at + KeyAt, out var key) || !TryTime(b, at + TimeAt, out uint seconds)) return false;
            byte d = b[at + DetailAt];
            if (d != '0' && d != '1') return false;
            if (!reuse || seconds < oldest) return true;
            var slot = new Slot { Offset = offset, Seconds = seconds, Detail = d == '1' };
            // A later answer replaces an earlier one, unless only the earlier one says which element failed.
            if (_index.TryGetValue(key, out var known) && known.Detail && !slot.Detail) return true;
            _index[key] = slot;
            return true;
        }

        private static bool Matches(byte[] b, int at, byte[] expected)
        {
            for (int i = 0; i < expected.Length; i++) if (b[at + i] != expected[i]) return false;
            return true;
        }

        private static bool TryTime(byte[] b, int at, out uint seconds)
        {
            seconds = 0;
            int Num(int from, int count)
            {
                int v = 0;
                for (int i = from; i < from + count; i++)
                {
                    int d = b[at + i] - '0';
                    if (d < 0 || d > 9) return -1;
                    v = v * 10 + d;
                }
                return v;
            }
            int year = Num(0, 4), month = Num(5, 2), day = Num(8, 2), hour = Num(11, 2), minute = Num(14, 2), second = Num(17, 2);
            if (year < 2000 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || b[at + 19] != 'Z')
                return false;
            seconds = Seconds(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc));
            return true;
        }

        private static uint Seconds(DateTime utc) => utc <= Epoch ? 0 : (uint)Math.Min(uint.MaxValue, (utc - Epoch).TotalSeconds);

        private static byte[] ReadHeader(string line, string path)
        {
            try
            {
                if (StrictJsonReader.Parse(line ?? string.Empty) is Dictionary<string, object> header
                    && header.TryGetValue("journal", out var magic) && (magic as string) == Magic
                    && header.TryGetValue("version", out var version) && version is double v && v == FormatVersion
                    && header.TryGetValue("secret", out var secret) && secret is string s)
                {
                    var bytes = Convert.FromBase64String(s);
                    if (bytes.Length == 32) return bytes;
                }
            }
            catch (FormatException) { }
            throw new JournalException("JournalUnreadable", Text.Format(Messages.Journal_NotAJournal, path, FormatVersion));
        }

        private static JournalEntry TryParse(string line)
        {
            try
            {
                if (!(StrictJsonReader.Parse(line) is Dictionary<string, object> map)) return null;
                var entry = new JournalEntry
                {
                    Time = DateTime.ParseExact((string)map["t"], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                    AskedWithDetail = (double)map["d"] == 1,
                    Mobile = map["m"] as string,
                    StatusKind = (CheckStatus)Enum.Parse(typeof(CheckStatus), (string)map["s"]),
                    ErrorCode = (int)(double)map["e"],
                    Res = (int)(double)map["r"],
                    ResCode = map["c"] as string,
                    OrderId = map["o"] as string,
                    ResMessage = map["msg"] as string,
                    Reason = map["why"] as string,
                };
                if (map["dt"] is string detail) entry.DetailKind = (MatchDetail)Enum.Parse(typeof(MatchDetail), detail);
                return entry;
            }
            catch (Exception ex) when (ex is FormatException || ex is KeyNotFoundException || ex is InvalidCastException || ex is ArgumentException || ex is NullReferenceException)
            {
                return null;
            }
        }
    }
}
