using System.Security.Cryptography;
using TelecomVerify.Crypto;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    public class JuheCipherTests
    {
        private const string OpenId = "demo-openid-0001";

        [Theory]
        [InlineData("李雷", "oFjn35qHqfkf/vUASy3CVg==")]
        [InlineData("44030619851212123X", "rRs4R+Sf4IuS6z/Q4895LqEXarie4rpmyWC0hpJS3ns=")]
        [InlineData("18900001234", "R4lTPRgeved5f7MKcfMUKg==")]
        [InlineData("", "QQ4RIe6BM4/mXqWy+eDMDg==")]
        [InlineData("阿卜杜·热合曼", "mXKVREhyiFlRxLuXSBxVjZ/EAHhHNhGQeZtKsQlkKvc=")]
        public void Encrypt_matches_the_documented_vectors_and_decrypts_back(string plain, string expected)
        {
            var cipher = new JuheCipher(OpenId);
            Assert.Equal(expected, cipher.Encrypt(plain));
            Assert.Equal(plain, cipher.Decrypt(expected));
        }

        [Fact]
        public void Key_is_the_first_16_lowercase_hex_characters_of_the_md5()
        {
            Assert.Equal("92a257003fd3ffda", System.Text.Encoding.ASCII.GetString(JuheCipher.DeriveKey(OpenId)));
        }

        [Fact]
        public void Text_from_another_openid_does_not_decrypt()
        {
            var text = new JuheCipher("someone-else").Encrypt("44030619851212123X");
            Assert.ThrowsAny<CryptographicException>(() => new JuheCipher(OpenId).Decrypt(text));
        }
    }
}
