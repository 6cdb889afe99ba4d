using TelecomVerify.Validation;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    public class NormalizationTests
    {
        [Theory]
        [InlineData("+86 189-0000-1234", "18900001234")]
        [InlineData("0086 18900001234", "18900001234")]
        [InlineData("８６１８９００００１２３４", "18900001234")]
        [InlineData("１８９００００１２３４", "18900001234")]
        [InlineData("\u3000189 0000 1234\u3000", "18900001234")]
        [InlineData("＋8618900001234", "18900001234")]
        public void Mobile_numbers_lose_what_spreadsheets_add(string raw, string expected)
        {
            Assert.Equal(expected, IdentityNormalizer.NormalizeMobile(raw));
            Assert.Equal(expected, IdentityNormalizer.NormalizeMobile(expected));
        }

        [Theory]
        [InlineData("44030619851212123x", "44030619851212123X")]
        [InlineData(" 440306 19851212 123X ", "44030619851212123X")]
        [InlineData("４４０３０６１９８５１２１２１２３ｘ", "44030619851212123X")]
        [InlineData("110105490101002", "110105194901010021")]
        public void Id_numbers_are_folded_to_ascii_and_uppercase_x(string raw, string expected) =>
            Assert.Equal(expected, IdentityNormalizer.NormalizeIdCard(raw));

        [Theory]
        [InlineData("阿卜杜•热合曼", "阿卜杜·热合曼")]
        [InlineData("阿卜杜・热合曼", "阿卜杜·热合曼")]
        [InlineData("阿卜杜．热合曼", "阿卜杜·热合曼")]
        [InlineData("阿卜杜‧热合曼", "阿卜杜·热合曼")]
        [InlineData("\u3000李雷 ", "李雷")]
        [InlineData("李 雷", "李雷")]
        [InlineData("José  García", "José García")]
        [InlineData("阿卜杜 · 热合曼", "阿卜杜·热合曼")]
        [InlineData("John  Smith", "John Smith")]
        public void Names_lose_stray_spaces_and_get_the_real_middle_dot(string raw, string expected)
        {
            Assert.Equal(expected, IdentityNormalizer.NormalizeName(raw));
            Assert.Equal(expected, IdentityNormalizer.NormalizeName(expected));
        }
    }
}
