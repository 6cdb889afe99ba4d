using System;
using System.Security.Cryptography;
using System.Text;

namespace TelecomVerify.Verification
{
    /// <summary>
    /// 128 bits of SHA-256 over a normalized identity: what the run remembers of each identity it
    /// has asked about, so that remembering fifty thousand of them costs little and holds no
    /// personal data in clear.
    /// </summary>
    internal readonly struct IdentityKey : IEquatable<IdentityKey>
    {
        private readonly ulong _high, _low;

        private IdentityKey(ulong high, ulong low) { _high = high; _low = low; }

        public static IdentityKey Of(SHA256 sha, string name, string idCard, string mobile)
        {
            var bytes = Encoding.UTF8.GetBytes(name + "\u0001" + idCard + "\u0001" + mobile);
            var hash = sha.ComputeHash(bytes);
            return new IdentityKey(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
        }

        public bool Equals(IdentityKey other) => _high == other._high && _low == other._low;
        public override bool Equals(object obj) => obj is IdentityKey k && Equals(k);
        public override int GetHashCode() => (int)_low ^ (int)(_low >> 32);
    }
}
