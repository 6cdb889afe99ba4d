namespace TelecomVerify.Verification
{
    /// <summary>One row, done and taken back from the run in input order: its result, and what (if anything) the pipeline must also report.</summary>
    internal sealed class FinishedRow
    {
        internal FinishedRow(IdentityCheckResult result, RunFailure error, string warning = null)
        {
            Result = result;
            Error = error;
            Warning = warning;
        }

        public IdentityCheckResult Result { get; }
        /// <summary>A non-terminating error to write beside a Failed result.</summary>
        public RunFailure Error { get; }
        /// <summary>Something odd in the answer that the user should hear about (masked).</summary>
        public string Warning { get; }
    }
}
