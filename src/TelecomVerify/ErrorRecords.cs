using System;
using System.Management.Automation;
using TelecomVerify.Input;
using TelecomVerify.Verification;

namespace TelecomVerify.Commands
{
    /// <summary>
    /// Every ErrorRecord the module writes is made here: a specific exception, a stable id, the
    /// category, and a target that never holds an identity. Messages come localized from the
    /// resources of the core and the cmdlets.
    /// </summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord Of(Exception exception, string errorId, ErrorCategory category, object target = null) =>
            new ErrorRecord(exception, errorId, category, target);

        public static ErrorRecord InvalidArgument(string message, string errorId, object target = null) =>
            Of(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

        /// <summary>A row the provider could not answer, or the reason a run stopped.</summary>
        public static ErrorRecord ForRun(RunFailure failure, RowReference row) =>
            Of(new JuheRequestException(failure.Message, failure.ErrorCode), failure.ErrorId, ToCategory(failure.Category), row);

        /// <summary>The run stopped itself: a type of its own, so a catch tells it from a failed row.</summary>
        /// <summary>The run stopped itself: what happened, then what to do next, which Get-Error also shows as the recommended action.</summary>
        public static ErrorRecord ForRunStop(RunFailure failure, long? stoppedAtRow, string nextStep)
        {
            var record = Of(new JuheRunStoppedException(failure.Message + " " + nextStep, failure.ErrorCode, stoppedAtRow), failure.ErrorId, ToCategory(failure.Category), null);
            record.ErrorDetails = new ErrorDetails(record.Exception.Message) { RecommendedAction = nextStep };
            return record;
        }

        /// <summary>A file -Path names that cannot be read as rows.</summary>
        public static ErrorCategory CategoryFor(InputFileException ex)
        {
            switch (ex.ErrorId)
            {
                case "WorkbookNotSupported": return ErrorCategory.NotImplemented;
                case "WorksheetWithoutWorkbook": return ErrorCategory.InvalidArgument;
                case "WorksheetNotFound": return ErrorCategory.ObjectNotFound;
                case "InputTooLarge": return ErrorCategory.LimitsExceeded;
                case "InputFileLocked": return ErrorCategory.ResourceBusy;
                default: return ErrorCategory.InvalidData;
            }
        }

        /// <summary>One category per journal error id, for Test-TelecomIdentity and Get-JuheJournal alike.</summary>
        public static ErrorCategory CategoryFor(Journal.JournalException ex)
        {
            switch (ex.ErrorId)
            {
                case "JournalInUse": return ErrorCategory.ResourceBusy;
                case "JournalUnsafe": return ErrorCategory.SecurityError;
                case "JournalForAnotherAccount": return ErrorCategory.SecurityError;
                case "JournalNotWritable": return ErrorCategory.WriteError;
                default: return ErrorCategory.ReadError;
            }
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
