using System.Collections.Generic;
using System.IO;
using System.Text;
using TelecomVerify.Resources;

namespace TelecomVerify.Journal
{
    /// <summary>Reading a journal for an audit (Get-JuheJournal): only with the key it was written with, never a line as written.</summary>
    public sealed partial class AnswerJournal
    {
        private const int MaxAuditLine = 4096;

        /// <summary>
        /// Every entry, oldest first, for an audit. No lock: a run may be writing it. Without the key nothing is
        /// read: a format-3 line is unreadable without it, and a format-2 line shown as written could be a
        /// forgery carrying terminal controls, a formula or a whole mobile.
        /// </summary>
        public static IEnumerable<JournalEntry> ReadAll(string path, JournalSettings settings, List<string> warnings)
        {
            path = System.IO.Path.GetFullPath(path);
            JournalFiles.RefuseUnsafe(path, settings?.Ownership);
            using (var stream = JournalFiles.OpenForReading(path))
            using (var reader = new StreamReader(stream, new UTF8Encoding(false, false)))
            {
                var header = ReadHeader(BoundedLine(reader), path);
                if (header.Version == 1 || string.IsNullOrEmpty(settings?.ApiKey))
                {
                    warnings?.Add(Text.Format(header.Version == 1 ? Messages.Journal_OldVersionAudit : Messages.Journal_Unauthenticated, path));
                    yield break;
                }
                using (var keys = KeysFor(header, settings, path))
                {
                    string line;
                    long skipped = 0, number = 1;
                    while ((line = BoundedLine(reader)) != null)
                    {
                        number++;
                        var entry = AuditLine(line, number, keys, header.Version, out bool damaged);
                        if (entry != null) yield return entry;
                        else if (damaged) skipped++;
                    }
                    if (skipped > 0) warnings?.Add(Text.Format(Messages.Journal_Untrusted, skipped, path));
                }
            }
        }

        /// <summary>An answer's entry; null for a run's line (not an answer) and for a damaged one, which <paramref name="damaged"/> tells apart.</summary>
        private static JournalEntry AuditLine(string line, long number, JournalKeys keys, int version, out bool damaged)
        {
            damaged = true;
            // The zeros a run keeps in reserve after its last line (left there by a run that was killed) are no line.
            if (line.Length > 0 && line[0] == '\0') { damaged = false; return null; }
            // A line longer than any the journal writes is no entry; it costs a scan, not its size in memory.
            if (line.Length == 0 || line.Length > MaxAuditLine) { damaged = line.Length > 0; return null; }
            var bytes = Encoding.UTF8.GetBytes(line);
            var content = Content(bytes, 0, bytes.Length, keys, version, out long sequence, out int from, out int length);
            if (content == null || (version >= 3 && sequence != number)) return null;
            // How runs began and ended is not an answer: passed over here, read by LastRun.
            if (JournalRun.IsRunLine(content, from, length)) { damaged = false; return null; }
            var entry = JournalLine.TryParse(Encoding.UTF8.GetString(content, from, length));
            damaged = entry == null;
            return entry;
        }

        /// <exception cref="JournalException">JournalForAnotherAccount.</exception>
        private static JournalKeys KeysFor(Header header, JournalSettings settings, string path)
        {
            var keys = JournalKeys.Derive(settings.ApiKey, settings.Host, settings.Origin, header.Salt, header.Version);
            if (keys.AccountCheck(header.Salt) == header.Check) return keys;
            keys.Dispose();
            throw new JournalException("JournalForAnotherAccount", Text.Format(Messages.Journal_ForAnotherAccount, path, settings.Origin ?? settings.Host));
        }

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
    }
}
