using TelecomVerify.Errors;
using TelecomVerify.Resources;

namespace TelecomVerify.Verification
{
    /// <summary>The explanations a result's Message carries, and how the provider's answer maps onto a row.</summary>
    internal static class OutcomeMessages
    {
        /// <summary>A reason that gives none: empty, or the document's own "see reason" (查询失败，具体参照reason).</summary>
        public static bool SaysNothing(string reason) =>
            string.IsNullOrWhiteSpace(reason) || reason.IndexOf("reason", System.StringComparison.OrdinalIgnoreCase) >= 0;

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
            if (res == 1) return Messages.Answer_Match;
            switch (detail)
            {
                // The element first: a table cut at the console's width still shows which one.
                case MatchDetail.NameMismatch: return Messages.Answer_NameMismatch;
                case MatchDetail.IdCardMismatch: return Messages.Answer_IdCardMismatch;
                case MatchDetail.NameAndIdCardMismatch: return Messages.Answer_BothMismatch;
                default: return Messages.Answer_Mismatch;
            }
        }

        public static string ForCode(int code)
        {
            var info = JuheErrorCatalog.Find(code);
            return info != null ? info.Description : Text.Format(Messages.Answer_UnlistedCode, code);
        }
    }
}
