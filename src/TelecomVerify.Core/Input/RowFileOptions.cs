using System;
using System.Collections.Generic;

namespace TelecomVerify.Input
{
    /// <summary>How a file that -Path names is laid out, as far as the user says it: what is not said is found in the file.</summary>
    internal sealed class RowFileOptions
    {
        /// <summary>The worksheet of a workbook to read (case-insensitive); null for the first. Must be null for text.</summary>
        public string Worksheet { get; set; }

        /// <summary>The line (or Excel row) that holds the column names; 0 to find it.</summary>
        public long HeaderRow { get; set; }

        /// <summary>The delimiter of a text file; null to find it (TAB or comma).</summary>
        public char? Delimiter { get; set; }

        /// <summary>
        /// How many of the three fields (name, ID number, mobile) a row's cells name. The cmdlets know the
        /// column names (their parameters' aliases); without it, the header is always the first row.
        /// </summary>
        public Func<IReadOnlyList<string>, int> FieldsNamed { get; set; }
    }
}
