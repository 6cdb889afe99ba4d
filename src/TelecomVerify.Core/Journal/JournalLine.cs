using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TelecomVerify.Protocol;
using TelecomVerify.Verification;

namespace TelecomVerify.Journal
{
    /// <summary>
    /// What one journal line holds: the identity's keyed hash, the time, two flags at fixed places (so
    /// that loading a million lines reads no JSON), then the answer.
    /// <c>{"k":"…32…","t":"yyyy-MM-ddTHH:mm:ssZ","d":0,"p":0,…}</c>. Format 2 wrote it in the clear with
    /// a MAC at its end (<c>,"mac":"…32…"}</c>), and is still read; format 3 seals it (<see cref="JournalEnvelope"/>).
    /// </summary>
    internal static class JournalLine
    {
        public const int KeyAt = 6, TimeAt = 45, DetailAt = 71, BilledAt = 77, MinLength = 78 + MacSuffixLength;
        public const int MacSuffixLength = 42; // ,"mac":"<32 hex>"}
        private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
        private static readonly byte[] KeyPrefix = Encoding.ASCII.GetBytes("{\"k\":\"");
        private static readonly byte[] TimePrefix = Encoding.ASCII.GetBytes("\",\"t\":\"");
        private static readonly byte[] DetailPrefix = Encoding.ASCII.GetBytes("\",\"d\":");
        private static readonly byte[] BilledPrefix = Encoding.ASCII.GetBytes(",\"p\":");
        private static readonly byte[] MacPrefix = Encoding.ASCII.GetBytes(",\"mac\":\"");

        /// <summary>The longest text a field keeps: as long as a result shows it, so that every line written loads again.</summary>
        private const int MaxField = 256, MaxCode = 64;

        /// <summary>The line of format 3 at place <paramref name="sequence"/>, newline included: the content sealed (<see cref="JournalEnvelope"/>).</summary>
        public static byte[] Format(IdentityKey key, DateTime utc, JournalEntry answer, JournalKeys keys, long sequence) =>
            JournalEnvelope.Seal(Content(key, utc, answer), sequence, keys);

        /// <summary>What a line holds, as format 2 wrote it in the clear (without its MAC): the fixed places first.</summary>
        internal static string Content(IdentityKey key, DateTime utc, JournalEntry answer) =>
            new StringBuilder(320)
                .Append("{\"k\":\"").Append(key.ToHex())
                .Append("\",\"t\":\"").Append(utc.ToString(TimeFormat, CultureInfo.InvariantCulture))
                .Append("\",\"d\":").Append(answer.ServesDetail ? '1' : '0')
                .Append(",\"p\":").Append(answer.PossiblyBilled ? '1' : '0')
                .Append(",\"m\":").Append(Bounded(answer.Mobile, MaxField))
                .Append(",\"s\":\"").Append(answer.Status)
                .Append("\",\"dt\":").Append(answer.DetailKind.HasValue ? "\"" + answer.DetailKind.Value + "\"" : "null")
                .Append(",\"e\":").Append(answer.ErrorCode.ToString(CultureInfo.InvariantCulture))
                .Append(",\"r\":").Append(answer.Res.ToString(CultureInfo.InvariantCulture))
                .Append(",\"c\":").Append(Bounded(answer.ResCode, MaxCode))
                .Append(",\"o\":").Append(Bounded(answer.OrderId, MaxCode))
                .Append(",\"msg\":").Append(Bounded(answer.ResMessage, MaxField))
                .Append(",\"why\":").Append(Bounded(answer.Reason, MaxField))
                .Append(",\"f\":").Append(Bounded(answer.FailureId, MaxCode))
                .Append('}')
                .ToString();

        private static string Bounded(string text, int max) => JsonText.Quote(SafeText.Clean(text, max));

        /// <summary>The bytes that hold every fixed place: a format-3 line's head, all loading decrypts of it.</summary>
        public const int HeadLength = BilledAt + 1 + 2;

        /// <summary>What <see cref="TryReadFixed"/> is given.</summary>
        public enum Shape
        {
            /// <summary>A line of format 2, its MAC at its end.</summary>
            Signed,
            /// <summary>The whole content of a line of format 3.</summary>
            Content,
            /// <summary>Its first <see cref="HeadLength"/> bytes only.</summary>
            Head,
        }

        /// <summary>What loading needs of a line, read at fixed places; false when the line is not of that shape.</summary>
        public static bool TryReadFixed(byte[] b, int at, int length, Shape shape, out IdentityKey key, out DateTime utc, out bool servesDetail, out bool possiblyBilled)
        {
            key = default; utc = default; servesDetail = possiblyBilled = false;
            int least = shape == Shape.Signed ? MinLength : shape == Shape.Content ? MinLength - MacSuffixLength + 1 : HeadLength;
            if (length < least || !Matches(b, at, KeyPrefix) || !Matches(b, at + KeyAt + 32, TimePrefix)
                || !Matches(b, at + TimeAt + 20, DetailPrefix) || !Matches(b, at + DetailAt + 1, BilledPrefix)
                || (shape != Shape.Head && b[at + length - 1] != '}')
                || (shape == Shape.Signed && (!Matches(b, at + length - MacSuffixLength, MacPrefix) || b[at + length - 2] != '"')))
                return false;
            if (!IdentityKey.TryParseHex(b, at + KeyAt, out key) || !TryTime(b, at + TimeAt, out utc)) return false;
            byte d = b[at + DetailAt], p = b[at + BilledAt];
            if ((d != '0' && d != '1') || (p != '0' && p != '1')) return false;
            servesDetail = d == '1';
            possiblyBilled = p == '1';
            return true;
        }

        /// <summary>The MAC at the end of the line is the MAC of what comes before it.</summary>
        public static bool IsAuthentic(byte[] b, int at, int length, JournalKeys keys) =>
            length > MacSuffixLength && Matches(b, at + length - MacSuffixLength, MacPrefix)
            && keys.Verify(b, at, length - MacSuffixLength, at + length - MacSuffixLength + MacPrefix.Length);

        /// <summary>The whole entry, for a row or an audit; null when the line is not one.</summary>
        public static JournalEntry TryParse(string line)
        {
            Dictionary<string, object> map;
            try { map = StrictJsonReader.Parse(line) as Dictionary<string, object>; }
            catch (FormatException) { return null; }
            if (map == null || !JsonFields.Time(map, "t", TimeFormat, out var time)
                || !JsonFields.Whole(map, "d", 0, 1, out long d) || !JsonFields.Whole(map, "p", 0, 1, out long p)
                || !JsonFields.Text(map, "s", out var status) || !JsonFields.Named(status, out CheckStatus statusKind)
                || !JsonFields.Whole(map, "e", int.MinValue, int.MaxValue, out long code) || !JsonFields.Whole(map, "r", int.MinValue, int.MaxValue, out long res))
                return null;
            MatchDetail? detailKind = null;
            string detail = JsonFields.Text(map, "dt");
            if (detail != null)
            {
                if (!JsonFields.Named(detail, out MatchDetail named)) return null;
                detailKind = named;
            }
            return new JournalEntry
            {
                Time = time,
                ServesDetail = d == 1,
                PossiblyBilled = p == 1,
                Mobile = JsonFields.Text(map, "m"),
                StatusKind = statusKind,
                DetailKind = detailKind,
                ErrorCode = (int)code,
                Res = (int)res,
                ResCode = JsonFields.Text(map, "c"),
                OrderId = JsonFields.Text(map, "o"),
                ResMessage = JsonFields.Text(map, "msg"),
                Reason = JsonFields.Text(map, "why"),
                FailureId = JsonFields.Text(map, "f"),
            };
        }

        private static bool Matches(byte[] b, int at, byte[] expected)
        {
            for (int i = 0; i < expected.Length; i++) if (b[at + i] != expected[i]) return false;
            return true;
        }

        private static bool TryTime(byte[] b, int at, out DateTime utc)
        {
            utc = default;
            int Num(int from, int count)
            {
                int v = 0;
                for (int i = from; i < from + count; i++)
                {
                    int digit = b[at + i] - '0';
                    if (digit < 0 || digit > 9) return -1;
                    v = v * 10 + digit;
                }
                return v;
            }
            int year = Num(0, 4), month = Num(5, 2), day = Num(8, 2), hour = Num(11, 2), minute = Num(14, 2), second = Num(17, 2);
            if (year < 2000 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59 || b[at + 19] != 'Z')
                return false;
            utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
            return true;
        }
    }
}
