using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using TelecomVerify.Resources;

namespace TelecomVerify.Validation
{
    /// <summary>
    /// Undoes what spreadsheets and HR systems do to identities (full-width characters, stray
    /// spaces, +86, look-alike dots, a float's ".0", a legacy 15-digit ID) so that a value the
    /// provider would accept is not refused, nor paid for twice under two spellings. What changes
    /// more than the form is said in <c>notes</c>, for the row's message: nothing changes silently.
    /// Normalizing twice gives the same value as normalizing once.
    /// </summary>
    internal static class IdentityNormalizer
    {
        // Characters people and spreadsheets put where a name's middle dot belongs.
        private const string DotLookAlikes = "\u2022\u30FB\uFF0E\u2027\uFF65\u2219\u22C5\u0387\u2E31";
        private static readonly Regex FloatTail = new Regex(@"^[+\d\s\-()]*\d\.0+$", RegexOptions.CultureInvariant);
        private static readonly Regex Scientific = new Regex(@"^\d(\.\d+)?[eE][+-]?\d+$", RegexOptions.CultureInvariant);

        public static string NormalizeName(string value, ICollection<string> notes = null)
        {
            if (value == null) return null;
            var chars = new List<string>(value.Length);
            foreach (var element in TextElements(FoldWidth(TrimAll(value)))) chars.Add(element);
            var sb = new StringBuilder(value.Length);
            bool spaceRemoved = false;
            for (int i = 0; i < chars.Count; i++)
            {
                string c = chars[i];
                if (c.Length == 1 && IsSpace(c[0]))
                {
                    // A run of spaces: one between Latin letters (a given name and a surname); none
                    // between Chinese characters (HR systems pad two-character names) or beside a dot.
                    int next = i;
                    while (next + 1 < chars.Count && chars[next + 1].Length == 1 && IsSpace(chars[next + 1][0])) next++;
                    string before = sb.Length > 0 ? LastElement(sb) : null, after = next + 1 < chars.Count ? chars[next + 1] : null;
                    if (IsLatin(before) && IsLatin(after)) sb.Append(' ');
                    else if (IsCjk(before) && IsCjk(after)) spaceRemoved = true;
                    i = next;
                    continue;
                }
                if (c.Length == 1 && DotLookAlikes.IndexOf(c[0]) >= 0) c = "\u00B7";
                // An ASCII full stop between two Chinese characters is a typed middle dot.
                else if (c == "." && IsCjk(sb.Length > 0 ? LastElement(sb) : null) && i + 1 < chars.Count && IsCjk(chars[i + 1])) c = "\u00B7";
                if (c == "\u00B7" && sb.Length > 0 && sb[sb.Length - 1] == ' ') sb.Length--;
                sb.Append(c);
            }
            if (spaceRemoved) notes?.Add(Messages.Note_NameSpace);
            return sb.ToString();
        }

        public static string NormalizeIdCard(string value, ICollection<string> notes = null)
        {
            if (value == null) return null;
            string folded = FoldWidth(TrimAll(value));
            if (Scientific.IsMatch(folded)) return folded; // left as it is, for validation to explain
            var sb = new StringBuilder(folded.Length);
            bool times = false;
            foreach (char c in folded)
            {
                if (IsSpace(c) || c == '-') continue;
                if (c == '\u00D7') { times = true; sb.Append('X'); continue; }
                sb.Append(c == 'x' ? 'X' : c);
            }
            string id = sb.ToString();
            if (times) notes?.Add(Messages.Note_IdCardTimes);
            if (id.Length == 15 && IsDigits(id))
            {
                // Issued before 1999; the carrier holds the 18-character form: century, then the check character.
                string first17 = id.Substring(0, 6) + "19" + id.Substring(6);
                id = first17 + IdCardRules.ComputeCheckCharacter(first17);
                notes?.Add(Messages.Note_IdCardLegacy);
            }
            return id;
        }

        public static string NormalizeMobile(string value, ICollection<string> notes = null)
        {
            if (value == null) return null;
            string folded = FoldWidth(TrimAll(value));
            if (Scientific.IsMatch(folded)) return folded; // left as it is, for validation to explain
            if (FloatTail.IsMatch(folded))
            {
                folded = folded.Substring(0, folded.IndexOf('.'));
                notes?.Add(Messages.Note_MobileDecimal);
            }
            var sb = new StringBuilder(folded.Length);
            foreach (char c in folded)
            {
                if (IsSpace(c) || c == '-' || c == '(' || c == ')' || c == '.') continue;
                sb.Append(c);
            }
            var s = sb.ToString();
            if (s.StartsWith("+86", System.StringComparison.Ordinal)) s = s.Substring(3);
            else if (s.StartsWith("0086", System.StringComparison.Ordinal)) s = s.Substring(4);
            else if (s.Length == 13 && s.StartsWith("861", System.StringComparison.Ordinal)) s = s.Substring(2);
            return s;
        }

        /// <summary>A spreadsheet turned the value into a number shown in scientific notation (4.40306E+17).</summary>
        internal static bool IsScientific(string value) => value != null && Scientific.IsMatch(value);

        internal static bool IsSpace(char c) => char.IsWhiteSpace(c) || c == '\u3000' || c == '\u00A0' || c == '\uFEFF' || c == '\u200B';

        /// <summary>A letter of a Latin alphabet, diacritics included (José, Müller, Đặng).</summary>
        internal static bool IsLatin(string element)
        {
            if (string.IsNullOrEmpty(element) || element.Length != 1) return false;
            char c = element[0];
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                || (c >= '\u00C0' && c <= '\u024F' && c != '\u00D7' && c != '\u00F7') || (c >= '\u1E00' && c <= '\u1EFF');
        }

        /// <summary>A Chinese character of any block: the basic one, extensions A to I, compatibility, and 〇.</summary>
        internal static bool IsCjk(string element)
        {
            if (string.IsNullOrEmpty(element)) return false;
            int cp = char.ConvertToUtf32(element, 0);
            return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) || cp == 0x3007
                || (cp >= 0x20000 && cp <= 0x323AF) || (cp >= 0x2EBF0 && cp <= 0x2EE5F) || (cp >= 0x2F800 && cp <= 0x2FA1F);
        }

        /// <summary>Characters, a surrogate pair counted as one (extension B and later live outside the BMP).</summary>
        internal static IEnumerable<string> TextElements(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { yield return s.Substring(i, 2); i++; }
                else yield return s[i].ToString();
            }
        }

        private static string LastElement(StringBuilder sb) =>
            sb.Length >= 2 && char.IsLowSurrogate(sb[sb.Length - 1]) && char.IsHighSurrogate(sb[sb.Length - 2])
                ? sb.ToString(sb.Length - 2, 2) : sb[sb.Length - 1].ToString();

        private static bool IsDigits(string s)
        {
            foreach (char c in s) if (c < '0' || c > '9') return false;
            return true;
        }

        private static string TrimAll(string value)
        {
            int start = 0, end = value.Length - 1;
            while (start <= end && IsSpace(value[start])) start++;
            while (end >= start && IsSpace(value[end])) end--;
            return value.Substring(start, end - start + 1);
        }

        /// <summary>Full-width ASCII (U+FF01–U+FF5E) to its ordinary form: ０-９, Ａ-ｚ, ＋; the ideographic space to a space.</summary>
        private static string FoldWidth(string s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (char c in s) sb.Append(c >= '\uFF01' && c <= '\uFF5E' ? (char)(c - 0xFEE0) : c);
            return sb.ToString();
        }
    }
}
