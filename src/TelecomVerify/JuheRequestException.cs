using System;

namespace TelecomVerify.Commands
{
    /// <summary>A row the provider could not answer (after retries).</summary>
    public class JuheRequestException : Exception
    {
        public JuheRequestException(string message, int? errorCode) : base(message) => ErrorCode = errorCode;

        /// <summary>The provider's error_code, when it gave one.</summary>
        public int? ErrorCode { get; }
    }

    /// <summary>
    /// The whole run stopped (an account-level code, a dead provider, a failed journal write, a long
    /// Retry-After): a runbook's catch tells it from a failed row by its type,
    /// <c>catch [TelecomVerify.Commands.JuheRunStoppedException]</c>, whatever the error action.
    /// </summary>
    public sealed class JuheRunStoppedException : JuheRequestException
    {
        public JuheRunStoppedException(string message, int? errorCode, long? stoppedAtRow) : base(message, errorCode) => StoppedAtRow = stoppedAtRow;

        /// <summary>The first row left without a result: a resumed run picks up there.</summary>
        public long? StoppedAtRow { get; }
    }
}
