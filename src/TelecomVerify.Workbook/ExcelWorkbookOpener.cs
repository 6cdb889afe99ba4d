using System;
using System.IO;
using ExcelDataReader;
using TelecomVerify.Input;

namespace TelecomVerify.Workbook
{
    /// <summary>ExcelDataReader behind the core's <see cref="IWorkbookOpener"/>; created by the core through reflection.</summary>
    internal sealed class ExcelWorkbookOpener : IWorkbookOpener
    {
        public IWorkbookSheets Open(Stream stream, bool binary)
        {
            try { return new Sheets(binary ? ExcelReaderFactory.CreateBinaryReader(stream) : ExcelReaderFactory.CreateOpenXmlReader(stream)); }
            // The library's own exceptions; what it throws of the framework's kinds the core sorts itself.
            catch (ExcelDataReader.Exceptions.ExcelReaderException ex) { throw new WorkbookFormatException(ex); }
        }

        private sealed class Sheets : IWorkbookSheets
        {
            private readonly IExcelDataReader _reader;

            public Sheets(IExcelDataReader reader) => _reader = reader;

            public string SheetName => _reader.Name;

            public int FieldCount => _reader.FieldCount;

            public bool NextSheet() => _reader.NextResult();

            public bool NextRow() => _reader.Read();

            public object Cell(int index) => _reader.GetValue(index);

            public void Dispose() => _reader.Dispose();
        }
    }
}
