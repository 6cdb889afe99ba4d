namespace TelecomVerify
{
    public enum ResultSource
    {
        /// <summary>The provider answered in this run (or the call failed on its way there).</summary>
        Remote,
        /// <summary>Answered by the journal of an earlier run: no call.</summary>
        Journal,
        /// <summary>Rejected or skipped before any call: nothing was paid.</summary>
        Local,
    }
}
