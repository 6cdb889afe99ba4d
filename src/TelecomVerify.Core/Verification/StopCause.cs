using System;
using TelecomVerify.Resources;

namespace TelecomVerify.Verification
{
    /// <summary>Why a run stopped (an account-level code, the provider unreachable, a full disk, a limit, the caller), and what the terminating error says once the rows in flight are written.</summary>
    internal sealed class StopCause
    {
        private readonly Func<RunFailure> _reason;

        public StopCause(RunFailure reason) : this(() => reason) { }

        /// <param name="reason">Read when the error is written: a failed journal counts the answers it could not keep until then.</param>
        public StopCause(Func<RunFailure> reason) => _reason = reason;

        /// <summary>Requests on the wire when the run stopped: awaited, and their rows given.</summary>
        public int InFlight;

        /// <param name="row">The first row left without a result: the summary's StoppedAtRow, so the two agree.</param>
        public RunFailure Failure(long row)
        {
            var reason = _reason();
            return new RunFailure(reason.ErrorId, reason.Category,
                Text.Format(Messages.Run_Stopped, reason.Message, row,
                    InFlight == 0 ? Messages.Run_NoneInFlight : InFlight == 1 ? Messages.Run_OneInFlight : Text.Format(Messages.Run_ManyInFlight, InFlight)),
                reason.ErrorCode);
        }
    }
}
