using System;

namespace TelecomVerify.Sandbox
{
    /// <summary>
    /// The provider's own checks (227304–227306), written from its document and kept apart from the
    /// module's validators on purpose: if they shared code, no test could notice the module refusing
    /// a value the provider would take. They are as loose as the document allows.
    /// </summary>
    internal static class SandboxRules
    {
        /// <summary>227304: eleven digits starting with 1. Which carrier owns it is the lookup's business.</summary>
        public static bool IsMobile(string s)
        {
            if (s.Length != 11 || s[0] != '1') return false;
            foreach (char c in s) if (c < '0' || c > '9') return false;
            return true;
        }

        /// <summary>227305: some letters, and nothing that cannot be part of a name (digits, controls, symbols).</summary>
        public static bool IsName(string s)
        {
            if (s.Length == 0 || s.Length > 100) return false;
            bool letter = false;
            foreach (char c in s)
            {
                if (char.IsLetter(c) || char.IsSurrogate(c) || c == '\u3007') { letter = true; continue; }
                if (c == ' ' || c == '·' || c == '-' || c == '\'' || c == '.') continue;
                return false;
            }
            return letter;
        }

        /// <summary>227306: eighteen characters, the last a digit or X, the GB 11643 check character right.</summary>
        public static bool IsIdCard(string s)
        {
            if (s.Length != 18) return false;
            int sum = 0;
            for (int i = 0; i < 17; i++)
            {
                if (s[i] < '0' || s[i] > '9') return false;
                // Weight 2^(17-i) mod 11, as the standard defines it.
                sum += (s[i] - '0') * (int)(Math.Pow(2, 17 - i) % 11);
            }
            int check = (12 - sum % 11) % 11;
            return s[17] == (check == 10 ? 'X' : (char)('0' + check));
        }
    }
}
