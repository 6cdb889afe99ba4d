using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using TelecomVerify.Resources;
using TelecomVerify.Validation;

namespace TelecomVerify.Input
{
    /// <summary>
    /// A file that -Path names, as rows of text under a header: a CSV or TAB-separated text read in the
    /// encoding and with the delimiter found in it, or one worksheet of a workbook. The header is found
    /// below a roster's title; its data rows are counted when it is opened, so that progress can say "N of M".
    /// </summary>
    internal sealed class RowFile
    {
        /// <summary>How far down a header is looked for: a roster's title, a date line and blank lines come first.</summary>
        public const int HeaderSearchLines = 20;

        private readonly Encoding _encoding;
        private readonly char _delimiter;

        private RowFile(string path, Encoding encoding, char delimiter, RowFileOptions options, CancellationToken cancel)
        {
            Path = path;
            _encoding = encoding;
            _delimiter = delimiter;
            Worksheet = options.Worksheet;
            HeaderRow = FindHeader(options, cancel, out bool found);
            HeaderFoundBelowTitle = found;
            // One pass before the run, whatever the kind of file: the header and what stands above it are no rows. Ctrl+C ends it.
            long rows = 0;
            foreach (var record in ReadRecords(cancel)) if (record.Number > HeaderRow) rows++;
            Rows = rows;
        }

        public string Path { get; }

        /// <summary>Data rows: the header, the lines above it and empty rows not counted.</summary>
        public long Rows { get; }

        /// <summary>The worksheet read; null for text.</summary>
        public string Worksheet { get; }

        public bool IsWorkbook => Worksheet != null;

        /// <summary>The line (or Excel row) whose cells are the column names.</summary>
        public long HeaderRow { get; }

        /// <summary>The header was found below the first row (a title above it), not named by the user.</summary>
        public bool HeaderFoundBelowTitle { get; }

        /// <summary>The text's encoding as a web name (utf-8, gb18030), for verbose output; null for a workbook.</summary>
        public string EncodingName => _encoding?.WebName;

        /// <summary>The text's delimiter; for a workbook, none.</summary>
        public char Delimiter => _delimiter;

        /// <exception cref="InputFileException">A worksheet named for text, a delimiter for a workbook, an unknown worksheet or header row, an unreadable workbook.</exception>
        /// <exception cref="OperationCanceledException">Ctrl+C while the file is opened or counted.</exception>
        public static RowFile Open(string path, RowFileOptions options, CancellationToken cancel = default)
        {
            try { return OpenFile(path, options ?? new RowFileOptions(), cancel); }
            catch (IOException ex) when (Credentials.FileFailure.Classify(ex) == Credentials.FileFailureKind.InUse)
            {
                // Another program (Excel, most often) holds the file exclusively.
                throw new InputFileException("InputFileLocked", Text.Format(Messages.Input_Locked, path), ex);
            }
        }

        private static RowFile OpenFile(string path, RowFileOptions options, CancellationToken cancel)
        {
            var kind = WorkbookFile.KindOf(path);
            if (kind == WorkbookKind.None && WorkbookFile.IsWorkbook(path))
            {
                if (LooksLikeWebPage(path)) throw new InputFileException("WorkbookUnreadable", Text.Format(Messages.Workbook_WebPage, path));
                // Text saved as .xls is what some HR systems export; an .xlsx that is no zip is damaged, and its reader says so.
                if (!path.EndsWith(".xls", StringComparison.OrdinalIgnoreCase)) kind = WorkbookKind.OpenXml;
            }
            if (kind != WorkbookKind.None)
            {
                if (options.Delimiter != null)
                    throw new InputFileException("DelimiterWithoutText", Text.Format(Messages.Input_DelimiterForWorkbook, path));
                WorkbookFile.RefuseOversized(path, cancel);
                var sheet = new RowFileOptions { Worksheet = options.Worksheet ?? WorkbookFile.WorksheetNames(path, cancel)[0], HeaderRow = options.HeaderRow, FieldsNamed = options.FieldsNamed };
                return new RowFile(path, null, '\0', sheet, cancel);
            }
            // Text, whatever its name: some HR systems save TAB-separated text as ".xls".
            if (options.Worksheet != null)
                throw new InputFileException("WorksheetWithoutWorkbook", Text.Format(Messages.Workbook_NotAWorkbook, path));
            var encoding = CsvFile.DetectEncoding(path);
            return new RowFile(path, encoding, options.Delimiter ?? CsvFile.DetectDelimiter(path, encoding), options, cancel);
        }

        /// <summary>
        /// The header is the first row, unless that row names no field and a row within the first
        /// <see cref="HeaderSearchLines"/>, before any data, names all three: a roster with its title above.
        /// </summary>
        private long FindHeader(RowFileOptions options, CancellationToken cancel, out bool found)
        {
            found = false;
            if (options.HeaderRow > 0)
            {
                foreach (var record in ReadRecords(cancel))
                {
                    if (record.Number == options.HeaderRow) return record.Number;
                    if (record.Number > options.HeaderRow) break;
                }
                throw new InputFileException("HeaderRowNotFound", Text.Format(Messages.Input_HeaderRowEmpty, Path, options.HeaderRow));
            }
            long first = 0;
            foreach (var record in ReadRecords(cancel))
            {
                if (first == 0)
                {
                    first = record.Number;
                    if (options.FieldsNamed == null || options.FieldsNamed(record.Fields) > 0 || IsData(record)) break;
                    continue;
                }
                if (record.Number > HeaderSearchLines || IsData(record)) break;
                if (options.FieldsNamed(record.Fields) == 3)
                {
                    found = true;
                    return record.Number;
                }
            }
            return first;
        }

        private static bool IsData(FileRecord record) => record.Fields.Any(IdentityShape.IsIdentity);

        private static bool LooksLikeWebPage(string path)
        {
            var head = new byte[512];
            int length;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                length = stream.Read(head, 0, head.Length);
            // A BOM, spaces and the NULs of UTF-16 before the first '<' of <html> or <table>.
            foreach (byte b in head.Take(length))
            {
                if (b == 0 || b == 0xEF || b == 0xBB || b == 0xBF || b == 0xFF || b == 0xFE || b == ' ' || b == '\r' || b == '\n' || b == '\t') continue;
                return b == '<';
            }
            return false;
        }

        /// <summary>
        /// The data rows, each with the header's column names and its number in the file: what Import-Csv would
        /// make of each (an empty header cell named H1, H2…, as Import-Csv names it).
        /// </summary>
        /// <exception cref="InputFileException">DuplicateColumn: two columns of one name could not be told apart.</exception>
        public IEnumerable<FileRow> ReadRows(CancellationToken cancel = default)
        {
            string[] header = null;
            foreach (var record in ReadRecords(cancel))
            {
                if (record.Number < HeaderRow) continue;
                if (header != null) { yield return new FileRow(header, record.Fields, record.Number); continue; }
                header = new string[record.Fields.Length];
                for (int i = 0; i < header.Length; i++) header[i] = string.IsNullOrEmpty(record.Fields[i]) ? "H" + (i + 1) : record.Fields[i];
                if (new HashSet<string>(header, StringComparer.OrdinalIgnoreCase).Count != header.Length)
                    throw new InputFileException("DuplicateColumn", Text.Format(Messages.Input_DuplicateColumn, Path));
            }
        }

        /// <summary>Every row that is not empty, the header and what stands above it included, each with the number the file gives it.</summary>
        public IEnumerable<FileRecord> ReadRecords(CancellationToken cancel = default) =>
            IsWorkbook ? WorkbookFile.ReadRecords(Path, Worksheet, cancel) : CsvFile.ReadRecords(Path, _encoding, _delimiter, cancel);
    }
}
