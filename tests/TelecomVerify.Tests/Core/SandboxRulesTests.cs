using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TelecomVerify.Protocol;
using TelecomVerify.Sandbox;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    /// <summary>The sandbox's provider-side checks are its own, as loose as the provider's document: they accept
    /// what the module might wrongly refuse, so the module's rules can be checked against them end to end.</summary>
    public class SandboxRulesTests : IClassFixture<SandboxFixture>
    {
        private readonly SandboxFixture _sandbox;

        public SandboxRulesTests(SandboxFixture sandbox) => _sandbox = sandbox;

        private async Task<int> Ask(string name, string id, string mobile)
        {
            using (var client = _sandbox.Client())
                return (await client.QueryAsync(name, id, mobile, false, JuheEndpoint.Plain, CancellationToken.None)).ErrorCode;
        }

        [Theory]
        [InlineData("克里斯蒂安·罗纳尔多·多斯·桑托斯·阿韦罗")]
        [InlineData("MARIA DEL CARMEN GONZALEZ")]
        [InlineData("Jean-Pierre DUPONT")]
        [InlineData("Sean O'Neil")]
        [InlineData("José García")]
        [InlineData("李〇")]
        [InlineData("𰻞𰻞")]
        public async Task Real_names_the_provider_takes_reach_a_lookup(string name)
        {
            // 227303: valid values, no record; the checks let the name through.
            Assert.Equal(227303, await Ask(name, "931840198001010017", "18900009999"));
        }

        [Theory]
        [InlineData("李雷2", "44030619851212123X", "18900009999", 227305)]
        [InlineData("李雷", "440306198512121234", "18900009999", 227306)]
        [InlineData("李雷", "44030619851212123X", "2890000999", 227304)]
        public async Task What_the_document_calls_invalid_is_refused_with_its_code(string name, string id, string mobile, int code)
        {
            Assert.Equal(code, await Ask(name, id, mobile));
        }

        [Fact]
        public async Task The_sandbox_counts_requests_per_identity()
        {
            _sandbox.Server.ResetStatistics();
            await Ask("李雷", "44030619851212123X", "18900001234");
            await Ask("李雷", "44030619851212123X", "18900001234");
            await Ask("韩梅梅", "110105199003074325", "13300001235");
            Assert.Equal(2, _sandbox.Server.RequestsFor("18900001234"));
            Assert.Equal(1, _sandbox.Server.RequestsFor("13300001235"));
            Assert.Equal(0, _sandbox.Server.RequestsFor("13800001236"));
        }

        [Fact]
        public void Every_trigger_is_a_named_fault_on_its_own_number()
        {
            var triggers = SandboxData.Triggers;
            Assert.Equal(triggers.Count, triggers.Select(t => t.Mobile).Distinct().Count());
            Assert.All(triggers, t => Assert.False(string.IsNullOrEmpty(t.Fault.Name)));
        }
    }
}
