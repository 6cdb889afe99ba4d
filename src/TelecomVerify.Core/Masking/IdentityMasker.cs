using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace TelecomVerify.Masking
{
    /// <summary>
    /// What the module prints of personal data and secrets by default: enough to find the row
    /// again, not enough to reuse the identity.
    /// </summary>
    internal static class IdentityMasker
    {
        /// <summary>李雷 → 李*; 阿卜杜·热合曼 → 阿******.</summary>
        public static string MaskName(string value)
        {
            if (string.IsNullOrEmpty(value)) return value;
            int first = char.IsHighSurrogate(value[0]) && value.Length > 1 ? 2 : 1;
            return value.Substring(0, first) + new string('*', System.Math.Max(1, value.Length - first));
        }

        /// <summary>44030619851212123X → 440***********123X. Only digits and X show: a name typed into the field stays hidden.</summary>
        public static string MaskIdCard(string value) => DigitsOnly(MaskMiddle(value, 3, 4), value);

        /// <summary>18900001234 → 189****1234. Only digits show.</summary>
        public static string MaskMobile(string value) => DigitsOnly(MaskMiddle(value, 3, 4), value);

        /// <summary>
        /// Every part of a text shaped like an ID number (18 characters with a right check character, or 15
        /// digits) or a mobile (11 digits from 1, +86 and separators allowed) masked, whoever it belongs to: a
        /// spouse's ID in a kept column, a mobile inside a header.
        /// </summary>
        public static string MaskShaped(string text)
        {
            if (string.IsNullOrEmpty(text) || !text.Any(char.IsDigit)) return text;
            return Shaped.Replace(text, m =>
            {
                string v = m.Value;
                if (Validation.IdentityShape.IsIdCard(v)) return MaskIdCard(v);
                if (Validation.IdentityShape.IsMobile(v)) return MaskMobile(v);
                return v;
            });
        }

        // Runs of digits, possibly grouped by spaces or dashes, with a leading +86 and a trailing X.
        private static readonly Regex Shaped = new Regex(@"(?<![0-9])(?:\+?86[ -]?)?[0-9](?:[ -]?[0-9]){10,17}[Xx]?(?![0-9])", RegexOptions.CultureInvariant);

        private static string DigitsOnly(string masked, string value)
        {
            if (string.IsNullOrEmpty(masked)) return masked;
            var sb = new StringBuilder(masked.Length);
            foreach (char c in masked) sb.Append((c >= '0' && c <= '9') || c == 'X' || c == 'x' || c == '*' ? c : '*');
            return sb.ToString();
        }

        /// <summary>A key or OpenID: its last four characters, and only when it is long enough that they give nothing away.</summary>
        public static string MaskSecret(string value)
        {
            if (string.IsNullOrEmpty(value)) return value;
            return value.Length >= 16 ? "********" + value.Substring(value.Length - 4) : "********";
        }

        private static string MaskMiddle(string value, int head, int tail)
        {
            if (string.IsNullOrEmpty(value)) return value;
            // Short or odd values: show at most a quarter at each end so the mask never reveals most of it.
            if (value.Length < head + tail + 4)
            {
                head = System.Math.Min(head, value.Length / 4);
                tail = System.Math.Min(tail, value.Length / 4);
            }
            var sb = new StringBuilder(value.Length);
            sb.Append(value, 0, head);
            sb.Append('*', value.Length - head - tail);
            sb.Append(value, value.Length - tail, tail);
            return sb.ToString();
        }
    }
}
