using System;
using System.Security.Cryptography;

namespace TelecomVerify.Journal
{
    /// <summary>
    /// AES-256 in counter mode, one random 16-byte counter start per line: a line's content is unreadable
    /// without the key, and two lines of one person share no byte. Counter mode needs only the block
    /// encryption, which netstandard2.0 has on every platform (ECB of the counter blocks); it keeps no
    /// padding, and the line's MAC (encrypt, then MAC) is what stops a flipped bit from being served.
    /// </summary>
    internal sealed class LineCipher : IDisposable
    {
        public const int NonceLength = 16;
        private readonly Aes _aes;
        private readonly ICryptoTransform _block;
        private readonly RandomNumberGenerator _random = RandomNumberGenerator.Create();
        private readonly object _lock = new object();

        public LineCipher(byte[] key)
        {
            _aes = Aes.Create();
            _aes.Mode = CipherMode.ECB;
            _aes.Padding = PaddingMode.None;
            _aes.Key = key;
            _block = _aes.CreateEncryptor();
        }

        /// <summary>A fresh nonce, then the text encrypted: <see cref="NonceLength"/> + <paramref name="count"/> bytes.</summary>
        public byte[] Encrypt(byte[] plain, int count)
        {
            var sealedText = new byte[NonceLength + count];
            lock (_lock)
            {
                _random.GetBytes(sealedText, 0, NonceLength);
                Xor(sealedText, 0, plain, 0, count, sealedText, NonceLength);
            }
            return sealedText;
        }

        /// <summary>The text of a nonce and ciphertext; the caller has checked the MAC first.</summary>
        public byte[] Decrypt(byte[] sealedText, int at, int count)
        {
            if (count < NonceLength) return null;
            var plain = new byte[count - NonceLength];
            lock (_lock) Xor(sealedText, at, sealedText, at + NonceLength, plain.Length, plain, 0);
            return plain;
        }

        /// <summary>Only the first <paramref name="count"/> bytes of the text, into <paramref name="plain"/>: counter mode lets a
        /// reader decrypt the head of a line alone, and loading needs no more than its fixed places.</summary>
        public void DecryptHead(byte[] sealedText, int count, byte[] plain)
        {
            lock (_lock) Xor(sealedText, 0, sealedText, NonceLength, count, plain, 0);
        }

        /// <summary>Output = input XOR AES(nonce), AES(nonce + 1), …: the same for both directions.</summary>
        private void Xor(byte[] nonce, int nonceAt, byte[] input, int inputAt, int count, byte[] output, int outputAt)
        {
            int blocks = (count + 15) / 16;
            var counters = new byte[blocks * 16];
            var stream = new byte[counters.Length];
            var counter = new byte[16];
            Buffer.BlockCopy(nonce, nonceAt, counter, 0, 16);
            for (int b = 0; b < blocks; b++)
            {
                Buffer.BlockCopy(counter, 0, counters, b * 16, 16);
                for (int i = 15; i >= 0 && ++counter[i] == 0; i--) { }
            }
            if (counters.Length > 0) _block.TransformBlock(counters, 0, counters.Length, stream, 0);
            for (int i = 0; i < count; i++) output[outputAt + i] = (byte)(input[inputAt + i] ^ stream[i]);
        }

        public void Dispose()
        {
            _block.Dispose();
            _aes.Dispose();
            _random.Dispose();
        }
    }
}
