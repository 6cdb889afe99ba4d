using System;
using System.Globalization;

namespace TelecomVerify
{
    /// <summary>What a run of Test-TelecomIdentity did, or under -WhatIf would do: written once at its end.</summary>
    public sealed class RunSummary
    {
        /// <summary>Rows that got (or under -WhatIf would get) a result.</summary>
        public long Rows { get; set; }
        /// <summary>Requests that left for the provider, retries included; under -WhatIf, the calls the run would make.</summary>
        public long Sent { get; set; }
        /// <summary>Rows the provider answered in this run (a verdict, no record, or a refused value).</summary>
        public long Answered { get; set; }
        public long FromJournal { get; set; }
        /// <summary>Rows answered by an earlier identical row's call.</summary>
        public long Duplicates { get; set; }
        public long RejectedLocally { get; set; }
        public long Failed { get; set; }
        public long PossiblyBilled { get; set; }
        /// <summary>The first row left without a result when the run stopped; null when it finished.</summary>
        public long? StoppedAtRow { get; set; }
        public TimeSpan Elapsed { get; set; }
        /// <summary>True for the estimate that -WhatIf writes.</summary>
        public bool WhatIf { get; set; }

        public override string ToString()
        {
            var c = CultureInfo.InvariantCulture;
            string head = WhatIf
                ? string.Format(c, "Estimate: {0} row{7}; {1} paid call{2} would be made, {3} duplicate{4}, {5} from the journal, {6} rejected locally.",
                    Rows, Sent, Sent == 1 ? "" : "s", Duplicates, Duplicates == 1 ? "" : "s", FromJournal, RejectedLocally, Rows == 1 ? "" : "s")
                : string.Format(c, "{0} row{11} in {1:0.0} s: {2} answered, {3} from the journal, {4} duplicate{5}, {6} rejected locally, {7} failed; {8} request{9} sent{10}.",
                    Rows, Elapsed.TotalSeconds, Answered, FromJournal, Duplicates, Duplicates == 1 ? "" : "s", RejectedLocally, Failed, Sent, Sent == 1 ? "" : "s",
                    PossiblyBilled > 0 ? string.Format(c, ", {0} possibly billed without an answer", PossiblyBilled) : "", Rows == 1 ? "" : "s");
            return StoppedAtRow.HasValue ? head + string.Format(c, " Stopped at row {0}.", StoppedAtRow.Value) : head;
        }
    }
}
