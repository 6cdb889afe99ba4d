using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TelecomVerify.Journal
{
    /// <summary>
    /// The journal's keys, derived from the API key and the provider over the journal's random salt,
    /// and never stored: a copy of the file alone confirms no guessed identity, reads no line and forges
    /// none, and a journal written for another account or provider is told apart at once.
    /// Three keys come out of one: the identity hash's, the line MAC's and (format 3) the content's, so
    /// none reveals another. The identity hash's key stays the one format 2 derived (from the host), so
    /// that a journal rewritten in format 3 keeps finding its people; the others, from format 3 on, come
    /// from the provider's whole origin (scheme, host and port): the sandbox and a local forwarding proxy
    /// on one host are two providers.
    /// </summary>
    internal sealed class JournalKeys : IDisposable
    {
        private const string Label2 = "TelecomVerify.Journal/2", Label3 = "TelecomVerify.Journal/3";
        private readonly HMACSHA256 _mac;

        private JournalKeys(byte[] identitySecret, byte[] macKey, byte[] contentKey)
        {
            IdentitySecret = identitySecret;
            _mac = new HMACSHA256(macKey);
            if (contentKey != null) Cipher = new LineCipher(contentKey);
        }

        /// <summary>The key of the identity hash (<see cref="Verification.IdentityKey"/>).</summary>
        public byte[] IdentitySecret { get; }

        /// <summary>What encrypts a line's content; null for format 2, whose lines are plain.</summary>
        public LineCipher Cipher { get; }

        /// <param name="origin">scheme://host:port of the provider; used from format 3 on.</param>
        public static JournalKeys Derive(string apiKey, string host, string origin, byte[] salt, int version)
        {
            if (string.IsNullOrEmpty(apiKey)) throw new ArgumentException("A journal needs the API key its answers were paid with.", nameof(apiKey));
            using (var expand2 = new HMACSHA256(Master(apiKey, Label2, salt, host)))
            {
                byte[] identity = expand2.ComputeHash(Encoding.ASCII.GetBytes("identity"));
                if (version < 3) return new JournalKeys(identity, expand2.ComputeHash(Encoding.ASCII.GetBytes("line")), null);
                using (var expand3 = new HMACSHA256(Master(apiKey, Label3, salt, origin)))
                    return new JournalKeys(identity, expand3.ComputeHash(Encoding.ASCII.GetBytes("line")), expand3.ComputeHash(Encoding.ASCII.GetBytes("content")));
            }
        }

        private static byte[] Master(string apiKey, string label, byte[] salt, string provider)
        {
            string h = (provider ?? string.Empty).ToLowerInvariant();
            var context = new byte[label.Length + salt.Length + 1 + Encoding.UTF8.GetByteCount(h)];
            int at = Encoding.ASCII.GetBytes(label, 0, label.Length, context, 0);
            Buffer.BlockCopy(salt, 0, context, at, salt.Length);
            at += salt.Length;
            context[at++] = 0;
            Encoding.UTF8.GetBytes(h, 0, h.Length, context, at);
            using (var root = new HMACSHA256(Encoding.UTF8.GetBytes(apiKey))) return root.ComputeHash(context);
        }

        /// <summary>The header's proof that this key and host wrote the journal.</summary>
        public string AccountCheck(byte[] salt) => Mac(salt, 0, salt.Length);

        /// <summary>128 bits of HMAC-SHA256 over the bytes, as 32 lowercase hex characters.</summary>
        public string Mac(byte[] bytes, int at, int count)
        {
            byte[] hash;
            lock (_mac) hash = _mac.ComputeHash(bytes, at, count);
            var hex = new StringBuilder(32);
            for (int i = 0; i < 16; i++) hex.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
            return hex.ToString();
        }

        /// <summary>Whether the 32 hex characters at <paramref name="macAt"/> are the MAC of the bytes before them.</summary>
        public bool Verify(byte[] bytes, int at, int count, int macAt)
        {
            byte[] hash;
            // A worker appends while the pipeline thread reads an entry back: HMAC keeps state between calls.
            lock (_mac) hash = _mac.ComputeHash(bytes, at, count);
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

        public void Dispose()
        {
            _mac.Dispose();
            Cipher?.Dispose();
        }
    }
}
