namespace TelecomVerify
{
    /// <summary>One row's answer. Exactly one per input row, in input order.</summary>
    public sealed class IdentityCheckResult
    {
        /// <summary>1-based position of the row in the input.</summary>
        public long Row { get; set; }
        /// <summary>
        /// A word (Match, Mismatch, NoRecord, InvalidInput, Failed), not an enum, so that ConvertTo-Json,
        /// Export-Csv and Export-Clixml all carry the word: PowerShell writes an enum property as its number.
        /// </summary>
        public string Status => StatusKind.ToString();
        internal CheckStatus StatusKind { get; set; }
        /// <summary>True or false when the provider decided; null when it did not.</summary>
        public bool? IsMatch { get; set; }
        /// <summary>Null unless the match detail was asked for.</summary>
        public string Detail => DetailKind?.ToString();
        internal MatchDetail? DetailKind { get; set; }
        public string RealName { get; set; }
        public string IdCard { get; set; }
        public string Mobile { get; set; }
        public string OrderId { get; set; }
        public string ResCode { get; set; }
        public string ResMessage { get; set; }
        public int? ErrorCode { get; set; }
        public string Reason { get; set; }
        public string Message { get; set; }
        /// <summary>
        /// For a Failed row, the stable id of its error (HttpStatus500, Timeout, Juhe227302, …), the same
        /// as the error record's: a log of results alone says what failed, in any culture. Null otherwise.
        /// </summary>
        public string ErrorId { get; set; }
        /// <summary>Remote, Journal or Local: a word for the same reason as Status.</summary>
        public string Source => SourceKind.ToString();
        internal ResultSource SourceKind { get; set; }
        /// <summary>A request reached the provider but no readable answer came back: it may have been billed.</summary>
        public bool PossiblyBilled { get; set; }
        public int Attempts { get; set; }
        public long ElapsedMs { get; set; }

        /// <summary>
        /// What happened, said first and short, for the default table (which has a Row column and cuts
        /// text at the console's width): the field and its problem, the error code, the earlier row.
        /// Message keeps the whole sentence.
        /// </summary>
        internal string Brief { get; set; }

        /// <summary>Where a row read by -Path sits in its file; the cmdlet shows them as File and FileRow.</summary>
        internal string SourceFile { get; set; }
        internal long SourceRow { get; set; }
        /// <summary>-KeepColumn's columns, shown by the cmdlet beside the verdict.</summary>
        internal System.Collections.Generic.IList<System.Collections.Generic.KeyValuePair<string, string>> KeptColumns { get; set; }

        private object _inputObject;

        /// <summary>
        /// The object the row came from. A method rather than a property so that exporting results
        /// (Export-Csv) does not dump the input; the module shows it to PowerShell as a hidden
        /// InputObject property.
        /// </summary>
        public object GetInputObject() => _inputObject;

        internal void SetInputObject(object value) => _inputObject = value;

        // Masked values only ever reach this object unless the caller asked to see them.
        public override string ToString() => "Row " + Row + ": " + Status + (Message == null ? string.Empty : " (" + Message + ")");
    }
}
