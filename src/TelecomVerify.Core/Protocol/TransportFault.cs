using System;
using TelecomVerify.Verification;

namespace TelecomVerify.Protocol
{
    /// <summary>How a call can fail to bring back a documented answer. Where the request stood when
    /// it failed decides the money: before it was sent nothing was billed; after, it may have been.</summary>
    public enum TransportFault
    {
        /// <summary>The request never left: connection refused, DNS, TLS, a proxy that refused it.</summary>
        NotSent,
        /// <summary>A status other than 2xx: the provider did not answer the query.</summary>
        HttpStatus,
        /// <summary>Sent, and no whole answer came back within the time-out.</summary>
        Timeout,
        /// <summary>Sent, and the connection broke before the answer was whole.</summary>
        ConnectionBroken,
        /// <summary>A 2xx body that arrived whole but is not the documented answer.</summary>
        UnreadableAnswer,
    }

    /// <summary>Each transport fault's policy: one row per fault, read by the retry policy and the result builder.</summary>
    internal static class TransportFaults
    {
        /// <summary>HTTP statuses that mean "not now": asked again. Any other status fails the row.</summary>
        public static bool IsRetriedStatus(int status) => status == 429 || status == 500 || status == 502 || status == 503 || status == 504;

        /// <summary>A request reached the provider and no readable answer came back: it may have been billed.</summary>
        public static bool PossiblyBilled(TransportFault fault) =>
            fault == TransportFault.Timeout || fault == TransportFault.ConnectionBroken || fault == TransportFault.UnreadableAnswer;

        public static FailureCategory Category(TransportFault fault)
        {
            switch (fault)
            {
                case TransportFault.Timeout: return FailureCategory.OperationTimeout;
                case TransportFault.UnreadableAnswer: return FailureCategory.InvalidResult;
                case TransportFault.HttpStatus: return FailureCategory.ProtocolError;
                default: return FailureCategory.ConnectionError;
            }
        }

        public static string ErrorId(TransportFault fault, int? httpStatus)
        {
            switch (fault)
            {
                case TransportFault.NotSent: return "ConnectionFailed";
                case TransportFault.HttpStatus: return "HttpStatus" + httpStatus.GetValueOrDefault().ToString(System.Globalization.CultureInfo.InvariantCulture);
                case TransportFault.Timeout: return "Timeout";
                case TransportFault.ConnectionBroken: return "ConnectionBroken";
                case TransportFault.UnreadableAnswer: return "UnreadableAnswer";
                default: throw new ArgumentOutOfRangeException(nameof(fault));
            }
        }
    }
}
