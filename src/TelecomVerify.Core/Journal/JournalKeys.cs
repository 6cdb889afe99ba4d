using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TelecomVerify.Journal
{
    /// <summary>
    /// The journal's keys, derived from the API key and the provider's host over the journal's random
    /// salt, and never stored: a copy of the file alone confirms no guessed identity and forges no
    /// line, and a journal written for another account or provider is told apart at once.
    /// Two keys come out of one: the identity hash's and the line MAC's, so neither reveals the other.
    /// </summary>
    internal sealed class JournalKeys : IDisposable
    {
        private const string Label = "TelecomVerify.Journal/2";
        private readonly HMACSHA256 _mac;

        private JournalKeys(byte[] identitySecret, byte[] macKey)
        {
            IdentitySecret = identitySecret;
            _mac = new HMACSHA256(macKey);
        }

        /// <summary>The key of the identity hash (<see cref="Verification.IdentityKey"/>).</summary>
        public byte[] IdentitySecret { get; }

        public static JournalKeys Derive(string apiKey, string host, byte[] salt)
        {
            if (string.IsNullOrEmpty(apiKey)) throw new ArgumentException("A journal needs the API key its answers were paid with.", nameof(apiKey));
            string h = (host ?? string.Empty).ToLowerInvariant();
            var context = new byte[Label.Length + salt.Length + 1 + Encoding.UTF8.GetByteCount(h)];
            int at = Encoding.ASCII.GetBytes(Label, 0, Label.Length, context, 0);
            Buffer.BlockCopy(salt, 0, context, at, salt.Length);
            at += salt.Length;
            context[at++] = 0;
            Encoding.UTF8.GetBytes(h, 0, h.Length, context, at);
            byte[] master;
            using (var root = new HMACSHA256(Encoding.UTF8.GetBytes(apiKey))) master = root.ComputeHash(context);
            using (var expand = new HMACSHA256(master))
                return new JournalKeys(expand.ComputeHash(Encoding.ASCII.GetBytes("identity")), expand.ComputeHash(Encoding.ASCII.GetBytes("line")));
        }

        /// <summary>The header's proof that this key and host wrote the journal.</summary>
        public string AccountCheck(byte[] salt) => Mac(salt, 0, salt.Length);

        /// <summary>128 bits of HMAC-SHA256 over the bytes, as 32 lowercase hex characters. Not thread-safe.</summary>
        public string Mac(byte[] bytes, int at, int count)
        {
            var hash = _mac.ComputeHash(bytes, at, count);
            var hex = new StringBuilder(32);
            for (int i = 0; i < 16; i++) hex.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
            return hex.ToString();
        }

        /// <summary>Whether the 32 hex characters at <paramref name="macAt"/> are the MAC of the bytes before them.</summary>
        public bool Verify(byte[] bytes, int at, int count, int macAt)
        {
            var hash = _mac.ComputeHash(bytes, at, count);
            int diff = 0;
            for (int i = 0; i < 16; i++)
            {
                int high = Nibble(bytes[macAt + 2 * i]), low = Nibble(bytes[macAt + 2 * i + 1]);
                if (high < 0 || low < 0) return false;
                diff |= ((high << 4) | low) ^ hash[i];
            }
            return diff == 0;
        }

        private static int Nibble(byte c) => c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;

        public void Dispose() => _mac.Dispose();
    }
}
