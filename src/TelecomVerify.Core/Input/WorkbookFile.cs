using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using TelecomVerify.Resources;

namespace TelecomVerify.Input
{
    /// <summary>
    /// One worksheet of an Excel workbook (.xlsx, or the Excel 97-2003 .xls that older HR and payroll
    /// systems still write) as rows of text, the way <see cref="CsvFile"/> reads a CSV. Rows are
    /// streamed (the sheet is read forward), so a large workbook costs only its shared-string table.
    /// </summary>
    internal static class WorkbookFile
    {
        /// <summary>A name a workbook goes by: .xlsx, .xlsm, or the old .xls.</summary>
        public static bool IsWorkbook(string path) =>
            path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".xlsm", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".xls", StringComparison.OrdinalIgnoreCase);

        /// <summary>What the file's first bytes say it is, whatever its name: HR systems often save a web page or a TAB-separated text as ".xls".</summary>
        public static WorkbookKind KindOf(string path)
        {
            var head = new byte[8];
            int length;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                length = stream.Read(head, 0, head.Length);
            if (length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return WorkbookKind.OpenXml;
            if (length == 8 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0
                && head[4] == 0xA1 && head[5] == 0xB1 && head[6] == 0x1A && head[7] == 0xE1) return WorkbookKind.Binary;
            return WorkbookKind.None;
        }

        /// <summary>An .xls holds its strings uncompressed: the file's size bounds what they cost. Excel 97-2003 sheets stop at 65 536 rows.</summary>
        public const long MaxBinaryWorkbook = 128L << 20;

        /// <summary>What the parts of a workbook may unpack to. The reader loads the shared strings whole, and
        /// a sheet is read through to count its rows: a small file that unpacks to gigabytes (a zip bomb, a
        /// million long strings) is refused before either happens. Excel's largest sheet, 1 048 576 rows of
        /// a dozen columns, stays well inside.</summary>
        public const long MaxSharedStrings = 256L << 20, MaxSheet = 1L << 30;

        /// <exception cref="InputFileException">InputTooLarge, naming the part and the limit.</exception>
        public static void RefuseOversized(string path, System.Threading.CancellationToken cancel = default)
        {
            if (KindOf(path) == WorkbookKind.Binary)
            {
                if (new FileInfo(path).Length > MaxBinaryWorkbook)
                    throw new InputFileException("InputTooLarge", Text.Format(Messages.Workbook_XlsTooLarge, path, MaxBinaryWorkbook >> 20));
                return;
            }
            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read))
                    foreach (var entry in zip.Entries)
                    {
                        string name = entry.FullName.ToLowerInvariant();
                        long limit = name.EndsWith("sharedstrings.xml", StringComparison.Ordinal) ? MaxSharedStrings
                            : name.StartsWith("xl/worksheets/", StringComparison.Ordinal) ? MaxSheet : MaxSheet;
                        if (entry.Length > limit)
                            throw new InputFileException("InputTooLarge", Text.Format(Messages.Workbook_TooLarge, path, entry.FullName, limit >> 20));
                        if (limit == MaxSharedStrings) RefuseLongStrings(entry, path, cancel);
                    }
            }
            catch (InvalidDataException ex)
            {
                throw new InputFileException("WorkbookUnreadable", Text.Format(Messages.Workbook_Unreadable, path, ex.GetType().Name), ex);
            }
        }

        /// <summary>
        /// The reader builds each shared string whole, with copies: one 200 MB string under the part's cap costs
        /// gigabytes. No cell of a staff list is longer than <see cref="CsvFile.MaxField"/>, so a string past it is
        /// refused here, read in chunks, before the reader sees the table.
        /// </summary>
        private static void RefuseLongStrings(System.IO.Compression.ZipArchiveEntry entry, string path, System.Threading.CancellationToken cancel)
        {
            var settings = new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null };
            try
            {
                using (var xml = System.Xml.XmlReader.Create(new CancellableStream(entry.Open(), cancel), settings))
                {
                    var buffer = new char[8192];
                    long length = 0;
                    while (xml.Read())
                    {
                        if (xml.NodeType == System.Xml.XmlNodeType.Element && xml.LocalName == "si") length = 0;
                        if (xml.NodeType != System.Xml.XmlNodeType.Text && xml.NodeType != System.Xml.XmlNodeType.CDATA) continue;
                        for (int n; (n = xml.ReadValueChunk(buffer, 0, buffer.Length)) > 0;)
                            if ((length += n) > CsvFile.MaxField)
                                throw new InputFileException("InputTooLarge", Text.Format(Messages.Workbook_StringTooLong, path, CsvFile.MaxField));
                    }
                }
            }
            // A table the scan cannot read, the reader will refuse by its own kind, as any damaged workbook.
            catch (System.Xml.XmlException) { }
        }

        /// <summary>The worksheets, in workbook order.</summary>
        public static IReadOnlyList<string> WorksheetNames(string path, System.Threading.CancellationToken cancel = default)
        {
            var names = new List<string>();
            using (var reader = Open(path, cancel))
            {
                do names.Add(reader.SheetName);
                while (reader.NextSheet());
            }
            return names;
        }

        /// <summary>Each row's cells as text, numbered as Excel numbers its rows; rows with no cell filled are left out, as blank lines of a CSV are.</summary>
        /// <param name="worksheet">A worksheet's name (case-insensitive); null for the first.</param>
        public static IEnumerable<FileRecord> ReadRecords(string path, string worksheet, System.Threading.CancellationToken cancel = default)
        {
            using (var reader = Open(path, cancel))
            {
                if (!MoveTo(reader, worksheet))
                    throw new InputFileException("WorksheetNotFound", Text.Format(Messages.Workbook_NoSheet, path, worksheet, string.Join(", ", WorksheetNames(path, cancel))));
                long row = 0;
                while (reader.NextRow())
                {
                    if ((++row & 1023) == 0) cancel.ThrowIfCancellationRequested();
                    if (reader.FieldCount > CsvFile.MaxColumns)
                        throw new InputFileException("InputTooLarge", Text.Format(Messages.Input_TooManyColumns, path, row, CsvFile.MaxColumns));
                    var record = new string[reader.FieldCount];
                    for (int i = 0; i < record.Length; i++)
                    {
                        record[i] = CellText(reader.Cell(i));
                        if (record[i].Length > CsvFile.MaxField)
                            throw new InputFileException("InputTooLarge", Text.Format(Messages.Input_FieldTooLong, path, row, CsvFile.MaxField));
                    }
                    // The reader gives every row from the first, empty ones between included: its count is Excel's number.
                    if (!FileRecord.IsEmpty(record)) yield return new FileRecord(row, record);
                }
            }
        }

        /// <summary>
        /// A cell as PowerShell would print what Import-Excel gives for it. A number takes 15
        /// significant digits, as both PowerShell and Excel show one: an ID number Excel stored as a
        /// number comes out in scientific notation (4.40306198512121E+17), which validation answers
        /// with "format the column as text", the digits Excel dropped being gone.
        /// </summary>
        internal static string CellText(object value)
        {
            switch (value)
            {
                case null: return string.Empty; // an empty cell reads as Import-Csv reads an empty field
                case string s: return s;
                case double d: return d.ToString("G15", CultureInfo.InvariantCulture);
                case DateTime t: return t.TimeOfDay == TimeSpan.Zero
                    ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                case bool b: return b ? "TRUE" : "FALSE";
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                default: return value.ToString();
            }
        }

        private static IWorkbookSheets Open(string path, System.Threading.CancellationToken cancel = default)
        {
            // Loaded outside the catch below: a library that cannot be loaded is the module's fault, not the file's.
            var library = WorkbookLibrary.Instance;
            var stream = new CancellableStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), cancel);
            // The file's first bytes choose the reader, not its name: an .xlsx renamed .xls reads too.
            try { return library.Open(stream, KindOf(path) == WorkbookKind.Binary); }
            // What the library throws for a file that is not a workbook it can read: its own exceptions, a broken zip
            // or XML, a cut or malformed record (an offset or length out of range, undecodable text). A bug of the
            // module's own (a null, a bad cast) is not one of these and surfaces as itself.
            catch (Exception ex) when (ex is WorkbookFormatException || ex is InvalidDataException || ex is IOException
                || ex is System.Xml.XmlException || ex is NotSupportedException || ex is ArgumentException || ex is IndexOutOfRangeException)
            {
                stream.Dispose();
                // The library's own message can quote the file's content; the type says enough.
                string kind = ex is WorkbookFormatException refused ? refused.Kind : ex.GetType().Name;
                throw new InputFileException("WorkbookUnreadable", Text.Format(Messages.Workbook_Unreadable, path, kind), ex);
            }
        }

        private static bool MoveTo(IWorkbookSheets reader, string worksheet)
        {
            if (worksheet == null) return true;
            do
            {
                if (string.Equals(reader.SheetName, worksheet, StringComparison.OrdinalIgnoreCase)) return true;
            }
            while (reader.NextSheet());
            return false;
        }
    }
}
