using System.Text;
using TelecomVerify.Protocol;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    public class ResponseParserTests
    {
        private static JuheReply Parse(string json)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            return JuheResponseParser.Parse(bytes, bytes.Length);
        }

        [Fact]
        public void The_documented_example_parses()
        {
            var reply = Parse("{\"reason\":\"查询成功\",\"result\":{\"realname\":\"****\",\"mobile\":\"*****\",\"idcard\":\"*****\",\"orderid\":\"J2732018111616502005782a\",\"res\":2,\"resmsg\":\"三要素身份验证不一致\",\"rescode\":\"24\"},\"error_code\":0}");
            Assert.Equal(0, reply.ErrorCode);
            Assert.Equal(2, reply.Result.Res);
            Assert.Equal("24", reply.Result.ResCode);
            Assert.Equal("J2732018111616502005782a", reply.Result.OrderId);
        }

        [Fact]
        public void An_error_answer_parses_without_a_result()
        {
            var reply = Parse("{\"reason\":\"库中无此记录\",\"result\":null,\"error_code\":227303}");
            Assert.Equal(227303, reply.ErrorCode);
            Assert.Null(reply.Result);
        }

        [Theory]
        [InlineData("<html><body>502</body></html>")]
        [InlineData("{\"reason\":\"ok\"}")]
        [InlineData("{\"error_code\":0,\"reason\":\"ok\",\"result\":null}")]
        [InlineData("{\"error_code\":0,\"result\":{\"res\":7}}")]
        [InlineData("{\"error_code\":\"zero\"}")]
        [InlineData("{\"error_code\":0,\"result\":{\"res\":1")]
        [InlineData("[1,2,3]")]
        [InlineData("")]
        public void Anything_else_is_a_malformed_response(string body)
        {
            var ex = Assert.Throws<JuheTransportException>(() => Parse(body));
            Assert.Equal("MalformedResponse", ex.ErrorId);
        }
    }
}
