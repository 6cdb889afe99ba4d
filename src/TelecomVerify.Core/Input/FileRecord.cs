namespace TelecomVerify.Input
{
    /// <summary>One record of a file with the number a person finds it by: the CSV line it starts on, or the worksheet's row.</summary>
    internal struct FileRecord
    {
        public FileRecord(long number, string[] fields)
        {
            Number = number;
            Fields = fields;
        }

        /// <summary>1-based, as a text editor numbers lines and Excel numbers rows: blank lines and empty rows count.</summary>
        public long Number { get; }

        public string[] Fields { get; }

        /// <summary>A blank line, or a row whose every cell is empty or blank (`,,,,` in a CSV): not a person, in a CSV and a workbook alike.</summary>
        public static bool IsEmpty(string[] fields)
        {
            foreach (var field in fields)
                if (!string.IsNullOrWhiteSpace(field)) return false;
            return true;
        }
    }
}
