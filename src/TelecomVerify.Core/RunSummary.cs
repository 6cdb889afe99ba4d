using System;
using TelecomVerify.Resources;

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
        /// <summary>When the run started and when this summary was taken (UTC): a runbook's log line needs both.</summary>
        public DateTime StartedUtc { get; set; }
        public DateTime EndedUtc { get; set; }
        /// <summary>-MaxRequests, when the run had one: the estimate says whether it suffices.</summary>
        public long? RequestLimit { get; set; }
        /// <summary>True for the estimate that -WhatIf writes.</summary>
        public bool WhatIf { get; set; }

        public override string ToString()
        {
            // English plurals are arguments ("" or "s"); the Chinese text leaves them out.
            string head = WhatIf
                ? Text.Format(Messages.Summary_Estimate,
                    Rows, Sent, Sent == 1 ? "" : "s", Duplicates, Duplicates == 1 ? "" : "s", FromJournal, RejectedLocally, Rows == 1 ? "" : "s")
                : Text.Format(Messages.Summary_Run,
                    Rows, Elapsed.TotalSeconds, Answered, FromJournal, Duplicates, Duplicates == 1 ? "" : "s", RejectedLocally, Failed, Sent, Sent == 1 ? "" : "s",
                    PossiblyBilled > 0 ? Text.Format(Messages.Summary_PossiblyBilled, PossiblyBilled) : "", Rows == 1 ? "" : "s");
            if (WhatIf && RequestLimit.HasValue)
                head += RequestLimit.Value >= Sent ? Text.Format(Messages.Summary_LimitSuffices, RequestLimit.Value)
                    : Text.Format(Messages.Summary_LimitShort, RequestLimit.Value, Sent);
            return StoppedAtRow.HasValue ? head + Text.Format(Messages.Summary_Stopped, StoppedAtRow.Value) : head;
        }
    }
}
