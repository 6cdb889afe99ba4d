using System;

namespace TelecomVerify.Credentials
{
    /// <summary>The saved credential cannot be used: others can read it, or it is damaged. The message says how to fix it.</summary>
    public sealed class CredentialFileException : Exception
    {
        public CredentialFileException(string message, Exception inner = null) : base(message, inner) { }
    }
}
