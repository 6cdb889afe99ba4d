using System;
using System.Security.Cryptography;

namespace TelecomVerify.Crypto
{
    /// <summary>
    /// MD5, which the provider's key rule needs (its key is part of an MD5 of the OpenID, not a
    /// security choice of ours). .NET Framework under a FIPS policy refuses to create the platform's
    /// MD5 (InvalidOperationException); then the digest is computed here, from RFC 1321.
    /// </summary>
    internal static class Md5
    {
        public static byte[] Hash(byte[] data)
        {
            try
            {
                using (var md5 = MD5.Create()) return md5.ComputeHash(data);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is CryptographicException || ex is System.Reflection.TargetInvocationException || ex is PlatformNotSupportedException)
            {
                return Compute(data);
            }
        }

        private static readonly int[] Shift =
        {
            7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
            5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
            4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
            6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
        };

        private static readonly uint[] Sine = BuildSine();

        private static uint[] BuildSine()
        {
            var k = new uint[64];
            for (int i = 0; i < 64; i++) k[i] = (uint)(long)Math.Floor(Math.Abs(Math.Sin(i + 1)) * 4294967296.0);
            return k;
        }

        /// <summary>RFC 1321, without the platform.</summary>
        internal static byte[] Compute(byte[] data)
        {
            long bitLength = (long)data.Length * 8;
            int padded = ((data.Length + 8) / 64 + 1) * 64;
            var message = new byte[padded];
            Buffer.BlockCopy(data, 0, message, 0, data.Length);
            message[data.Length] = 0x80;
            for (int i = 0; i < 8; i++) message[padded - 8 + i] = (byte)(bitLength >> (8 * i));

            uint a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476;
            var m = new uint[16];
            for (int chunk = 0; chunk < padded; chunk += 64)
            {
                for (int i = 0; i < 16; i++) m[i] = BitConverter.ToUInt32(message, chunk + 4 * i);
                uint a = a0, b = b0, c = c0, d = d0;
                for (int i = 0; i < 64; i++)
                {
                    uint f;
                    int g;
                    if (i < 16) { f = (b & c) | (~b & d); g = i; }
                    else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
                    else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
                    else { f = c ^ (b | ~d); g = (7 * i) % 16; }
                    f = f + a + Sine[i] + m[g];
                    a = d;
                    d = c;
                    c = b;
                    b += (f << Shift[i]) | (f >> (32 - Shift[i]));
                }
                a0 += a; b0 += b; c0 += c; d0 += d;
            }
            var digest = new byte[16];
            Buffer.BlockCopy(BitConverter.GetBytes(a0), 0, digest, 0, 4);
            Buffer.BlockCopy(BitConverter.GetBytes(b0), 0, digest, 4, 4);
            Buffer.BlockCopy(BitConverter.GetBytes(c0), 0, digest, 8, 4);
            Buffer.BlockCopy(BitConverter.GetBytes(d0), 0, digest, 12, 4);
            return digest;
        }
    }
}
