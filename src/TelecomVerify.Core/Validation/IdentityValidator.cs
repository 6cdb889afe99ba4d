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
        public const int MaxNameLength = 20;
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
            if (mobile.Length != 11) return "must be 11 digits (after removing +86, spaces and dashes); it has " + mobile.Length + " characters.";
            foreach (char c in mobile)
                if (c < '0' || c > '9') return "must hold digits only.";
            if (mobile[0] != '1') return "must start with 1.";
            return null;
        }

        public static string CheckName(string name)
        {
            if (string.IsNullOrEmpty(name)) return "is empty.";
            if (name.IndexOf('\uFFFD') >= 0)
                return "holds the replacement character U+FFFD: the file was probably saved as GB18030/GBK and read as UTF-8; read it with Import-Csv -Encoding 936.";
            int count = 0;
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
                {
                    // CJK extension B and later: rare characters in real names.
                    int cp = char.ConvertToUtf32(c, name[i + 1]);
                    if (cp < 0x20000 || cp > 0x3134F) return "holds a character that is not a Chinese character.";
                    i++; count++;
                    continue;
                }
                count++;
                if (c >= '0' && c <= '9') return "holds a digit; a name cannot.";
                if (IsCjk(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ') continue;
                if (c == '\u00B7')
                {
                    if (i == 0 || i == name.Length - 1) return "cannot start or end with a middle dot.";
                    if (name[i - 1] == '\u00B7') return "cannot hold two middle dots in a row.";
                    continue;
                }
                if (char.IsControl(c)) return "holds a control character (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ").";
                return "holds '" + c + "' (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + "), which a name cannot.";
            }
            if (count < MinNameLength) return "must have at least " + MinNameLength + " characters.";
            if (count > MaxNameLength) return "must have at most " + MaxNameLength + " characters; it has " + count + ".";
            return null;
        }

        private static bool IsCjk(char c) => (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF');
    }
}
