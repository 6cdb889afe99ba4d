using TelecomVerify.Verification;

namespace TelecomVerify.Errors
{
    /// <summary>
    /// What the module does when one error_code arrives: the row status it gives, whether it is
    /// an answer the provider billed, asked again, holds back the whole run, or stops it. One
    /// value per table row, so a code's whole behaviour is read in one place.
    /// </summary>
    public sealed class CodePolicy
    {
        private CodePolicy(CheckStatus status, FailureCategory category, bool isAnswer, bool isRetried, bool holdsBackRun, bool stopsRun)
        {
            Status = status;
            Category = category;
            IsAnswer = isAnswer;
            IsRetried = isRetried;
            HoldsBackRun = holdsBackRun;
            StopsRun = stopsRun;
        }

        /// <summary>The provider decided about the identity: a result, not an error, and billed (journalled).</summary>
        public static CodePolicy AnswerAbout(CheckStatus status) => new CodePolicy(status, FailureCategory.InvalidResult, true, false, false, false);

        /// <summary>The provider says try again: retried with backoff, a failed row when the retries run out.</summary>
        public static CodePolicy TryAgain(FailureCategory category) => new CodePolicy(CheckStatus.Failed, category, false, true, false, false);

        /// <summary>Too fast for the provider: retried, and every request of the run waits out the backoff.</summary>
        public static CodePolicy SlowDown(FailureCategory category) => new CodePolicy(CheckStatus.Failed, category, false, true, true, false);

        /// <summary>Nothing further in the run can succeed: no new call starts.</summary>
        public static CodePolicy StopRun(FailureCategory category) => new CodePolicy(CheckStatus.Failed, category, false, false, false, true);

        /// <summary>This row failed; asking again would not help.</summary>
        public static CodePolicy FailRow(FailureCategory category) => new CodePolicy(CheckStatus.Failed, category, false, false, false, false);

        public CheckStatus Status { get; }
        public FailureCategory Category { get; }
        public bool IsAnswer { get; }
        public bool IsRetried { get; }
        public bool HoldsBackRun { get; }
        public bool StopsRun { get; }
    }
}
