using System.Text;
using System.Text.RegularExpressions;

namespace TelecomVerify.Protocol
{
    /// <summary>
    /// Text that came from outside (the provider's fields, HTTP reason phrases, a JSON key the reader
    /// quotes, a value a user typed that is shown back) made safe to print and to export: bounded,
    /// without characters a terminal obeys (C0 and C1 controls, ESC, BEL) or that hide or reorder
    /// what follows (bidirectional overrides, zero-width characters), without a start that makes a
    /// spreadsheet run it as a formula, and without the user name and password of a URI.
    /// </summary>
    internal static class SafeText
    {
        public const int MaxProviderText = 128;


        /// <summary>Cleaned, bounded and guarded against formulas: for any field that came from the provider.</summary>
        public static string FromProvider(string text, int max = MaxProviderText) => ForCell(Clean(text, max));

        /// <summary>
        /// Control characters become spaces; bidirectional controls and zero-width characters go; the
        /// text is cut at <paramref name="max"/> characters with an ellipsis.
        /// </summary>
        public static string Clean(string text, int max = MaxProviderText)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var sb = new StringBuilder(System.Math.Min(text.Length, max + 1));
            foreach (char c in text)
            {
                if (sb.Length >= max) { sb.Append('…'); break; }
                if (IsInvisible(c)) continue;
                sb.Append(char.IsControl(c) ? ' ' : c);
            }
            return sb.ToString();
        }

        /// <summary>
        /// A spreadsheet runs a cell that starts with = + - @ (or their full-width forms, after any
        /// leading space) as a formula; an apostrophe in front is its own "this is text".
        /// </summary>
        public static string ForCell(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c) || IsInvisible(c)) continue;
                return IsFormulaStart(c) ? "'" + text : text;
            }
            return text;
        }

        private static bool IsFormulaStart(char c) =>
            c == '=' || c == '+' || c == '-' || c == '@' || c == '\uFF1D' || c == '\uFF0B' || c == '\uFF0D' || c == '\uFF20';

        /// <summary>Bidirectional controls (they reorder what a terminal shows) and zero-width characters (they hide).</summary>
        public static bool IsInvisible(char c) =>
            c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
            || (c >= '\u200B' && c <= '\u200D') || c == '\u2060' || c == '\uFEFF' || c == '\u2028' || c == '\u2029';
    }
}
