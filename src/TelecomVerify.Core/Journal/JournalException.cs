using System;

namespace TelecomVerify.Journal
{
    /// <summary>The journal cannot be used: another run holds it, or others can read it, or it is not a journal.</summary>
    public sealed class JournalException : Exception
    {
        public JournalException(string errorId, string message, Exception inner = null) : base(message, inner) => ErrorId = errorId;

        /// <summary>JournalInUse, JournalUnsafe, JournalUnreadable.</summary>
        public string ErrorId { get; }
    }
}
