using TelecomVerify.Errors;

namespace TelecomVerify.Verification
{
    /// <summary>The explanations a result's Message carries, and how the provider's answer maps onto a row.</summary>
    internal static class OutcomeMessages
    {
        /// <summary>rescode when the provider gave one; without it, res alone (1 is a match, 2 says nothing of which element).</summary>
        public static MatchDetail ToDetail(int res, string resCode)
        {
            switch (resCode)
            {
                case "11": return MatchDetail.Match;
                case "21": return MatchDetail.NameMismatch;
                case "22": return MatchDetail.IdCardMismatch;
                case "23": return MatchDetail.NameAndIdCardMismatch;
                case null: return res == 1 ? MatchDetail.Match : MatchDetail.Unknown;
                default: return MatchDetail.Unknown;
            }
        }

        /// <summary>res says one thing and rescode the other (res 2 with rescode 11, or res 1 with a mismatch code).</summary>
        public static bool Contradicts(int res, MatchDetail detail) =>
            (res == 1 && detail != MatchDetail.Match && detail != MatchDetail.Unknown) || (res == 2 && detail == MatchDetail.Match);

        /// <summary>The detail a row shows: rescode, unless it contradicts res, when which element failed is not known.</summary>
        public static MatchDetail Reconciled(int res, string resCode)
        {
            var detail = ToDetail(res, resCode);
            return Contradicts(res, detail) ? MatchDetail.Unknown : detail;
        }

        public static string ForAnswer(int res, MatchDetail? detail)
        {
            if (res == 1) return "The name, ID number and mobile number belong together.";
            switch (detail)
            {
                // The element first: a table cut at the console's width still shows which one.
                case MatchDetail.NameMismatch: return "The name does not match the one registered for the mobile number.";
                case MatchDetail.IdCardMismatch: return "The ID number does not match the one registered for the mobile number.";
                case MatchDetail.NameAndIdCardMismatch: return "Neither the name nor the ID number matches the mobile number's registration.";
                default: return "They do not belong together.";
            }
        }

        public static string ForCode(int code)
        {
            var info = JuheErrorCatalog.Find(code);
            return info != null ? info.Description : "The provider answered with error_code " + code + ", which its document does not list.";
        }
    }
}
