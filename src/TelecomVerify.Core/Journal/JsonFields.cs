using System;
using System.Collections.Generic;
using System.Globalization;

namespace TelecomVerify.Journal
{
    /// <summary>
    /// The fields of a journal line, read by type: a line that lacks one or holds another type is not a line
    /// the journal wrote, and reading it says so (false) rather than by an exception (a null unboxed, a bad cast).
    /// </summary>
    internal static class JsonFields
    {
        public static bool Text(Dictionary<string, object> map, string key, out string value)
        {
            value = map.TryGetValue(key, out var found) ? found as string : null;
            return value != null;
        }

        /// <summary>An optional text field: null when absent or not text.</summary>
        public static string Text(Dictionary<string, object> map, string key) => map.TryGetValue(key, out var found) ? found as string : null;

        /// <summary>A whole number within <see cref="int"/> or <see cref="long"/> as asked (JSON numbers arrive as double).</summary>
        public static bool Whole(Dictionary<string, object> map, string key, long min, long max, out long value)
        {
            value = 0;
            if (!map.TryGetValue(key, out var found) || !(found is double d) || d != Math.Floor(d) || d < min || d > max) return false;
            value = (long)d;
            return true;
        }

        public static bool Time(Dictionary<string, object> map, string key, string format, out DateTime value)
        {
            value = default;
            return Text(map, key, out var text)
                && DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);
        }

        /// <summary>A name of <typeparamref name="T"/>'s, and only a declared one (Enum.TryParse takes "7" too).</summary>
        public static bool Named<T>(string text, out T value) where T : struct
        {
            value = default;
            return text.Length > 0 && !char.IsDigit(text[0]) && text[0] != '-' && Enum.TryParse(text, false, out value) && Enum.IsDefined(typeof(T), value);
        }
    }
}
