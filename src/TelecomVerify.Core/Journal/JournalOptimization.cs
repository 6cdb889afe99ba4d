namespace TelecomVerify.Journal
{
    /// <summary>What Optimize-JuheJournal did to a journal, or under -WhatIf would do.</summary>
    public sealed class JournalOptimization
    {
        public string Path { get; set; }
        /// <summary>Identities kept: one entry each, the one a run would serve.</summary>
        public long Kept { get; set; }
        /// <summary>Older entries of identities kept, dropped.</summary>
        public long Superseded { get; set; }
        /// <summary>Entries older than -RetainFor, dropped.</summary>
        public long Expired { get; set; }
        /// <summary>Lines that were not trusted (damaged, edited, foreign, dated in the future), dropped.</summary>
        public long Untrusted { get; set; }
        public long BytesBefore { get; set; }
        public long BytesAfter { get; set; }
        public bool WhatIf { get; set; }
    }
}
