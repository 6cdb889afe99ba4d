using System;
using System.Collections.Generic;
using System.Globalization;

namespace TelecomVerify.Validation
{
    /// <summary>
    /// Rejects only what the provider would certainly refuse (each call is paid), and never on a
    /// mobile prefix: since number portability a number with any carrier's prefix may be China Telecom's.
    /// Expects normalized values.
    /// </summary>
    public static class IdentityValidator
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
            if (string.IsNullOrEmpty(mobile)) return "is empty.";
            if (IdentityNormalizer.IsScientific(mobile))
                return "is in scientific notation: the spreadsheet stored it as a number and may have lost digits. Format the column as text and export again.";
            if (mobile.Length != 11) return "must be 11 digits (after removing +86, spaces and dashes); it has " + mobile.Length + " characters.";
            foreach (char c in mobile)
                if (c < '0' || c > '9') return "must hold digits only.";
            if (mobile[0] != '1') return "must start with 1.";
            return null;
        }

        /// <summary>
        /// Chinese characters of every block, Latin letters with their diacritics, and between letters
        /// one space, middle dot, hyphen or apostrophe: the names of minorities, of foreigners with a
        /// permanent residence ID (their passport name), and of people whose character is rare.
        /// </summary>
        public static string CheckName(string name)
        {
            if (string.IsNullOrEmpty(name)) return "is empty.";
            if (name.IndexOf('\uFFFD') >= 0)
                return "holds the replacement character U+FFFD: the file was probably saved as GB18030/GBK and read as UTF-8; read it with Import-Csv -Encoding 936.";
            int count = 0;
            string previous = null;
            foreach (var element in IdentityNormalizer.TextElements(name))
            {
                count++;
                char c = element[0];
                bool letter = IdentityNormalizer.IsCjk(element) || IdentityNormalizer.IsLatin(element);
                bool separator = element == " " || element == "\u00B7" || element == "-" || element == "'";
                if (c >= '\uE000' && c <= '\uF8FF')
                    return "holds a private-use character (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
                        + "), typed with a private font for a rare character: the carrier compares standard characters, so it can never match. Type the character's standard (Unicode extension) form.";
                if (char.IsControl(c)) return "holds a control character (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ").";
                if (c >= '0' && c <= '9') return "holds a digit; a name cannot.";
                if (separator)
                {
                    if (previous == null) return "cannot start with '" + element + "'.";
                    if (previous == " " || previous == "\u00B7" || previous == "-" || previous == "'")
                        return element == "\u00B7" && previous == "\u00B7" ? "cannot hold two middle dots in a row." : "cannot hold two separators in a row.";
                }
                else if (!letter)
                {
                    string shown = char.IsSurrogate(c) ? string.Empty : "'" + element + "' ";
                    return "holds " + shown + "(U+" + char.ConvertToUtf32(element, 0).ToString("X4", CultureInfo.InvariantCulture) + "), which a name cannot.";
                }
                previous = element;
            }
            if (previous == " " || previous == "\u00B7" || previous == "-" || previous == "'") return "cannot end with '" + previous + "'.";
            if (count < MinNameLength) return "must have at least " + MinNameLength + " characters.";
            if (count > MaxNameLength) return "must have at most " + MaxNameLength + " characters; it has " + count + ".";
            return null;
        }
    }
}
