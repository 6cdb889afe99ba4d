using System.Linq;

namespace TelecomVerify.Validation
{
    /// <summary>
    /// Whether a value is shaped like an ID number or a mobile number, whoever it belongs to: a roster's
    /// data row (not its title or header), and a spouse's or emergency contact's number in a kept column.
    /// </summary>
    internal static class IdentityShape
    {
        /// <summary>18 characters whose check character is right, or 15 digits (a legacy number), after normalization.</summary>
        public static bool IsIdCard(string value)
        {
            string id = IdentityNormalizer.NormalizeIdCard(value);
            if (id == null) return false;
            if (id.Length == 18 && id.Take(17).All(IsDigit))
                return IdCardRules.ComputeCheckCharacter(id.Substring(0, 17)) == id[17];
            return false;
        }

        /// <summary>11 digits starting with 1, after normalization (+86, spaces and dashes go).</summary>
        public static bool IsMobile(string value)
        {
            string mobile = IdentityNormalizer.NormalizeMobile(value);
            return mobile != null && mobile.Length == 11 && mobile[0] == '1' && mobile.All(IsDigit);
        }

        public static bool IsIdentity(string value) => !string.IsNullOrWhiteSpace(value) && (IsMobile(value) || IsIdCard(value));

        private static bool IsDigit(char c) => c >= '0' && c <= '9';
    }
}
