using System;
using System.Globalization;
using FsCheck.Xunit;
using TelecomVerify.Crypto;
using TelecomVerify.Validation;

namespace TelecomVerify.Tests.Core
{
    /// <summary>Properties that must hold for any input, checked on generated values.</summary>
    public class PropertyTests
    {
        private static readonly DateTime Today = new DateTime(2026, 11, 28);
        private static readonly JuheCipher Cipher = new JuheCipher("demo-openid-0001");

        [Property(MaxTest = 500)]
        public bool Normalizing_twice_is_normalizing_once(string value) =>
            IdentityNormalizer.NormalizeName(IdentityNormalizer.NormalizeName(value)) == IdentityNormalizer.NormalizeName(value)
            && IdentityNormalizer.NormalizeIdCard(IdentityNormalizer.NormalizeIdCard(value)) == IdentityNormalizer.NormalizeIdCard(value)
            && IdentityNormalizer.NormalizeMobile(IdentityNormalizer.NormalizeMobile(value)) == IdentityNormalizer.NormalizeMobile(value);

        [Property(MaxTest = 500)]
        public bool Validation_agrees_with_the_check_character_rule(int region, int day, int sequence, byte wrong)
        {
            // A well-formed number from the generated integers: region, a real past birth date, sequence.
            string regionText = (110000 + (region & int.MaxValue) % 800000).ToString(CultureInfo.InvariantCulture);
            string birth = new DateTime(1900, 1, 1).AddDays((day & int.MaxValue) % 45000).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            string first17 = regionText + birth + ((sequence & int.MaxValue) % 1000).ToString("D3", CultureInfo.InvariantCulture);
            char check = Mod11_2(first17);
            char other = "0123456789X"[wrong % 11];
            bool validPasses = IdCardRules.Check(first17 + check, Today) == null;
            bool wrongFails = other == check || IdCardRules.Check(first17 + other, Today).Contains("check-character");
            return validPasses && wrongFails;
        }

        /// <summary>
        /// The oracle, written apart from the module: ISO 7064 MOD 11-2 as GB 11643 states it, with the
        /// weights computed as powers of two (the module keeps a table and a lookup string).
        /// </summary>
        private static char Mod11_2(string first17)
        {
            int sum = 0;
            for (int i = 0; i < 17; i++) sum += (first17[i] - '0') * (int)(System.Numerics.BigInteger.ModPow(2, 17 - i, 11));
            int check = (12 - sum % 11) % 11;
            return check == 10 ? 'X' : (char)('0' + check);
        }

        [Property(MaxTest = 500)]
        public bool Normalizing_undoes_what_spreadsheets_do_to_a_mobile_and_an_id(long digits, byte style)
        {
            // A mobile number and an ID number, then spoiled the ways files spoil them.
            string mobile = "1" + ((digits & long.MaxValue) % 10_000_000_000L).ToString("D10", CultureInfo.InvariantCulture);
            string id = "11010519491231002" + ((digits & 1) == 0 ? "X" : "7");
            string FullWidth(string s) => new string(Array.ConvertAll(s.ToCharArray(), c => c >= '0' && c <= '9' ? (char)(c + 0xFEE0) : c));
            string spoiledMobile;
            switch (style % 5)
            {
                case 0: spoiledMobile = "+86 " + mobile.Substring(0, 3) + " " + mobile.Substring(3, 4) + " " + mobile.Substring(7); break;
                case 1: spoiledMobile = "0086-" + mobile; break;
                case 2: spoiledMobile = "\u3000" + FullWidth(mobile) + " "; break;
                case 3: spoiledMobile = "(" + mobile.Substring(0, 3) + ")" + mobile.Substring(3, 4) + "-" + mobile.Substring(7); break;
                default: spoiledMobile = mobile; break;
            }
            string spoiledId = style % 2 == 0 ? " " + FullWidth(id.ToLowerInvariant()) + "\u3000" : id.ToLowerInvariant();
            return IdentityNormalizer.NormalizeMobile(spoiledMobile) == mobile && IdentityNormalizer.NormalizeIdCard(spoiledId) == id;
        }

        [Property(MaxTest = 500)]
        public bool Protect_then_unprotect_gives_back_any_encodable_string(string value)
        {
            string text = value ?? string.Empty;
            bool encodable = true;
            for (int i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                if (char.IsSurrogate(text[i])) encodable = false;
            }
            try { return encodable && Cipher.Decrypt(Cipher.Encrypt(text)) == text; }
            catch (ArgumentException) { return !encodable; }
        }
    }
}
