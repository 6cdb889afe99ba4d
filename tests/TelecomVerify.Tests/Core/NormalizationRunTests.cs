using System;
using System.Linq;
using TelecomVerify.Sandbox;
using Xunit;
using static TelecomVerify.Tests.Core.SandboxFixture;

namespace TelecomVerify.Tests.Core
{
    /// <summary>People the module used to refuse locally, answered end to end; what it changes, said on the row.</summary>
    public class NormalizationRunTests : IClassFixture<SandboxFixture>
    {
        private readonly SandboxFixture _sandbox;

        public NormalizationRunTests(SandboxFixture sandbox) => _sandbox = sandbox;

        private IdentityCheckResult Ask(string name, string id, string mobile) =>
            _sandbox.Run(FastOptions(), new[] { Row(name, id, mobile) }).Single().Result;

        [Fact]
        public void A_long_passport_name_on_a_permanent_residence_id_is_asked_and_matches()
        {
            var r = Ask("MARIA DEL CARMEN GONZALEZ", "931840198001010017", "18900001241");
            Assert.Equal((CheckStatus.Match, ResultSource.Remote), (r.StatusKind, r.SourceKind));
        }

        [Fact]
        public void A_legacy_15_digit_number_is_converted_sent_as_18_and_the_message_says_so()
        {
            var r = Ask("刘洋", "110105490101002", "18900001242");
            Assert.Equal(CheckStatus.Match, r.StatusKind);
            Assert.Contains("legacy 15-digit number was converted", r.Message);
            Assert.Contains(_sandbox.Server.RecentRequests, q => q.Carried("idcard", "110105194901010021"));
        }

        [Fact]
        public void Spaces_between_latin_letters_are_sent_and_a_spreadsheet_float_is_mended_aloud()
        {
            var r = Ask("José García", "44030619851212123X", "18900009999.0");
            Assert.Equal(CheckStatus.NoRecord, r.StatusKind);   // asked: the sandbox's carrier does not know the number
            Assert.Contains("trailing .0", r.Message);
            Assert.True(_sandbox.Server.RecentRequests.Last(q => q.Carried("mobile", "18900009999")).Carried("realname", "José García"));
        }

        [Theory]
        [InlineData("李雷", "4.40306E+17", "18900001234", "scientific notation")]
        [InlineData("李雷", "110105199003074000", "18900001234", "ends in 000")]
        [InlineData("李雷", "44030619851212123X", "1.89E+10", "scientific notation")]
        [InlineData("李\uE000", "44030619851212123X", "18900001234", "private-use")]
        public void Spreadsheet_damage_and_private_characters_are_refused_free_with_the_reason(string name, string id, string mobile, string reason)
        {
            long before = _sandbox.Server.RequestCount;
            var r = Ask(name, id, mobile);
            Assert.Equal((CheckStatus.InvalidInput, ResultSource.Local), (r.StatusKind, r.SourceKind));
            Assert.Contains(reason, r.Message);
            Assert.Equal(before, _sandbox.Server.RequestCount);
            Assert.DoesNotContain(id, r.Message);
        }
    }
}
