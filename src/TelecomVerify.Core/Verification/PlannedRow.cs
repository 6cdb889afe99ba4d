using System.Collections.Generic;
using System.Diagnostics;
using TelecomVerify.Validation;

namespace TelecomVerify.Verification
{
    /// <summary>What a row will cost, known before anything is sent: the -WhatIf line and the estimate read it.</summary>
    internal enum RowPlan
    {
        /// <summary>A paid call.</summary>
        Call,
        /// <summary>Same identity as an earlier row: answered by that row's call.</summary>
        Duplicate,
        /// <summary>Rejected by local validation: no call.</summary>
        Local,
        /// <summary>Answered by the journal of an earlier run: no call.</summary>
        Journal,
    }

    /// <summary>One row, read, normalized and checked, with its place in the input and what it will cost.</summary>
    internal sealed class PlannedRow
    {
        internal PlannedRow(long row, BoundRow input, string name, string idCard, string mobile, List<ValidationProblem> problems)
        {
            Row = row; Input = input; Name = name; IdCard = idCard; Mobile = mobile; Problems = problems;
        }

        /// <summary>1-based position in the input.</summary>
        public long Row { get; }
        public RowPlan Plan { get; internal set; }
        /// <summary>The row as a message or an error record may name it: number and masked mobile.</summary>
        public RowReference Reference => new RowReference(Row, Mobile, Input.SourceFile, Input.SourceRow);

        internal readonly BoundRow Input;
        internal readonly string Name, IdCard, Mobile;
        internal readonly List<ValidationProblem> Problems;
        /// <summary>What normalization changed beyond the form (a 15-digit ID converted, a ".0" removed); null when nothing.</summary>
        internal List<string> Notes;
        internal IdentityKey Key;
        internal CallOutcome Call;
        internal long JournalOffset;
        internal readonly Stopwatch Started = Stopwatch.StartNew();

        internal bool IsDone => Call == null || Call.AsTask().IsCompleted;
    }
}
