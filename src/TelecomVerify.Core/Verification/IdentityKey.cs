using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TelecomVerify.Verification
{
    /// <summary>
    /// 128 bits of HMAC-SHA256 over a normalized identity: what the run (and the journal) remembers
    /// of each identity, so that remembering a million of them costs little and holds no personal
    /// data. Fields are length-prefixed, so no choice of characters makes two identities collide.
    /// </summary>
    public readonly struct IdentityKey : IEquatable<IdentityKey>
    {
        private readonly ulong _high, _low;

        private IdentityKey(ulong high, ulong low) { _high = high; _low = low; }

        /// <param name="hmac">Keyed with the run's or the journal's secret; not thread-safe, so one per run.</param>
        public static IdentityKey Of(HMAC hmac, string name, string idCard, string mobile)
        {
            var bytes = new byte[12 + Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(idCard) + Encoding.UTF8.GetByteCount(mobile)];
            int at = Put(bytes, 0, name);
            at = Put(bytes, at, idCard);
            Put(bytes, at, mobile);
            var hash = hmac.ComputeHash(bytes);
            return new IdentityKey(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
        }

        private static int Put(byte[] into, int at, string value)
        {
            int length = Encoding.UTF8.GetBytes(value, 0, value.Length, into, at + 4);
            into[at] = (byte)(length >> 24); into[at + 1] = (byte)(length >> 16); into[at + 2] = (byte)(length >> 8); into[at + 3] = (byte)length;
            return at + 4 + length;
        }

        public string ToHex() => _high.ToString("x16", CultureInfo.InvariantCulture) + _low.ToString("x16", CultureInfo.InvariantCulture);

        /// <summary>Reads 32 lowercase hex characters at <paramref name="at"/> (ASCII bytes, as a journal line holds them).</summary>
        public static bool TryParseHex(byte[] text, int at, out IdentityKey key)
        {
            key = default;
            if (at < 0 || at + 32 > text.Length) return false;
            if (!TryHex(text, at, out ulong high) || !TryHex(text, at + 16, out ulong low)) return false;
            key = new IdentityKey(high, low);
            return true;
        }

        private static bool TryHex(byte[] text, int at, out ulong value)
        {
            value = 0;
            for (int i = at; i < at + 16; i++)
            {
                int c = text[i], d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
                if (d < 0) return false;
                value = (value << 4) | (uint)d;
            }
            return true;
        }

        public bool Equals(IdentityKey other) => _high == other._high && _low == other._low;
        public override bool Equals(object obj) => obj is IdentityKey k && Equals(k);
        public override int GetHashCode() => (int)_low ^ (int)(_low >> 32);
    }
}
