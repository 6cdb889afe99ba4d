using System;

namespace TelecomVerify.Journal
{
    /// <summary>The journal cannot be used: another run holds it, it is not safe, not writable, not a journal, or another account's.</summary>
    public sealed class JournalException : Exception
    {
        /// <param name="message">Cleaned here: it names the journal, whose path is the user's text.</param>
        public JournalException(string errorId, string message, Exception inner = null) : base(Protocol.SafeText.Clean(message, 8192), inner) => ErrorId = errorId;

        /// <summary>JournalInUse, JournalUnsafe, JournalUnreadable, JournalNotWritable, JournalForAnotherAccount.</summary>
        public string ErrorId { get; }
    }
}
