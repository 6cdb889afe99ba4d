using System.Collections.Generic;
using TelecomVerify.Validation;

namespace TelecomVerify.Verification
{
    /// <summary>One row bound to the three fields: the values found in it (raw, not yet normalized), the object itself, and what binding found wrong. Planning makes a <see cref="PlannedRow"/> of it.</summary>
    internal sealed class BoundRow
    {
        public string RealName { get; set; }
        public string IdCard { get; set; }
        public string Mobile { get; set; }
        public object InputObject { get; set; }
        /// <summary>Problems found while reading the row (e.g. no field matched); the row is then not sent.</summary>
        public IList<ValidationProblem> BindingProblems { get; set; }
        /// <summary>The row had no column at all for a field (not an empty value): on the first row, the file's columns are wrong.</summary>
        public bool MissingColumn { get; set; }
        /// <summary>For a missing column: the fields no column was found for, the columns a script block reads that are not there, the columns the row has (as a message may show them), and what to do.</summary>
        public IList<IdentityField> MissingFields { get; set; }
        public IList<string> MissingMappedColumns { get; set; }
        public IList<string> FoundColumns { get; set; }
        public string MissingHint { get; set; }
        /// <summary>Columns taken for a field by the word they contain (员工姓名 for RealName): said once, on the first row.</summary>
        public IList<string> ColumnNotes { get; set; }
        /// <summary>The file the row came from (-Path), and its number there: the CSV line or the worksheet row a person looks up. Null and 0 otherwise.</summary>
        public string SourceFile { get; set; }
        public long SourceRow { get; set; }
        /// <summary>The file's name as messages show it beside <see cref="SourceRow"/> when a run reads several files; null when one.</summary>
        public string SourceLabel { get; set; }
        /// <summary>Input columns the caller asked to see beside the verdict (-KeepColumn), identity columns already masked.</summary>
        public IList<KeyValuePair<string, string>> KeptColumns { get; set; }
    }
}
