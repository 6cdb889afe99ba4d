using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using TelecomVerify.Resources;

namespace TelecomVerify.Input
{
    /// <summary>
    /// A file that -Path names, as rows of text with the header first: a CSV read in the encoding found
    /// in it, or one worksheet of a workbook. Its data rows are counted when it is opened, so that
    /// progress can say "N of M".
    /// </summary>
    public sealed class RowFile
    {
        private readonly Encoding _encoding;

        private RowFile(string path, Encoding encoding, string worksheet, CancellationToken cancel)
        {
            Path = path;
            _encoding = encoding;
            Worksheet = worksheet;
            // One pass before the run, whatever the kind of file: the header is not a row. Ctrl+C ends it.
            long rows = -1;
            foreach (var _ in ReadRecords(cancel)) rows++;
            Rows = Math.Max(0, rows);
        }

        public string Path { get; }

        /// <summary>Data rows, the header not counted.</summary>
        public long Rows { get; }

        /// <summary>The worksheet read; null for a CSV.</summary>
        public string Worksheet { get; }

        public bool IsWorkbook => Worksheet != null;

        /// <summary>The CSV's encoding as a web name (utf-8, gb18030), for verbose output; null for a workbook.</summary>
        public string EncodingName => _encoding?.WebName;

        /// <param name="worksheet">For a workbook, the worksheet to read (null: the first); must be null for a CSV.</param>
        /// <exception cref="InputFileException">An .xls, a worksheet named for a CSV, an unknown worksheet, an unreadable workbook.</exception>
        /// <exception cref="OperationCanceledException">Ctrl+C while the file is opened or counted.</exception>
        public static RowFile Open(string path, string worksheet, CancellationToken cancel = default)
        {
            try { return OpenFile(path, worksheet, cancel); }
            catch (System.IO.IOException ex) when (Credentials.FileFailure.Classify(ex) == Credentials.FileFailureKind.InUse)
            {
                // Another program (Excel, most often) holds the file exclusively.
                throw new InputFileException("InputFileLocked", Text.Format(Messages.Input_Locked, path), ex);
            }
        }

        private static RowFile OpenFile(string path, string worksheet, CancellationToken cancel)
        {
            if (path.EndsWith(".xls", StringComparison.OrdinalIgnoreCase))
                throw new InputFileException("WorkbookNotSupported", Messages.Workbook_Xls);
            if (WorkbookFile.IsWorkbook(path))
            {
                WorkbookFile.RefuseOversized(path);
                string sheet = worksheet ?? WorkbookFile.WorksheetNames(path)[0];
                return new RowFile(path, null, sheet, cancel);
            }
            if (worksheet != null)
                throw new InputFileException("WorksheetWithoutWorkbook", Text.Format(Messages.Workbook_NotAWorkbook, path));
            return new RowFile(path, CsvFile.DetectEncoding(path), null, cancel);
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
                if (header != null) { yield return new FileRow(header, record.Fields, record.Number); continue; }
                header = new string[record.Fields.Length];
                for (int i = 0; i < header.Length; i++) header[i] = string.IsNullOrEmpty(record.Fields[i]) ? "H" + (i + 1) : record.Fields[i];
                if (new HashSet<string>(header, StringComparer.OrdinalIgnoreCase).Count != header.Length)
                    throw new InputFileException("DuplicateColumn", Text.Format(Messages.Input_DuplicateColumn, Path));
            }
        }

        /// <summary>The header, then each row, each with the number the file gives it.</summary>
        public IEnumerable<FileRecord> ReadRecords(CancellationToken cancel = default) =>
            IsWorkbook ? WorkbookFile.ReadRecords(Path, Worksheet, cancel) : CsvFile.ReadRecords(Path, _encoding, cancel);
    }
}
