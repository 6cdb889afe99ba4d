using System;
using System.Globalization;
using TelecomVerify.Resources;

namespace TelecomVerify.Validation
{
    /// <summary>GB 11643-1999: the structure, check character and birth date of an 18-character ID number.</summary>
    internal static class IdCardRules
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
            if (string.IsNullOrEmpty(id)) return Messages.Value_Empty;
            if (IdentityNormalizer.IsScientific(id)) return Text.Format(Messages.IdCard_Scientific, Messages.IdCard_TextColumn);
            if (id.Length == 15 && IsDigits(id, 15))
                return Messages.IdCard_Legacy;
            if (id.Length != 18) return LooksLikeTravelDocument(id) ? Messages.IdCard_Passport : Text.Format(Messages.IdCard_Length, id.Length);
            if (!IsDigits(id, 17)) return Messages.IdCard_Digits;
            char last = id[17];
            if (!(last >= '0' && last <= '9') && last != 'X') return Messages.IdCard_LastCharacter;
            if (!DateTime.TryParseExact(id.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
                // The digits themselves stay out: beside the masked ID they would give most of it away.
                return Messages.IdCard_NoSuchDate;
            if (birth.Year < 1900) return Messages.IdCard_Before1900;
            if (birth > today) return Messages.IdCard_Future;
            char expected = ComputeCheckCharacter(id);
            if (expected != last)
                return id.EndsWith("000", StringComparison.Ordinal)
                    ? Text.Format(Messages.IdCard_Rounded, Messages.IdCard_TextColumn)
                    : Messages.IdCard_CheckCharacter;
            return null;
        }


        private static bool IsDigits(string s, int count)
        {
            for (int i = 0; i < count; i++)
                if (s[i] < '0' || s[i] > '9') return false;
            return true;
        }

        /// <summary>
        /// A passport or a travel permit (E12345678, G…, H/M + 8 digits for Hong Kong and Macao, 8 digits
        /// for Taiwan): one or two letters, then digits, 8 to 11 characters. Not an ID number of any length.
        /// </summary>
        private static bool LooksLikeTravelDocument(string id)
        {
            if (id.Length < 8 || id.Length > 11 || !char.IsLetter(id[0])) return false;
            int letters = 0;
            while (letters < id.Length && id[letters] >= 'A' && id[letters] <= 'Z') letters++;
            if (letters == 0 || letters > 2) return false;
            for (int i = letters; i < id.Length; i++) if (id[i] < '0' || id[i] > '9') return false;
            return true;
        }
    }
}
