using System;
using System.Collections.Generic;
using System.Linq;

namespace TelecomVerify.Errors
{
    /// <summary>
    /// The one table of the ids a failed row or a stopped run carries: the help's table is built from it,
    /// and a test holds every id the engine writes to it. The provider's own codes are Juhe&lt;code&gt;,
    /// detailed by <see cref="JuheErrorCatalog"/>.
    /// </summary>
    public static class FailureIds
    {
        public static readonly IReadOnlyList<FailureId> All = new[]
        {
            new FailureId("ConnectionFailed", "ConnectionFailed", BilledWhen.No),
            new FailureId("HttpStatusNNN", "HttpStatus", BilledWhen.No),
            new FailureId("Timeout", "Timeout", BilledWhen.Possibly),
            new FailureId("ConnectionBroken", "ConnectionBroken", BilledWhen.Possibly),
            new FailureId("UnreadableAnswer", "UnreadableAnswer", BilledWhen.Possibly),
            new FailureId("PossiblyBilledEarlier", "PossiblyBilledEarlier", BilledWhen.Possibly),
            new FailureId("NotAsked", "NotAsked", BilledWhen.No),
            new FailureId("ProviderUnreachable", "ProviderUnreachable", BilledWhen.No),
            new FailureId("ProviderThrottled", "ProviderThrottled", BilledWhen.No),
            new FailureId("JournalWriteFailed", "JournalWriteFailed", BilledWhen.No),
            new FailureId("StoppedByErrorAction", "StoppedByErrorAction", BilledWhen.No),
            new FailureId("RequestLimitReached", "RequestLimitReached", BilledWhen.No),
            new FailureId("RequestAbandoned", "RequestAbandoned", BilledWhen.Possibly),
            new FailureId("JuheNNNNN", "Juhe", BilledWhen.ByCode),
        };

        /// <summary>The entry an id belongs to: HttpStatus500 to HttpStatusNNN, Juhe227302 to JuheNNNNN; null for an id not in the table.</summary>
        public static FailureId Find(string id)
        {
            if (id == null) return null;
            string family = id.StartsWith("HttpStatus", StringComparison.Ordinal) && id.Length > 10 && id.Substring(10).All(char.IsDigit) ? "HttpStatusNNN"
                : id.StartsWith("Juhe", StringComparison.Ordinal) && id.Length > 4 && id.Substring(4).All(char.IsDigit) ? "JuheNNNNN"
                : id;
            return All.FirstOrDefault(f => f.Id == family);
        }
    }
}
