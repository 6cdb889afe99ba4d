using System;
using System.Collections.Generic;

namespace TelecomVerify.Sandbox
{
    /// <summary>application/x-www-form-urlencoded as servers decode it: '+' is a space.</summary>
    internal static class FormDecoder
    {
        public static Dictionary<string, string> Decode(string text)
        {
            var form = new Dictionary<string, string>(StringComparer.Ordinal);
            if (string.IsNullOrEmpty(text)) return form;
            foreach (var pair in text.Split('&'))
            {
                if (pair.Length == 0) continue;
                int eq = pair.IndexOf('=');
                string name = Unescape(eq < 0 ? pair : pair.Substring(0, eq));
                string value = eq < 0 ? string.Empty : Unescape(pair.Substring(eq + 1));
                form[name] = value;
            }
            return form;
        }

        private static string Unescape(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }
}
