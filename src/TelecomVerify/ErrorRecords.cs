using System;
using System.Management.Automation;
using TelecomVerify.Verification;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>
    /// Every ErrorRecord the module writes is made here: a specific exception, a stable id, the
    /// category, and a target that never holds an identity. Messages come localized from the
    /// resources of the core and the cmdlets.
    /// </summary>
    internal static class ErrorRecords
    {
        /// <summary>An error of the cmdlets' own, its category from the one table (ErrorIds).</summary>
        public static ErrorRecord Of(Exception exception, string errorId, object target = null)
        {
            // A target that is a path is text from outside: the error view prints it.
            var record = new ErrorRecord(exception, errorId, ErrorIds.CategoryOf(errorId), target is string s ? Protocol.SafeText.Clean(s, 1024) : target);
            // So may the message be (a file's or a worksheet's name): what the console shows of it is cleaned.
            string shown = Protocol.SafeText.Clean(exception.Message, 8192);
            if (shown != exception.Message) record.ErrorDetails = new ErrorDetails(shown);
            return record;
        }

        public static ErrorRecord InvalidArgument(string message, string errorId, object target = null) =>
            Of(new ArgumentException(message), errorId, target);

        /// <summary>A row the provider could not answer, or the reason a run stopped.</summary>
        public static ErrorRecord ForRun(RunFailure failure, RowReference row) =>
            new ErrorRecord(new JuheRequestException(failure.Message, failure.ErrorCode), failure.ErrorId, ToCategory(failure.Category), row);

        /// <summary>The run stopped itself: what happened, then what to do next, which Get-Error also shows as the recommended action.</summary>
        public static ErrorRecord ForRunStop(RunFailure failure, long? stoppedAtRow, string nextStep)
        {
            // A type of its own, so a catch tells a stopped run from a failed row.
            var record = new ErrorRecord(new JuheRunStoppedException(Text.Format(CmdletMessages.TwoSentences, failure.Message, nextStep), failure.ErrorCode, stoppedAtRow), failure.ErrorId, ToCategory(failure.Category), null);
            record.ErrorDetails = new ErrorDetails(record.Exception.Message) { RecommendedAction = nextStep };
            return record;
        }

        public static ErrorCategory ToCategory(FailureCategory category)
        {
            switch (category)
            {
                case FailureCategory.ConnectionError: return ErrorCategory.ConnectionError;
                case FailureCategory.OperationTimeout: return ErrorCategory.OperationTimeout;
                case FailureCategory.OperationStopped: return ErrorCategory.OperationStopped;
                case FailureCategory.InvalidResult: return ErrorCategory.InvalidResult;
                case FailureCategory.ProtocolError: return ErrorCategory.ProtocolError;
                case FailureCategory.AuthenticationError: return ErrorCategory.AuthenticationError;
                case FailureCategory.PermissionDenied: return ErrorCategory.PermissionDenied;
                case FailureCategory.QuotaExceeded: return ErrorCategory.QuotaExceeded;
                case FailureCategory.ResourceUnavailable: return ErrorCategory.ResourceUnavailable;
                case FailureCategory.LimitsExceeded: return ErrorCategory.LimitsExceeded;
                case FailureCategory.WriteError: return ErrorCategory.WriteError;
                default: return ErrorCategory.NotSpecified;
            }
        }
    }
}
