using System;

namespace TelecomVerify.Protocol
{
    /// <summary>
    /// The call did not produce a documented answer: HTTP error, time-out, connection failure or a
    /// body that is not the provider's JSON. Transient by nature, so retried. Its message never
    /// holds the key or an identity.
    /// </summary>
    public sealed class JuheTransportException : Exception
    {
        public JuheTransportException(string errorId, string message, int? httpStatus = null, TimeSpan? retryAfter = null, Exception inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            HttpStatus = httpStatus;
            RetryAfter = retryAfter;
        }

        /// <summary>Stable id: HttpStatus500, Timeout, MalformedResponse, ConnectionFailed…</summary>
        public string ErrorId { get; }
        public int? HttpStatus { get; }
        public TimeSpan? RetryAfter { get; }
    }
}
