using System;
using System.Globalization;

namespace TelecomVerify.Validation
{
    /// <summary>GB 11643-1999: the structure, check character and birth date of an 18-character ID number.</summary>
    public static class IdCardRules
    {
        private static readonly int[] Weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        private const string CheckChars = "10X98765432";

        /// <summary>The check character for the first 17 digits.</summary>
        public static char ComputeCheckCharacter(string first17)
        {
            if (first17 == null || first17.Length < 17) throw new ArgumentException("17 digits are needed.", nameof(first17));
            int sum = 0;
            for (int i = 0; i < 17; i++)
            {
                int d = first17[i] - '0';
                if (d < 0 || d > 9) throw new ArgumentException("17 digits are needed.", nameof(first17));
                sum += d * Weights[i];
            }
            return CheckChars[sum % 11];
        }

        /// <summary>Null when the (normalized) value is a well-formed ID number, else what is wrong.</summary>
        public static string Check(string id, DateTime today)
        {
            if (string.IsNullOrEmpty(id)) return "is empty.";
            if (IdentityNormalizer.IsScientific(id)) return "is in scientific notation: the spreadsheet stored it as a number and lost its last digits. " + TextColumn;
            if (id.Length == 15 && IsDigits(id, 15))
                return "is a legacy 15-digit number, which the provider does not accept; convert it to 18 characters (insert '19' before the birth year, then append the GB 11643 check character).";
            if (id.Length != 18) return "must be 18 characters; it has " + id.Length + ".";
            if (!IsDigits(id, 17)) return "must be 17 digits followed by a digit or X.";
            char last = id[17];
            if (!(last >= '0' && last <= '9') && last != 'X') return "must end with a digit or X.";
            if (!DateTime.TryParseExact(id.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
                // The digits themselves stay out: beside the masked ID they would give most of it away.
                return "holds a birth date (characters 7 to 14) that does not exist.";
            if (birth.Year < 1900) return "holds a birth year before 1900.";
            if (birth > today) return "holds a birth date in the future.";
            char expected = ComputeCheckCharacter(id);
            if (expected != last)
                return id.EndsWith("000", StringComparison.Ordinal)
                    ? "fails the check-character test and ends in 000: a spreadsheet stored it as a number, which keeps only 15 digits. " + TextColumn
                    : "fails the check-character test (GB 11643): a digit is probably mistyped.";
            return null;
        }

        private const string TextColumn = "Format the ID column as text in the spreadsheet and export it again.";

        private static bool IsDigits(string s, int count)
        {
            for (int i = 0; i < count; i++)
                if (s[i] < '0' || s[i] > '9') return false;
            return true;
        }
    }
}
