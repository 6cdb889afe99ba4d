namespace TelecomVerify
{
    /// <summary>What one row's check concluded.</summary>
    public enum CheckStatus
    {
        /// <summary>The three elements belong together (res 1).</summary>
        Match,
        /// <summary>They do not (res 2).</summary>
        Mismatch,
        /// <summary>The carrier has no record (227303).</summary>
        NoRecord,
        /// <summary>Refused locally before any call, or by the provider (227304–227307).</summary>
        InvalidInput,
        /// <summary>No answer: a transport failure or a provider error after the retries.</summary>
        Failed,
    }
}
