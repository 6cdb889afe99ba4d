namespace TelecomVerify
{
    public enum ResultSource
    {
        /// <summary>The provider answered (or the call failed on its way there).</summary>
        Remote,
        /// <summary>Rejected or skipped before any call: nothing was paid.</summary>
        Local,
    }
}
