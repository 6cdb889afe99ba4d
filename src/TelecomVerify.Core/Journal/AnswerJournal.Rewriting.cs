using System;
using System.IO;
using System.Text;
using TelecomVerify.Resources;

namespace TelecomVerify.Journal
{
    /// <summary>A journal of format 2 rewritten in format 3 by the first run that writes to it: atomically, its people and answers kept.</summary>
    public sealed partial class AnswerJournal
    {
        /// <summary>
        /// Each authentic line of the old file, sealed in its new place, into a new owner-only file beside it that
        /// replaces it once whole: a kill at any moment leaves the old journal or the new one. Lines that were not
        /// trusted are left behind (they served nothing). The salt stays, so the identities' keys stay too.
        /// </summary>
        private static AnswerJournal RewriteInCurrentFormat(AnswerJournal old, string path, JournalSettings settings)
        {
            var warnings = old._warnings.ToArray();
            try
            {
                using (var keys = JournalKeys.Derive(settings.ApiKey, settings.Host, settings.Origin, old._salt, FormatVersion))
                    JournalFiles.ReplaceWhole(path, stream => old.CopySealed(keys, stream), () => old._stream.Dispose());
            }
            finally
            {
                old._stream.Dispose();
                old._keys.Dispose();
            }
            var fresh = Open(path, settings);
            fresh._warnings.InsertRange(0, warnings);
            fresh._warnings.Add(Text.Format(Messages.Journal_Rewritten, path, FormatVersion));
            return fresh;
        }

        private void CopySealed(JournalKeys keys, Stream to)
        {
            var header = HeaderLine(_salt, keys);
            to.Write(header, 0, header.Length);
            long place = 1;
            _stream.Seek(0, SeekOrigin.Begin);
            var reader = new BufferedStream(_stream, 1 << 16);
            var line = new MemoryStream();
            bool first = true;
            for (int c; (c = reader.ReadByte()) >= 0;)
            {
                if (c != '\n')
                {
                    if (line.Length <= MaxLine) line.WriteByte((byte)c);
                    continue;
                }
                byte[] b = line.GetBuffer();
                int length = (int)line.Length;
                line.SetLength(0);
                if (first) { first = false; continue; }
                if (length > MaxLine || !JournalLine.IsAuthentic(b, 0, length, _keys)) continue;
                // The content is the line without its MAC, closed as the object it was.
                string content = Encoding.UTF8.GetString(b, 0, length - JournalLine.MacSuffixLength) + "}";
                var sealedLine = JournalEnvelope.Seal(content, ++place, keys);
                to.Write(sealedLine, 0, sealedLine.Length);
            }
        }
    }
}
