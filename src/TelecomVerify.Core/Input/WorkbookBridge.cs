using System;
using System.IO;

namespace TelecomVerify.Input
{
    /// <summary>
    /// What the core asks of the workbook library, in types of its own. The library (ExcelDataReader) is
    /// reached only through these, from TelecomVerify.Workbook.dll, which <see cref="WorkbookLibrary"/> loads
    /// beside its own copy of the library: another module's ExcelDataReader, of any version, cannot be
    /// the one this module gets, nor be refused because this module's is loaded.
    /// </summary>
    internal interface IWorkbookOpener
    {
        /// <exception cref="WorkbookFormatException">The stream is not a workbook the library can read.</exception>
        IWorkbookSheets Open(Stream stream, bool binary);
    }

    /// <summary>A workbook read forward: a worksheet at a time, a row at a time.</summary>
    internal interface IWorkbookSheets : IDisposable
    {
        string SheetName { get; }

        bool NextSheet();

        bool NextRow();

        int FieldCount { get; }

        object Cell(int index);
    }

    /// <summary>The library refused the file. Its exception types live behind the bridge; their name is all a message needs.</summary>
    internal sealed class WorkbookFormatException : Exception
    {
        public WorkbookFormatException(Exception inner) : base(inner.GetType().Name, inner) => Kind = inner.GetType().Name;

        /// <summary>The library's exception type, e.g. HeaderException.</summary>
        public string Kind { get; }
    }
}
