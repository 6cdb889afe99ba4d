using TelecomVerify.Sandbox;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    public class FormDecoderTests
    {
        [Fact]
        public void Decodes_as_a_server_does_plus_is_a_space_and_percent_escapes_once()
        {
            var form = FormDecoder.Decode("key=k&realname=%E6%9D%8E%E9%9B%B7&idcard=a+b&mobile=R4lTPRgeved5f7MKcfMUKg%3D%3D&x=%252B");
            Assert.Equal("k", form["key"]);
            Assert.Equal("李雷", form["realname"]);
            Assert.Equal("a b", form["idcard"]);
            Assert.Equal("R4lTPRgeved5f7MKcfMUKg==", form["mobile"]);
            Assert.Equal("%2B", form["x"]);
        }

        [Theory]
        [InlineData("")]
        [InlineData(null)]
        [InlineData("&&")]
        public void Empty_input_is_an_empty_form(string text)
        {
            Assert.Empty(FormDecoder.Decode(text));
        }

        [Fact]
        public void A_name_without_a_value_is_empty_and_the_last_value_wins()
        {
            var form = FormDecoder.Decode("detail&key=1&key=2");
            Assert.Equal(string.Empty, form["detail"]);
            Assert.Equal("2", form["key"]);
        }
    }
}
