using System.Text;

namespace TelecomVerify.Masking
{
    /// <summary>
    /// What the module prints of personal data and secrets by default: enough to find the row
    /// again, not enough to reuse the identity.
    /// </summary>
    public static class IdentityMasker
    {
        /// <summary>李雷 → 李*; 阿卜杜·热合曼 → 阿******.</summary>
        public static string MaskName(string value)
        {
            if (string.IsNullOrEmpty(value)) return value;
            int first = char.IsHighSurrogate(value[0]) && value.Length > 1 ? 2 : 1;
            return value.Substring(0, first) + new string('*', System.Math.Max(1, value.Length - first));
        }

        /// <summary>44030619851212123X → 440***********123X.</summary>
        public static string MaskIdCard(string value) => MaskMiddle(value, 3, 4);

        /// <summary>18900001234 → 189****1234.</summary>
        public static string MaskMobile(string value) => MaskMiddle(value, 3, 4);

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
