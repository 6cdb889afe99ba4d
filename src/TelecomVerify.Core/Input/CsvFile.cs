using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using TelecomVerify.Resources;

namespace TelecomVerify.Input
{
    /// <summary>
    /// A CSV file as HR systems export it, read the way Import-Csv reads it (RFC 4180: quoted fields
    /// with doubled quotes and line breaks inside, CRLF or LF, a trailing empty line), but with the
    /// encoding found rather than assumed: a byte-order mark if there is one, else UTF-8 if every byte
    /// is valid UTF-8, else GB18030 (what Excel on Chinese Windows writes). The delimiter is found too:
    /// Excel's "Unicode text" save is UTF-16 with TABs. Streams.
    /// </summary>
    internal static class CsvFile
    {
        private const int Sample = 1 << 20;

        /// <summary>A staff list's cell is a name, a number, a department: a field far longer is a hostile or broken file, refused before it fills memory.</summary>
        public const int MaxField = 32 * 1024;

        /// <summary>Columns a row may have; a staff list has a dozen.</summary>
        public const int MaxColumns = 1024;

        /// <summary>The file's encoding, and its name for messages.</summary>
        public static Encoding DetectEncoding(string path)
        {
            var head = new byte[Sample];
            int length;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete)) length = ReadUpTo(stream, head);
            if (length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) return new UTF8Encoding(true);
            if (length >= 2 && head[0] == 0xFF && head[1] == 0xFE) return new UnicodeEncoding(false, true);
            if (length >= 2 && head[0] == 0xFE && head[1] == 0xFF) return new UnicodeEncoding(true, true);
            // Valid UTF-8 throughout the first megabyte (a character cut at its end is allowed).
            var decoder = new UTF8Encoding(false, true).GetDecoder();
            try
            {
                decoder.GetCharCount(head, 0, length, flush: length < Sample);
                return new UTF8Encoding(false);
            }
            catch (DecoderFallbackException)
            {
                return Gb18030();
            }
        }

        /// <summary>
        /// GB18030 (code page 54936), a superset of GBK/936. .NET Framework has it built in; .NET needs the code
        /// pages provider registered, which PowerShell 7 does at start-up. No fallback to 936: it comes from the
        /// same provider, so where 54936 is missing 936 is too.
        /// </summary>
        public static Encoding Gb18030() => Encoding.GetEncoding(54936);

        /// <summary>How many lines the delimiter is looked for in: a roster's title and blank lines come first.</summary>
        public const int DelimiterLines = 20;

        /// <summary>
        /// TAB when the first line that holds a TAB or a comma holds TABs and no comma (Excel's "Unicode
        /// text", and most "tab-delimited" exports); a comma otherwise, as Import-Csv assumes.
        /// </summary>
        public static char DetectDelimiter(string path, Encoding encoding)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true))
            {
                bool tab = false;
                for (long lines = 0, read = 0, c; lines < DelimiterLines && read++ < DelimiterLines * (long)MaxField && (c = reader.Read()) >= 0;)
                {
                    if (c == ',') return ',';
                    if (c == '\t') tab = true;
                    if (c != '\n') continue;
                    if (tab) return '\t';
                    lines++;
                }
                if (tab) return '\t';
            }
            return ',';
        }

        /// <summary>Each record's fields, numbered by the line it starts on; blank lines and records whose every field is empty are no rows (their numbers stay taken). A record shorter than the header leaves the rest null, as Import-Csv does.</summary>
        /// <exception cref="InputFileException">InputTooLarge: a field or a row beyond the limits.</exception>
        public static IEnumerable<FileRecord> ReadRecords(string path, Encoding encoding, char delimiter = ',', System.Threading.CancellationToken cancel = default)
        {
            // Opened for reading with others still writing: Excel keeps a CSV it has open locked for writing only.
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true))
            {
                string[] record;
                long records = 0, line = 1;
                while (true)
                {
                    long start = line;
                    // A quoted field may hold line breaks: the record is numbered by its first line, the next one after its last.
                    if ((record = ReadRecord(reader, path, delimiter, start, ref line)) == null) break;
                    if ((++records & 1023) == 0) cancel.ThrowIfCancellationRequested();
                    if (!FileRecord.IsEmpty(record)) yield return new FileRecord(start, record);
                }
            }
        }

        private static InputFileException TooLarge(string path, long record, string what, int limit) =>
            new InputFileException("InputTooLarge", Text.Format(what, path, record, limit));

        private static string[] ReadRecord(TextReader reader, string path, char delimiter, long number, ref long line)
        {
            int c = reader.Peek();
            if (c < 0) return null;
            var fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = false, wasQuoted = false;
            while (true)
            {
                c = reader.Read();
                if (c < 0) { fields.Add(field.ToString()); return fields.ToArray(); }
                char ch = (char)c;
                if (field.Length >= MaxField) throw TooLarge(path, number, Messages.Input_FieldTooLong, MaxField);
                if (fields.Count >= MaxColumns) throw TooLarge(path, number, Messages.Input_TooManyColumns, MaxColumns);
                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                        else quoted = false;
                    }
                    else
                    {
                        if (ch == '\n' || (ch == '\r' && reader.Peek() != '\n')) line++;
                        field.Append(ch);
                    }
                    continue;
                }
                if (ch == '"' && field.Length == 0 && !wasQuoted) { quoted = wasQuoted = true; continue; }
                if (ch == delimiter) { fields.Add(field.ToString()); field.Clear(); wasQuoted = false; continue; }
                if (ch == '\r') { if (reader.Peek() == '\n') reader.Read(); line++; fields.Add(field.ToString()); return fields.ToArray(); }
                if (ch == '\n') { line++; fields.Add(field.ToString()); return fields.ToArray(); }
                field.Append(ch);
            }
        }

        private static int ReadUpTo(Stream stream, byte[] buffer)
        {
            int total = 0, n;
            while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0) total += n;
            return total;
        }
    }
}
