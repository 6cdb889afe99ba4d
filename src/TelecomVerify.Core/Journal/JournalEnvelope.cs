using System;
using System.Globalization;
using System.Text;

namespace TelecomVerify.Journal
{
    /// <summary>
    /// A line of format 3: <c>{"n":7,"c":"…base64…","mac":"…32 hex…"}</c>. The content (the answer or the
    /// run's note, as format 2 wrote it in the clear) is encrypted and padded to a multiple of
    /// <see cref="PadTo"/> bytes, so that a copy of the file shows how many lines it has and nothing else:
    /// not who, not when, not what answer, not which lines are one person. <c>n</c> is the line's place in
    /// the file (the header is line 1) and the MAC covers it with the ciphertext (encrypt, then MAC): a line
    /// moved, repeated or replayed from another file or run is not at the place its MAC names.
    /// </summary>
    internal static class JournalEnvelope
    {
        public const int PadTo = 512;
        private static readonly byte[] Prefix = Encoding.ASCII.GetBytes("{\"n\":");
        private static readonly byte[] ContentPrefix = Encoding.ASCII.GetBytes(",\"c\":\"");

        public static byte[] Seal(string content, long sequence, JournalKeys keys)
        {
            int length = Encoding.UTF8.GetByteCount(content);
            var plain = new byte[(length / PadTo + 1) * PadTo];
            Encoding.UTF8.GetBytes(content, 0, content.Length, plain, 0);
            for (int i = length; i < plain.Length; i++) plain[i] = (byte)' ';
            string head = "{\"n\":" + sequence.ToString(CultureInfo.InvariantCulture) + ",\"c\":\"" + Convert.ToBase64String(keys.Cipher.Encrypt(plain, plain.Length)) + "\"";
            var bytes = new byte[head.Length + JournalLine.MacSuffixLength + 1];
            Encoding.ASCII.GetBytes(head, 0, head.Length, bytes, 0);
            string tail = ",\"mac\":\"" + keys.Mac(bytes, 0, head.Length) + "\"}\n";
            Encoding.ASCII.GetBytes(tail, 0, tail.Length, bytes, head.Length);
            return bytes;
        }

        /// <summary>The content of an authentic line, the padding cut; null for a line that is not one.</summary>
        /// <param name="sequence">The place the line's MAC names.</param>
        public static byte[] TryOpen(byte[] b, int at, int length, JournalKeys keys, out long sequence, out int contentLength)
        {
            sequence = 0;
            contentLength = 0;
            if (length < Prefix.Length + ContentPrefix.Length + JournalLine.MacSuffixLength + 2 || !Starts(b, at, Prefix)) return null;
            int i = at + Prefix.Length, end = at + length - JournalLine.MacSuffixLength;
            while (i < end && i - at - Prefix.Length < 18 && b[i] >= '0' && b[i] <= '9') sequence = sequence * 10 + (b[i++] - '0');
            if (i == at + Prefix.Length || !Starts(b, i, ContentPrefix) || b[end - 1] != '"') return null;
            if (!JournalLine.IsAuthentic(b, at, length, keys)) return null;
            int from = i + ContentPrefix.Length;
            byte[] sealedText;
            try { sealedText = Convert.FromBase64String(Encoding.ASCII.GetString(b, from, end - 1 - from)); }
            catch (FormatException) { return null; }
            var plain = keys.Cipher.Decrypt(sealedText, 0, sealedText.Length);
            if (plain == null) return null;
            contentLength = plain.Length;
            while (contentLength > 0 && plain[contentLength - 1] == ' ') contentLength--;
            return plain;
        }

        private static bool Starts(byte[] b, int at, byte[] expected)
        {
            if (at + expected.Length > b.Length) return false;
            for (int i = 0; i < expected.Length; i++) if (b[at + i] != expected[i]) return false;
            return true;
        }
    }
}
