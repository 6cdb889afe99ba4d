namespace TelecomVerify.Input
{
    /// <summary>A workbook's format as its bytes show it.</summary>
    internal enum WorkbookKind
    {
        /// <summary>Neither: text or a web page under a workbook's name.</summary>
        None,
        /// <summary>Office Open XML (.xlsx, .xlsm): a zip.</summary>
        OpenXml,
        /// <summary>Excel 97-2003 (.xls): a compound document.</summary>
        Binary,
    }
}
