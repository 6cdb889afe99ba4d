using System.Globalization;
using System.Text;

namespace TelecomVerify.Protocol
{
    /// <summary>Writing JSON strings: the little the module writes (the sandbox's answers, the saved credential).</summary>
    internal static class JsonText
    {
        public static string Quote(string s)
        {
            if (s == null) return "null";
            var sb = new StringBuilder(s.Length + 2).Append('"');
            foreach (char c in s)
            {
                if (c == '"' || c == '\\') sb.Append('\\').Append(c);
                else if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
            return sb.Append('"').ToString();
        }
    }
}
