namespace TelecomVerify.Commands
{
    /// <summary>How many terminal cells text takes: a Chinese character takes two, as a terminal draws it.</summary>
    internal static class ConsoleCells
    {
        public static int Of(string text)
        {
            int cells = 0;
            foreach (char c in text ?? string.Empty) cells += Width(c);
            return cells;
        }

        /// <summary>The longest start of <paramref name="text"/> that fits in <paramref name="cells"/> cells.</summary>
        public static string Cut(string text, int cells)
        {
            int used = 0, i = 0;
            for (; i < text.Length; i++)
            {
                int w = Width(text[i]);
                if (used + w > cells) break;
                used += w;
            }
            // Never half a surrogate pair.
            if (i > 0 && i < text.Length && char.IsHighSurrogate(text[i - 1])) i--;
            return text.Substring(0, i);
        }

        /// <summary>Two cells for East Asian wide and full-width characters, none for zero-width ones, one otherwise (a surrogate pair's two halves make its two cells).</summary>
        public static int Width(char c)
        {
            if (c >= '\u200B' && c <= '\u200D' || c == '\u2060' || c == '\uFEFF') return 0;
            if (c >= '\u1100' && c <= '\u115F' || c >= '\u2E80' && c <= '\u303E' || c >= '\u3041' && c <= '\u33FF'
                || c >= '\u3400' && c <= '\u4DBF' || c >= '\u4E00' && c <= '\u9FFF' || c >= '\uA000' && c <= '\uA4CF'
                || c >= '\uAC00' && c <= '\uD7A3' || c >= '\uF900' && c <= '\uFAFF' || c >= '\uFE30' && c <= '\uFE4F'
                || c >= '\uFF00' && c <= '\uFF60' || c >= '\uFFE0' && c <= '\uFFE6') return 2;
            return 1;
        }
    }
}
