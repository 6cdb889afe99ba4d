using System;
using System.Security.Cryptography;
using System.Text;
using TelecomVerify.Resources;

namespace TelecomVerify.Crypto
{
    /// <summary>
    /// The queryEncry cipher exactly as the provider specifies it: AES-128/ECB/PKCS7 over UTF-8,
    /// Base64 once. ECB leaks equal blocks; it is what the provider accepts, so it is not "improved".
    /// </summary>
    internal sealed class JuheCipher
    {
        private readonly byte[] _key;

        public JuheCipher(string openId)
        {
            if (string.IsNullOrEmpty(openId))
                throw new ArgumentException("An OpenID is needed to encrypt for the queryEncry endpoint.", nameof(openId));
            _key = DeriveKey(openId);
        }

        /// <summary>First 16 characters of the lowercase hex MD5 of the OpenID, as ASCII bytes.</summary>
        public static byte[] DeriveKey(string openId)
        {
            byte[] hash = Md5.Hash(Encoding.UTF8.GetBytes(openId));
            var key = new byte[16];
            const string hex = "0123456789abcdef";
            for (int i = 0; i < 8; i++)
            {
                key[2 * i] = (byte)hex[hash[i] >> 4];
                key[2 * i + 1] = (byte)hex[hash[i] & 0xF];
            }
            return key;
        }

        // Strict: a lone surrogate has no UTF-8 form, and replacing it would encrypt another value.
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>Throws <see cref="ArgumentException"/> for text that is not valid UTF-16 (a lone surrogate).</summary>
        public string Encrypt(string plainText)
        {
            byte[] bytes;
            try { bytes = StrictUtf8.GetBytes(plainText ?? string.Empty); }
            catch (EncoderFallbackException) { throw new ArgumentException(Messages.Cipher_LoneSurrogate); }
            using (var aes = Create())
            using (var encryptor = aes.CreateEncryptor())
                return Convert.ToBase64String(encryptor.TransformFinalBlock(bytes, 0, bytes.Length));
        }

        /// <summary>Throws <see cref="CryptographicException"/> or <see cref="FormatException"/> when the text was not made with this OpenID.</summary>
        public string Decrypt(string cipherText)
        {
            var bytes = Convert.FromBase64String(cipherText ?? string.Empty);
            using (var aes = Create())
            using (var decryptor = aes.CreateDecryptor())
            {
                var plain = decryptor.TransformFinalBlock(bytes, 0, bytes.Length);
                return StrictUtf8.GetString(plain);
            }
        }

        private Aes Create()
        {
            var aes = Aes.Create();
            aes.Mode = CipherMode.ECB;
            aes.Padding = PaddingMode.PKCS7;
            aes.Key = _key;
            return aes;
        }
    }
}
