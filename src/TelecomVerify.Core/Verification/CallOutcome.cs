using System.Collections.Generic;
using System.Threading.Tasks;
using TelecomVerify.Protocol;

namespace TelecomVerify.Verification
{
    /// <summary>
    /// What asking the provider about one distinct identity came to; shared by identical rows and
    /// kept for the whole run, so it is flat, its provider texts are bounded (the parser cuts them)
    /// and its repeated texts are shared.
    /// </summary>
    internal sealed class CallOutcome
    {
        public CallOutcome(long firstRow) => FirstRow = firstRow;

        /// <summary>The first row that asked; identical later rows point back to it.</summary>
        public readonly long FirstRow;

        /// <summary>The call while it runs; dropped once a row has taken the outcome, so that the
        /// finished task (and the identity its state holds) is not kept for the rest of the run.</summary>
        public Task<CallOutcome> Running;

        public bool Answered;
        public int ErrorCode;
        public int Res;
        public string Reason, OrderId, ResMessage, ResCode;
        /// <summary>Set when no usable answer came: what the last attempt ran into.</summary>
        public RunFailure Failure;
        /// <summary>A request reached the provider and no readable answer came back.</summary>
        public bool PossiblyBilled;
        public int Attempts;
        public long ElapsedMs;
        /// <summary>Set once the answer is appended to the journal: the row waits for it to be on disk.</summary>
        public long JournalSequence;

        /// <summary>No request was ever sent for it: the run stopped or was cancelled first.</summary>
        public bool NeverSent => Attempts == 0 && !Answered && Failure == null;

        public Task<CallOutcome> AsTask() => Running ?? Task.FromResult(this);

        public void SetReply(JuheReply reply)
        {
            Answered = true;
            Failure = null;
            ErrorCode = reply.ErrorCode;
            Reason = Share(reply.Reason);
            if (reply.Result == null) return;
            Res = reply.Result.Res;
            OrderId = reply.Result.OrderId;
            ResMessage = Share(reply.Result.ResMessage);
            ResCode = Share(reply.Result.ResCode);
        }

        public void SetFailure(RunFailure failure)
        {
            Answered = false;
            Failure = failure;
        }

        private static readonly Dictionary<string, string> Shared = new Dictionary<string, string>();

        // The provider repeats a handful of texts; one copy each, and the pool stays small.
        private static string Share(string s)
        {
            if (s == null || s.Length > 64) return s;
            lock (Shared)
            {
                if (Shared.TryGetValue(s, out var kept)) return kept;
                if (Shared.Count < 256) Shared.Add(s, s);
                return s;
            }
        }
    }
}
