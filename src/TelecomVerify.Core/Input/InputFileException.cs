using System;

namespace TelecomVerify.Input
{
    /// <summary>A file -Path names that cannot be read as rows; <see cref="ErrorId"/> says why.</summary>
    public sealed class InputFileException : Exception
    {
        /// <param name="message">Cleaned here: it names the file, and a file's name is text from outside (ESC, BEL, U+202E…).</param>
        public InputFileException(string errorId, string message, Exception inner = null) : base(Protocol.SafeText.Clean(message, 8192), inner) => ErrorId = errorId;

        /// <summary>WorkbookUnreadable, WorksheetWithoutWorkbook, WorksheetNotFound, DelimiterWithoutText, HeaderRowNotFound, DuplicateColumn, InputTooLarge or InputFileLocked.</summary>
        public string ErrorId { get; }
    }
}
