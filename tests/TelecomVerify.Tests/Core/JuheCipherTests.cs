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

        [Theory]
        [InlineData("")]
        [InlineData("abc")]
        [InlineData("demo-openid-0001")]
        [InlineData("0123456789012345678901234567890123456789012345678901234")]   // 55 bytes: the length fits the block
        [InlineData("01234567890123456789012345678901234567890123456789012345")]  // 56: it does not
        [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
        [InlineData("阿卜杜·热合曼的 OpenID，带中文")]
        public void The_md5_used_where_fips_forbids_the_platforms_equals_the_platforms(string text)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            using (var platform = System.Security.Cryptography.MD5.Create())
                Assert.Equal(platform.ComputeHash(bytes), Crypto.Md5.Compute(bytes));
            var large = new byte[100_003];
            new System.Random(7).NextBytes(large);
            using (var platform = System.Security.Cryptography.MD5.Create())
                Assert.Equal(platform.ComputeHash(large), Crypto.Md5.Compute(large));
        }
    }
}
