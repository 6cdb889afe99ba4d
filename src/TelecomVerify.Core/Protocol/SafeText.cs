using System.Text;
using System.Text.RegularExpressions;

namespace TelecomVerify.Protocol
{
    /// <summary>
    /// Text that came from outside (the provider's fields, HTTP reason phrases, exception messages
    /// that quote a proxy address) made safe to print and to export: bounded, without control
    /// characters that a terminal would obey, without a leading character that makes a
    /// spreadsheet run it as a formula, and without the user name and password of a URI.
    /// </summary>
    public static class SafeText
    {
        public const int MaxProviderText = 128;

        private static readonly Regex UserInfo = new Regex(@"(?<=://)[^/@\s'""]+@", RegexOptions.CultureInvariant);

        public static string FromProvider(string text, int max = MaxProviderText)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var sb = new StringBuilder(System.Math.Min(text.Length, max + 1));
            foreach (char c in text)
            {
                if (sb.Length >= max) { sb.Append('…'); break; }
                sb.Append(char.IsControl(c) ? ' ' : c);
            }
            // A spreadsheet reads =, +, - and @ at the start of a cell as a formula; an apostrophe is its own "this is text".
            char first = sb[0];
            if (first == '=' || first == '+' || first == '-' || first == '@') sb.Insert(0, '\'');
            return sb.ToString();
        }

        /// <summary>A framework message may quote a proxy or base URI with its password in it.</summary>
        public static string WithoutUserInfo(string text) => string.IsNullOrEmpty(text) ? text : UserInfo.Replace(text, string.Empty);
    }
}
