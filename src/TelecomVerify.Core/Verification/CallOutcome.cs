using TelecomVerify.Protocol;

namespace TelecomVerify.Verification
{
    /// <summary>What asking the provider about one distinct identity came to; shared by identical rows.</summary>
    internal sealed class CallOutcome
    {
        public JuheReply Reply;
        public RunFailure Failure;
        public RunFailure Stop;
        public int Attempts;
        public long ElapsedMs;
        /// <summary>The first row that asked; identical later rows point back to it.</summary>
        public long FirstRow;
    }
}
