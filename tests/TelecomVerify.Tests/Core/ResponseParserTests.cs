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

        [Fact]
        public void A_byte_order_mark_before_the_answer_is_not_a_different_answer()
        {
            var json = Encoding.UTF8.GetBytes("{\"reason\":\"ok\",\"result\":{\"res\":1,\"orderid\":\"A1\"},\"error_code\":0}");
            var body = new byte[json.Length + 3];
            body[0] = 0xEF; body[1] = 0xBB; body[2] = 0xBF;
            json.CopyTo(body, 3);
            Assert.Equal(1, JuheResponseParser.Parse(body, body.Length).Result.Res);
        }

        [Theory]
        [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
        [InlineData("+12345", "'+12345")]
        [InlineData("ok\u001b[2Jcleared", "ok [2Jcleared")]
        public void Provider_text_cannot_run_in_a_spreadsheet_or_steer_a_terminal(string orderId, string shown)
        {
            var reply = Parse("{\"reason\":\"ok\",\"result\":{\"res\":1,\"orderid\":" + JsonText.Quote(orderId) + "},\"error_code\":0}");
            Assert.Equal(shown, reply.Result.OrderId);
        }

        [Fact]
        public void Provider_text_is_bounded()
        {
            var reply = Parse("{\"reason\":\"ok\",\"result\":{\"res\":1,\"orderid\":\"" + new string('7', 60000) + "\"},\"error_code\":0}");
            Assert.InRange(reply.Result.OrderId.Length, 1, SafeText.MaxProviderText + 1);
        }

        [Theory]
        [InlineData("\"1\"", 1)]
        [InlineData("\"2\"", 2)]
        public void A_paid_answer_with_res_as_a_numeric_string_is_read(string res, int expected)
        {
            // The answer is paid for; throwing it away as unreadable would pay again for nothing.
            Assert.Equal(expected, Parse("{\"error_code\":0,\"reason\":\"ok\",\"result\":{\"res\":" + res + "}}").Result.Res);
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
        [InlineData("{\"error_code\":\"0\",\"result\":{\"res\":1}}")]
        [InlineData("{\"error_code\":0,\"result\":{\"res\":\"3\"}}")]
        [InlineData("{\"error_code\":0,\"result\":{\"res\":\"1.0\"}}")]
        [InlineData("{\"error_code\":0,\"result\":{\"res\":3}}")]
        [InlineData("{\"error_code\":10001,\"reason\":\"x\",\"error_code\":0,\"result\":{\"res\":1}}")]
        [InlineData("{\"error_code\":0,\"result\":{\"res\":2,\"res\":1}}")]
        [InlineData("{\"error_code\":1e-400,\"result\":{\"res\":1}}")]
        public void Anything_else_is_a_malformed_response(string body)
        {
            var ex = Assert.Throws<JuheTransportException>(() => Parse(body));
            Assert.Equal("UnreadableAnswer", ex.ErrorId);
        }
    }
}
