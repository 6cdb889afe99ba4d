using System.Text;

namespace TelecomVerify.Validation
{
    /// <summary>
    /// Undoes what spreadsheets do to identities (full-width digits, stray spaces, +86, look-alike
    /// dots) so that a value the provider would accept is not refused, nor paid for twice under two
    /// spellings. Normalizing twice gives the same value as normalizing once.
    /// </summary>
    public static class IdentityNormalizer
    {
        // Characters people and spreadsheets put where a name's middle dot belongs.
        private const string DotLookAlikes = "\u2022\u30FB\uFF0E\u2027\uFF65\u2219\u22C5\u0387";

        public static string NormalizeName(string value)
        {
            if (value == null) return null;
            var sb = new StringBuilder(value.Length);
            bool pendingSpace = false;
            foreach (char raw in TrimAll(value))
            {
                char c = DotLookAlikes.IndexOf(raw) >= 0 ? '\u00B7' : raw;
                if (IsSpace(c)) { pendingSpace = true; continue; }
                if (pendingSpace)
                {
                    // Spaces separate the words of a Latin name; around a CJK character or a dot they are noise.
                    if (sb.Length > 0 && IsLatinLetter(sb[sb.Length - 1]) && IsLatinLetter(c)) sb.Append(' ');
                    pendingSpace = false;
                }
                sb.Append(c);
            }
            return sb.ToString();
        }

        public static string NormalizeIdCard(string value)
        {
            if (value == null) return null;
            var sb = new StringBuilder(value.Length);
            foreach (char raw in value)
            {
                if (IsSpace(raw) || raw == '-') continue;
                char c = FoldWidth(raw);
                sb.Append(c == 'x' ? 'X' : c);
            }
            return sb.ToString();
        }

        public static string NormalizeMobile(string value)
        {
            if (value == null) return null;
            var sb = new StringBuilder(value.Length);
            foreach (char raw in value)
            {
                char c = FoldWidth(raw);
                if (IsSpace(c) || c == '-' || c == '(' || c == ')' || c == '.') continue;
                sb.Append(c);
            }
            var s = sb.ToString();
            if (s.StartsWith("+86", System.StringComparison.Ordinal)) s = s.Substring(3);
            else if (s.StartsWith("0086", System.StringComparison.Ordinal)) s = s.Substring(4);
            else if (s.Length == 13 && s.StartsWith("861", System.StringComparison.Ordinal)) s = s.Substring(2);
            return s;
        }

        internal static bool IsSpace(char c) => char.IsWhiteSpace(c) || c == '\u3000' || c == '\u00A0' || c == '\uFEFF' || c == '\u200B';

        private static bool IsLatinLetter(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

        private static string TrimAll(string value)
        {
            int start = 0, end = value.Length - 1;
            while (start <= end && IsSpace(value[start])) start++;
            while (end >= start && IsSpace(value[end])) end--;
            return value.Substring(start, end - start + 1);
        }

        /// <summary>Full-width ASCII (U+FF01–U+FF5E) to its ordinary form: ０-９, Ｘ, ＋.</summary>
        private static char FoldWidth(char c) => c >= '\uFF01' && c <= '\uFF5E' ? (char)(c - 0xFEE0) : c;
    }
}
