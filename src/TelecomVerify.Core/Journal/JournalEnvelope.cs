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
            contentLength = 0;
            if (!TryFrame(b, at, length, out sequence, out int from, out int end) || !JournalLine.IsAuthentic(b, at, length, keys)) return null;
            byte[] sealedText;
            try { sealedText = Convert.FromBase64String(Encoding.ASCII.GetString(b, from, end - 1 - from)); }
            catch (FormatException) { return null; }
            var plain = keys.Cipher.Decrypt(sealedText, 0, sealedText.Length);
            if (plain == null) return null;
            contentLength = plain.Length;
            while (contentLength > 0 && plain[contentLength - 1] == ' ') contentLength--;
            return plain;
        }

        /// <summary>
        /// What loading reads: an authentic line at <paramref name="number"/>, its first <paramref name="headLength"/> bytes of content
        /// decrypted into <paramref name="head"/> (the nonce and the head together a multiple of 3 bytes, so that their Base64 ends on a whole group).
        /// The MAC is checked over the whole line; only the head is decoded and decrypted, which keeps a million lines' load near what
        /// reading them costs.
        /// </summary>
        public static bool TryOpenHead(byte[] b, int at, int length, long number, JournalKeys keys, byte[] scratch, byte[] head, int headLength)
        {
            if (!TryFrame(b, at, length, out long sequence, out int from, out int end) || sequence != number) return false;
            int chars = (LineCipher.NonceLength + headLength + 2) / 3 * 4;
            if (end - 1 - from < chars || !JournalLine.IsAuthentic(b, at, length, keys) || !Base64Prefix(b, from, chars, scratch)) return false;
            keys.Cipher.DecryptHead(scratch, headLength, head);
            return true;
        }

        private static bool TryFrame(byte[] b, int at, int length, out long sequence, out int from, out int end)
        {
            sequence = 0;
            from = end = 0;
            if (length < Prefix.Length + ContentPrefix.Length + JournalLine.MacSuffixLength + 2 || !Starts(b, at, Prefix)) return false;
            int i = at + Prefix.Length;
            end = at + length - JournalLine.MacSuffixLength;
            while (i < end && i - at - Prefix.Length < 18 && b[i] >= '0' && b[i] <= '9') sequence = sequence * 10 + (b[i++] - '0');
            if (i == at + Prefix.Length || !Starts(b, i, ContentPrefix) || b[end - 1] != '"') return false;
            from = i + ContentPrefix.Length;
            return true;
        }

        private static readonly sbyte[] Sextets = BuildSextets();

        private static sbyte[] BuildSextets()
        {
            var table = new sbyte[128];
            for (int i = 0; i < table.Length; i++) table[i] = -1;
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for (int i = 0; i < alphabet.Length; i++) table[alphabet[i]] = (sbyte)i;
            return table;
        }

        /// <summary>The first <paramref name="chars"/> characters of Base64 (whole groups, no padding among them) into <paramref name="output"/>.</summary>
        private static bool Base64Prefix(byte[] b, int at, int chars, byte[] output)
        {
            for (int i = 0, o = 0; i < chars; i += 4, o += 3)
            {
                int v = 0;
                for (int j = 0; j < 4; j++)
                {
                    byte c = b[at + i + j];
                    int sextet = c < 128 ? Sextets[c] : -1;
                    if (sextet < 0) return false;
                    v = (v << 6) | sextet;
                }
                output[o] = (byte)(v >> 16);
                output[o + 1] = (byte)(v >> 8);
                output[o + 2] = (byte)v;
            }
            return true;
        }

        private static bool Starts(byte[] b, int at, byte[] expected)
        {
            if (at + expected.Length > b.Length) return false;
            for (int i = 0; i < expected.Length; i++) if (b[at + i] != expected[i]) return false;
            return true;
        }
    }
}
