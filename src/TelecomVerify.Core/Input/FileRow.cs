namespace TelecomVerify.Input
{
    /// <summary>One data row of a file: its values under the header's column names, and its number in the file.</summary>
    internal sealed class FileRow
    {
        internal FileRow(string[] columns, string[] values, long number)
        {
            Columns = columns;
            Values = values;
            Number = number;
        }

        /// <summary>The header's names, shared by every row of the file.</summary>
        public string[] Columns { get; }

        /// <summary>As many as the record had: a short record leaves the last columns without a value, as Import-Csv does.</summary>
        public string[] Values { get; }

        /// <summary>The CSV line the record starts on, or the worksheet's row number.</summary>
        public long Number { get; }

        public string ValueAt(int column) => column < Values.Length ? Values[column] : null;
    }
}
