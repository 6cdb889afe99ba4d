using TelecomVerify.Errors;
using TelecomVerify.Protocol;

namespace TelecomVerify.Verification
{
    /// <summary>The explanations a result's Message carries, and how provider codes map onto a row.</summary>
    internal static class OutcomeMessages
    {
        public static MatchDetail ToDetail(string resCode)
        {
            switch (resCode)
            {
                case "11": return MatchDetail.Match;
                case "21": return MatchDetail.NameMismatch;
                case "22": return MatchDetail.IdCardMismatch;
                case "23": return MatchDetail.NameAndIdCardMismatch;
                default: return MatchDetail.Unknown;
            }
        }

        public static string ForAnswer(int res, MatchDetail? detail)
        {
            if (res == 1) return "The name, ID number and mobile number belong together.";
            switch (detail)
            {
                case MatchDetail.NameMismatch: return "They do not belong together: the name does not match.";
                case MatchDetail.IdCardMismatch: return "They do not belong together: the ID number does not match.";
                case MatchDetail.NameAndIdCardMismatch: return "They do not belong together: neither the name nor the ID number matches.";
                default: return "They do not belong together.";
            }
        }

        public static string ForCode(int code)
        {
            var info = JuheErrorCatalog.Find(code);
            return info != null ? info.Description : "The provider answered with error_code " + code + ", which its document does not list.";
        }

        public static FailureCategory CategoryFor(int code)
        {
            switch (code)
            {
                case 10001: case 10003: case 10004: case 10009: return FailureCategory.AuthenticationError;
                case 10002: case 10005: case 10007: case 10008: return FailureCategory.PermissionDenied;
                case 10011: case 10012: case 10013: return FailureCategory.QuotaExceeded;
                case 10020: case 10021: return FailureCategory.ResourceUnavailable;
                case 227301: case 10014: return FailureCategory.ConnectionError;
                default: return FailureCategory.InvalidResult;
            }
        }

        public static FailureCategory CategoryFor(JuheTransportException ex)
        {
            if (ex.ErrorId == "Timeout") return FailureCategory.OperationTimeout;
            if (ex.ErrorId == "MalformedResponse") return FailureCategory.InvalidResult;
            if (ex.HttpStatus != null) return FailureCategory.ProtocolError;
            return FailureCategory.ConnectionError;
        }

        /// <summary>Transient: retried. Rate-limited and server-side HTTP errors, time-outs, broken connections, unreadable bodies.</summary>
        public static bool IsTransient(JuheTransportException ex) =>
            ex.HttpStatus == null || ex.HttpStatus >= 500 || ex.HttpStatus == 429 || ex.HttpStatus == 408;
    }
}
