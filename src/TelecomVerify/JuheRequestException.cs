using System;

namespace TelecomVerify.Commands
{
    /// <summary>A row the provider could not answer (after retries), or an account-level stop.</summary>
    public sealed class JuheRequestException : Exception
    {
        public JuheRequestException(string message, int? errorCode) : base(message) => ErrorCode = errorCode;

        /// <summary>The provider's error_code, when it gave one.</summary>
        public int? ErrorCode { get; }
    }
}
