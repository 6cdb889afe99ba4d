using System.Collections.Generic;
using TelecomVerify.Protocol;

namespace TelecomVerify.Verification
{
    /// <summary>
    /// What asking the provider about one distinct identity came to; shared by identical rows and
    /// kept for the whole run, so it is flat and its repeated texts are shared.
    /// </summary>
    internal sealed class CallOutcome
    {
        public bool Answered;
        public int ErrorCode;
        public int Res;
        public string Reason, OrderId, ResMessage, ResCode;
        public RunFailure Failure;
        public RunFailure Stop;
        public int Attempts;
        public long ElapsedMs;
        /// <summary>The first row that asked; identical later rows point back to it.</summary>
        public long FirstRow;

        public void SetReply(JuheReply reply)
        {
            Answered = true;
            ErrorCode = reply.ErrorCode;
            Reason = Share(reply.Reason);
            if (reply.Result == null) return;
            Res = reply.Result.Res;
            OrderId = reply.Result.OrderId;
            ResMessage = Share(reply.Result.ResMessage);
            ResCode = Share(reply.Result.ResCode);
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
