using System;
using System.Collections.Generic;
using System.Globalization;
using TelecomVerify.Resources;

namespace TelecomVerify.Validation
{
    /// <summary>
    /// Rejects only what the provider would certainly refuse (each call is paid), and never on a
    /// mobile prefix: since number portability a number with any carrier's prefix may be China Telecom's.
    /// Expects normalized values.
    /// </summary>
    internal static class IdentityValidator
    {
        /// <summary>Transliterated foreign names run long (克里斯蒂安·罗纳尔多·多斯·桑托斯·阿韦罗 has 21).</summary>
        public const int MaxNameLength = 64;
        public const int MinNameLength = 2;

        public static List<ValidationProblem> Validate(string realName, string idCard, string mobile, DateTime today)
        {
            var problems = new List<ValidationProblem>(0);
            var nameProblem = CheckName(realName);
            if (nameProblem != null) problems.Add(new ValidationProblem(IdentityField.RealName, nameProblem));
            var idProblem = IdCardRules.Check(idCard, today);
            if (idProblem != null) problems.Add(new ValidationProblem(IdentityField.IdCard, idProblem));
            var mobileProblem = CheckMobile(mobile);
            if (mobileProblem != null) problems.Add(new ValidationProblem(IdentityField.Mobile, mobileProblem));
            return problems;
        }

        public static string CheckMobile(string mobile)
        {
            if (string.IsNullOrEmpty(mobile)) return Messages.Value_Empty;
            if (IdentityNormalizer.IsScientific(mobile))
                return Messages.Mobile_Scientific;
            if (mobile.Length != 11) return Text.Format(Messages.Mobile_Length, mobile.Length);
            foreach (char c in mobile)
                if (c < '0' || c > '9') return Messages.Mobile_Digits;
            if (mobile[0] != '1') return Messages.Mobile_FirstDigit;
            return null;
        }

        /// <summary>
        /// Chinese characters of every block, Latin letters with their diacritics, and between letters
        /// one space, middle dot, hyphen or apostrophe: the names of minorities, of foreigners with a
        /// permanent residence ID (their passport name), and of people whose character is rare.
        /// </summary>
        public static string CheckName(string name)
        {
            if (string.IsNullOrEmpty(name)) return Messages.Value_Empty;
            if (name.IndexOf('\uFFFD') >= 0)
                return Messages.RealName_Replacement;
            int count = 0;
            string previous = null;
            foreach (var element in IdentityNormalizer.TextElements(name))
            {
                count++;
                char c = element[0];
                bool letter = IdentityNormalizer.IsCjk(element) || IdentityNormalizer.IsLatin(element);
                bool separator = element == " " || element == "\u00B7" || element == "-" || element == "'";
                if (c >= '\uE000' && c <= '\uF8FF')
                    return Text.Format(Messages.RealName_PrivateUse, ((int)c).ToString("X4", CultureInfo.InvariantCulture));
                if (char.IsControl(c)) return Text.Format(Messages.RealName_Control, ((int)c).ToString("X4", CultureInfo.InvariantCulture));
                if (c >= '0' && c <= '9') return Messages.RealName_Digit;
                if (separator)
                {
                    if (previous == null) return Text.Format(Messages.RealName_Starts, element);
                    if (previous == " " || previous == "\u00B7" || previous == "-" || previous == "'")
                        return element == "\u00B7" && previous == "\u00B7" ? Messages.RealName_TwoDots : Messages.RealName_TwoSeparators;
                }
                else if (!letter)
                {
                    // GBK has no code for a rare character (𠀀, 䶮…): a file saved in it holds '?' where the character was.
                    if (element == "?") return Messages.RealName_QuestionMark;
                    string shown = char.IsSurrogate(c) ? string.Empty : element;
                    return Text.Format(Messages.RealName_Character, shown, char.ConvertToUtf32(element, 0).ToString("X4", CultureInfo.InvariantCulture));
                }
                previous = element;
            }
            if (previous == " " || previous == "\u00B7" || previous == "-" || previous == "'") return Text.Format(Messages.RealName_Ends, previous);
            if (count < MinNameLength) return Text.Format(Messages.RealName_TooShort, MinNameLength);
            if (count > MaxNameLength) return Text.Format(Messages.RealName_TooLong, MaxNameLength, count);
            return null;
        }
    }
}
