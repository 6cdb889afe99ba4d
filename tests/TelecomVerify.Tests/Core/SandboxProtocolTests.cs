using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TelecomVerify.Crypto;
using TelecomVerify.Protocol;
using TelecomVerify.Sandbox;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    public class SandboxProtocolTests : IClassFixture<SandboxFixture>
    {
        private readonly SandboxFixture _sandbox;

        public SandboxProtocolTests(SandboxFixture sandbox) => _sandbox = sandbox;

        [Fact]
        public async Task The_client_posts_a_form_and_keeps_the_key_out_of_the_url()
        {
            using (var client = _sandbox.Client())
            {
                var reply = await client.QueryAsync("李雷", "44030619851212123X", "18900001234", true, JuheEndpoint.Plain, CancellationToken.None);
                Assert.Equal(0, reply.ErrorCode);
                Assert.Equal(1, reply.Result.Res);
                Assert.Equal("11", reply.Result.ResCode);
            }
            var seen = _sandbox.Server.RecentRequests.Last(r => r.Carried("mobile", "18900001234"));
            Assert.Equal("POST", seen.Method);
            Assert.Equal("/telecomCmcc/query", seen.Target);
            Assert.StartsWith("application/x-www-form-urlencoded", seen.ContentType);
            Assert.True(seen.Carried("key", _sandbox.Server.ApiKey));
            // What the sandbox keeps of it holds no key and no identity.
            Assert.DoesNotContain(_sandbox.Server.ApiKey, seen.Body);
            Assert.DoesNotContain("18900001234", seen.Body);
            Assert.DoesNotContain("44030619851212123X", seen.Body);
            Assert.Contains("mobile=189****1234", seen.Body);
            Assert.StartsWith("TelecomVerify/", seen.UserAgent);
        }

        [Fact]
        public async Task Encrypted_values_are_percent_encoded_exactly_once()
        {
            // This ID number encrypts to Base64 with '+' and '/': sent raw, '+' would arrive as a space.
            using (var client = _sandbox.Client())
            {
                var reply = await client.QueryAsync("李雷", "44030619851212123X", "18900001234", true, JuheEndpoint.Encrypted, CancellationToken.None);
                Assert.Equal(0, reply.ErrorCode);
                Assert.Equal("11", reply.Result.ResCode);
            }
            var seen = _sandbox.Server.RecentRequests.Last(r => r.Target == "/telecomCmcc/queryEncry");
            // Decoded once by the server, it is the Base64 itself: sent encoded twice, it would still hold %2B.
            Assert.True(seen.Carried("idcard", "rRs4R+Sf4IuS6z/Q4895LqEXarie4rpmyWC0hpJS3ns="));
        }

        [Fact]
        public async Task The_sandbox_answers_get_requests_as_the_provider_does()
        {
            using (var http = new HttpClient())
            {
                var url = _sandbox.Server.BaseUri + "telecomCmcc/query?key=" + _sandbox.Server.ApiKey
                    + "&realname=" + Uri.EscapeDataString("韩梅") + "&idcard=110105199003074325&mobile=13300001235&detail=1";
                var body = await http.GetStringAsync(url);
                Assert.Contains("\"rescode\":\"21\"", body);
                Assert.Contains("\"error_code\":0", body);
            }
        }

        [Theory]
        [InlineData("李雷", "44030619851212123X", "18900001234", "11")]
        [InlineData("韩梅", "110105199003074325", "13300001235", "21")]
        [InlineData("韩梅梅", "440306200001010001", "13300001235", "22")]
        [InlineData("赵敏", "440306200001010001", "13300001235", "23")]
        [InlineData("赵敏", "510107199202284568", "18900001238", "24")]
        public async Task Detail_codes_follow_what_does_not_match(string name, string id, string mobile, string rescode)
        {
            using (var client = _sandbox.Client())
            {
                var reply = await client.QueryAsync(name, id, mobile, true, JuheEndpoint.Plain, CancellationToken.None);
                Assert.Equal(rescode, reply.Result.ResCode);
                Assert.Equal(rescode == "11" ? 1 : 2, reply.Result.Res);
            }
        }

        [Fact]
        public async Task Without_detail_there_is_no_rescode()
        {
            using (var client = _sandbox.Client())
                Assert.Null((await client.QueryAsync("李雷", "44030619851212123X", "18900001234", false, JuheEndpoint.Plain, CancellationToken.None)).Result.ResCode);
        }

        [Fact]
        public async Task Every_documented_code_can_be_triggered()
        {
            using (var client = _sandbox.Client())
            {
                // Every code of the provider's table, not the sandbox's idea of it.
                foreach (var info in Errors.JuheErrorCatalog.All)
                {
                    var trigger = SandboxData.Triggers.Single(t => t.Fault.ErrorCode == info.Code);
                    var reply = await client.QueryAsync("李雷", "44030619851212123X", trigger.Mobile, false, JuheEndpoint.Plain, CancellationToken.None);
                    Assert.Equal(info.Code, reply.ErrorCode);
                }
            }
        }

        [Fact]
        public async Task A_wrong_key_gets_10001_and_a_wrong_openid_10004()
        {
            using (var client = _sandbox.Client(key: "not-the-key"))
                Assert.Equal(10001, (await client.QueryAsync("李雷", "44030619851212123X", "18900001234", false, JuheEndpoint.Plain, CancellationToken.None)).ErrorCode);
            using (var client = new JuheClient(new JuheClientOptions { BaseUri = _sandbox.Server.BaseUri, ApiKey = _sandbox.Server.ApiKey, OpenId = "another-openid" }))
                Assert.Equal(10004, (await client.QueryAsync("李雷", "44030619851212123X", "18900001234", false, JuheEndpoint.Encrypted, CancellationToken.None)).ErrorCode);
        }

        [Theory]
        [InlineData("18999000501", "HttpStatus500")]
        [InlineData("18999000200", "UnreadableAnswer")]
        public async Task Http_faults_become_transport_exceptions(string mobile, string errorId)
        {
            using (var client = _sandbox.Client())
            {
                var ex = await Assert.ThrowsAsync<JuheTransportException>(() => client.QueryAsync("李雷", "44030619851212123X", mobile, false, JuheEndpoint.Plain, CancellationToken.None));
                Assert.Equal(errorId, ex.ErrorId);
                Assert.DoesNotContain(_sandbox.Server.ApiKey, ex.ToString());
            }
        }

        [Fact]
        public async Task A_hanging_provider_is_a_timeout()
        {
            using (var client = _sandbox.Client(TimeSpan.FromMilliseconds(300)))
            {
                var ex = await Assert.ThrowsAsync<JuheTransportException>(() => client.QueryAsync("李雷", "44030619851212123X", "18999000408", false, JuheEndpoint.Plain, CancellationToken.None));
                Assert.Equal("Timeout", ex.ErrorId);
            }
        }

        [Fact]
        public void The_sandbox_decrypts_with_the_documented_openid()
        {
            Assert.Equal("18900001234", new JuheCipher(SandboxData.DefaultOpenId).Decrypt("R4lTPRgeved5f7MKcfMUKg=="));
        }

        [Fact]
        public void Every_sample_and_trigger_says_what_it_does_in_English_and_in_Chinese()
        {
            var saved = System.Globalization.CultureInfo.CurrentUICulture;
            try
            {
                System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
                var english = SandboxData.Identities.Select(i => i.Note).Concat(SandboxData.Triggers.Select(t => t.Note)).ToList();
                System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
                var chinese = SandboxData.Identities.Select(i => i.Note).Concat(SandboxData.Triggers.Select(t => t.Note)).ToList();
                Assert.All(english, n => Assert.False(string.IsNullOrWhiteSpace(n)));
                Assert.All(chinese, n => Assert.False(string.IsNullOrWhiteSpace(n)));
                Assert.All(english.Zip(chinese, (e, c) => (e, c)), p => Assert.NotEqual(p.e, p.c));
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentUICulture = saved;
            }
        }
    }
}
