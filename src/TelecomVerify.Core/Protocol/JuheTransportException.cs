using System;

namespace TelecomVerify.Protocol
{
    /// <summary>
    /// The call did not produce a documented answer. <see cref="Fault"/> says how, and so whether it
    /// may be asked again and whether it may have been billed. Its message never holds the key or an identity.
    /// </summary>
    public sealed class JuheTransportException : Exception
    {
        public JuheTransportException(TransportFault fault, string message, int? httpStatus = null, TimeSpan? retryAfter = null, Exception inner = null)
            : base(message, inner)
        {
            Fault = fault;
            HttpStatus = httpStatus;
            RetryAfter = retryAfter;
        }

        public TransportFault Fault { get; }

        /// <summary>Stable id: ConnectionFailed, HttpStatus500, Timeout, ConnectionBroken, UnreadableAnswer.</summary>
        public string ErrorId => TransportFaults.ErrorId(Fault, HttpStatus);
        public int? HttpStatus { get; }
        public TimeSpan? RetryAfter { get; }
        public bool PossiblyBilled => TransportFaults.PossiblyBilled(Fault);
    }
}
