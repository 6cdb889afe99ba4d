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
            char check = IdCardRules.ComputeCheckCharacter(first17);
            char other = "0123456789X"[wrong % 11];
            bool validPasses = IdCardRules.Check(first17 + check, Today) == null;
            bool wrongFails = other == check || IdCardRules.Check(first17 + other, Today).Contains("check-character");
            return validPasses && wrongFails;
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
