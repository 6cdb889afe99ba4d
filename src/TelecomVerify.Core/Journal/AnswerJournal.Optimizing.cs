using System;
using System.IO;
using System.Linq;
using System.Text;
using TelecomVerify.Credentials;
using TelecomVerify.Resources;

namespace TelecomVerify.Journal
{
    /// <summary>Optimize-JuheJournal: a journal kept to one entry per identity within a retention, so that a nightly job's start-up follows the people kept, not the nights run.</summary>
    public sealed partial class AnswerJournal
    {
        /// <summary>An age no answer reaches: without -RetainFor nothing expires.</summary>
        private static readonly TimeSpan Forever = TimeSpan.FromDays(365 * 200);

        /// <summary>
        /// Rewrites the journal at <paramref name="path"/> with, for each identity, only the entry a run would serve
        /// (the newest trusted answer, or a possibly billed request when no answer is known), none older than
        /// <paramref name="retainFor"/>, no untrusted line, and the last run's line. Atomic (a new owner-only file
        /// beside the old, flushed, renamed over it, the folder flushed) and under the journal's lock, so a kill at any
        /// moment leaves the old journal or the new one. The salt stays, so every identity is found again. With
        /// <see cref="JournalSettings.ReadOnly"/> (-WhatIf) nothing is written and the counts say what would go.
        /// </summary>
        public static JournalOptimization Optimize(string path, JournalSettings settings, TimeSpan? retainFor)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            settings.MaxAge = retainFor ?? Forever;
            path = System.IO.Path.GetFullPath(path);
            long before = new FileInfo(path).Length;
            using (var journal = Open(path, settings) ?? throw new FileNotFoundException(null, path))
            {
                var result = new JournalOptimization
                {
                    Path = path,
                    Kept = journal._index.Count,
                    Expired = journal._expired,
                    Untrusted = journal._untrusted,
                    BytesBefore = before,
                    WhatIf = settings.ReadOnly,
                };
                result.Superseded = journal._answerLines - journal._expired - result.Kept;
                if (settings.ReadOnly)
                {
                    result.BytesAfter = journal.CopyKept(Stream.Null);
                    return result;
                }
                // Unix renames over a file held open, so the lock is kept to the end; Windows renames only once it is let go.
                JournalFiles.ReplaceWhole(path, stream => result.BytesAfter = journal.CopyKept(stream),
                    PrivateFiles.IsWindows ? (Action)(() => journal._stream.Dispose()) : null);
                return result;
            }
        }

        /// <summary>The header, then each kept line in its old order, sealed at its new place; returns the bytes written.</summary>
        private long CopyKept(Stream to)
        {
            var header = HeaderLine(_salt, _keys);
            to.Write(header, 0, header.Length);
            long written = header.Length, place = 1;
            var offsets = _index.Values.Select(slot => slot.Offset);
            if (_lastRunAt >= 0) offsets = offsets.Concat(new[] { _lastRunAt });
            var buffer = new byte[MaxAuditLine * 2];
            foreach (long offset in offsets.OrderBy(o => o))
            {
                int length = ReadLine(offset, buffer);
                var content = Content(buffer, 0, length, _keys, _version, out _, out int from, out int contentLength);
                // Loading trusted it a moment ago, under the lock: a line that no longer opens was changed under it.
                if (content == null) throw new JournalException("JournalUnreadable", Text.Format(Messages.Journal_Changed, Path, offset));
                // A journal of format 2 is only read here (-WhatIf): its content is the line without its MAC, as the rewrite takes it.
                string text = _version < 3 ? Encoding.UTF8.GetString(content, from, contentLength - JournalLine.MacSuffixLength) + "}"
                    : Encoding.UTF8.GetString(content, from, contentLength);
                var line = JournalEnvelope.Seal(text, ++place, _keys);
                to.Write(line, 0, line.Length);
                written += line.Length;
            }
            return written;
        }
    }
}
