using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace TelecomVerify.Commands
{
    /// <summary>
    /// The one table of the error ids the module's cmdlets write, each with its one category, whichever
    /// cmdlet writes it. The provider's codes and the transport faults have theirs in the core
    /// (JuheErrorCatalog, TransportFault); a test holds every id in the sources to this table.
    /// </summary>
    internal static class ErrorIds
    {
        internal static readonly IReadOnlyDictionary<string, ErrorCategory> Categories = new Dictionary<string, ErrorCategory>(StringComparer.Ordinal)
        {
            // Parameters and input
            ["PathAndLiteralPath"] = ErrorCategory.InvalidArgument,
            ["PathAndPipeline"] = ErrorCategory.InvalidArgument,
            ["PathNotFound"] = ErrorCategory.ObjectNotFound,
            ["MappingWithoutRows"] = ErrorCategory.InvalidArgument,
            ["MissingColumn"] = ErrorCategory.InvalidData,
            ["DuplicateColumn"] = ErrorCategory.InvalidData,
            ["InvalidMaxRequestsPerSecond"] = ErrorCategory.InvalidArgument,
            ["InvalidRetainFor"] = ErrorCategory.InvalidArgument,
            ["InvalidProxy"] = ErrorCategory.InvalidArgument,
            ["InvalidPlainText"] = ErrorCategory.InvalidData,
            ["InvalidCipherText"] = ErrorCategory.InvalidData,
            ["UnknownErrorCode"] = ErrorCategory.ObjectNotFound,
            // Files -Path reads (InputFileException)
            ["DelimiterWithoutText"] = ErrorCategory.InvalidArgument,
            ["HeaderRowNotFound"] = ErrorCategory.ObjectNotFound,
            ["NotARegularFile"] = ErrorCategory.InvalidArgument,
            ["WorkbookUnreadable"] = ErrorCategory.InvalidData,
            ["WorksheetWithoutWorkbook"] = ErrorCategory.InvalidArgument,
            ["WorksheetNotFound"] = ErrorCategory.ObjectNotFound,
            ["InputTooLarge"] = ErrorCategory.LimitsExceeded,
            ["InputFileLocked"] = ErrorCategory.ResourceBusy,
            // Credentials
            ["NoApiKey"] = ErrorCategory.AuthenticationError,
            ["NoOpenId"] = ErrorCategory.AuthenticationError,
            ["EmptyApiKey"] = ErrorCategory.InvalidArgument,
            ["NothingToSet"] = ErrorCategory.InvalidArgument,
            ["InvalidBaseUri"] = ErrorCategory.InvalidArgument,
            ["InvalidBaseUriVariable"] = ErrorCategory.InvalidArgument,
            ["InsecureBaseUri"] = ErrorCategory.SecurityError,
            ["CredentialFileUnusable"] = ErrorCategory.SecurityError,
            ["CredentialFileUnsupported"] = ErrorCategory.NotImplemented,
            ["CredentialFileNotSaved"] = ErrorCategory.WriteError,
            // The journal (JournalException), for Test-TelecomIdentity and Get-JuheJournal alike
            ["JournalNotFound"] = ErrorCategory.ObjectNotFound,
            ["JournalInUse"] = ErrorCategory.ResourceBusy,
            ["JournalUnsafe"] = ErrorCategory.SecurityError,
            ["JournalForAnotherAccount"] = ErrorCategory.SecurityError,
            ["JournalNotWritable"] = ErrorCategory.WriteError,
            ["JournalUnreadable"] = ErrorCategory.ReadError,
            ["JournalUnsupported"] = ErrorCategory.NotImplemented,
            // The sandbox
            ["SandboxPortUnavailable"] = ErrorCategory.ResourceUnavailable,
        };

        /// <summary>The id's category; an id missing from the table is a bug the table's test catches, said as NotSpecified meanwhile.</summary>
        public static ErrorCategory CategoryOf(string errorId) =>
            Categories.TryGetValue(errorId, out var category) ? category : ErrorCategory.NotSpecified;
    }
}
