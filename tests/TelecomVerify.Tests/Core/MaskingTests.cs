using TelecomVerify.Masking;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    public class MaskingTests
    {
        [Fact]
        public void Identities_keep_only_enough_to_find_the_row()
        {
            Assert.Equal("李*", IdentityMasker.MaskName("李雷"));
            Assert.Equal("阿******", IdentityMasker.MaskName("阿卜杜·热合曼"));
            Assert.Equal("440***********123X", IdentityMasker.MaskIdCard("44030619851212123X"));
            Assert.Equal("189****1234", IdentityMasker.MaskMobile("18900001234"));
        }

        [Fact]
        public void Short_values_are_never_mostly_revealed()
        {
            Assert.Equal("1***4", IdentityMasker.MaskMobile("12344"));
            Assert.Equal("***", IdentityMasker.MaskIdCard("123"));
        }

        [Fact]
        public void Secrets_show_at_most_their_last_four_characters()
        {
            Assert.Equal("********cdef", IdentityMasker.MaskSecret("0123456789abcdef"));
            Assert.Equal("********", IdentityMasker.MaskSecret("short-key"));
        }
    }
}
