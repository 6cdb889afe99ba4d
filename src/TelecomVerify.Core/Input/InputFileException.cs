using System;

namespace TelecomVerify.Input
{
    /// <summary>A file -Path names that cannot be read as rows; <see cref="ErrorId"/> says why.</summary>
    public sealed class InputFileException : Exception
    {
        public InputFileException(string errorId, string message, Exception inner = null) : base(message, inner) => ErrorId = errorId;

        /// <summary>WorkbookUnreadable, WorksheetWithoutWorkbook, WorksheetNotFound, DelimiterWithoutText, HeaderRowNotFound, DuplicateColumn, InputTooLarge or InputFileLocked.</summary>
        public string ErrorId { get; }
    }
}
