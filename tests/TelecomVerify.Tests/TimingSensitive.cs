using Xunit;

namespace TelecomVerify.Tests
{
    /// <summary>
    /// Tests whose outcome depends on the order in which concurrent requests finish run alone, after
    /// the parallel ones: hosted runspaces starting in a neighbouring class can starve the thread
    /// pool for seconds and reorder what a lone run never would.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class TimingSensitive
    {
        public const string Name = "Timing-sensitive";
    }
}
