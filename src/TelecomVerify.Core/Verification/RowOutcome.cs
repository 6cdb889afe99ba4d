namespace TelecomVerify.Verification
{
    /// <summary>One row, done: its result, and what (if anything) the pipeline must also report.</summary>
    public sealed class RowOutcome
    {
        internal RowOutcome(IdentityCheckResult result, RunFailure error, RunFailure stop)
        {
            Result = result;
            Error = error;
            Stop = stop;
        }

        public IdentityCheckResult Result { get; }
        /// <summary>A non-terminating error to write beside a Failed result.</summary>
        public RunFailure Error { get; }
        /// <summary>Set when the run must end here with a terminating error (account-level code).</summary>
        public RunFailure Stop { get; }
    }
}
