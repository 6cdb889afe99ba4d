using System;

namespace TelecomVerify.Journal
{
    /// <summary>One answer the provider gave, or one request that may have been billed without a
    /// readable answer, as the journal keeps it: no readable identity, only the masked mobile.</summary>
    public sealed class JournalEntry
    {
        /// <summary>When the answer came (UTC).</summary>
        public DateTime Time { get; set; }
        /// <summary>Masked: 189****1234.</summary>
        public string Mobile { get; set; }
        /// <summary>A word, as on the result, so that ConvertTo-Json and Export-Csv of an audit carry it.</summary>
        public string Status => StatusKind.ToString();
        internal CheckStatus StatusKind { get; set; }
        /// <summary>Null when the question was asked without -Detail.</summary>
        public string Detail => DetailKind?.ToString();
        internal MatchDetail? DetailKind { get; set; }
        public int ErrorCode { get; set; }
        public string OrderId { get; set; }
        /// <summary>The request reached the provider and no readable answer came back.</summary>
        public bool PossiblyBilled { get; set; }
        /// <summary>For a possibly billed entry, what the request ran into (Timeout, ConnectionBroken, UnreadableAnswer).</summary>
        public string FailureId { get; set; }
        /// <summary>Can answer a -Detail run: asked with -Detail, or an answer with no detail to give.</summary>
        internal bool ServesDetail;
        internal int Res;
        internal string ResCode, ResMessage, Reason;
    }
}
