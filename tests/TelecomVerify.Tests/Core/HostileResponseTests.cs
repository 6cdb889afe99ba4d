using System;
using System.Linq;
using Xunit;
using static TelecomVerify.Tests.Core.SandboxFixture;

namespace TelecomVerify.Tests.Core
{
    /// <summary>Whatever comes back, a row gets a clear result: never a crash, never a hang past the time-out.</summary>
    public class HostileResponseTests : IClassFixture<SandboxFixture>
    {
        private readonly SandboxFixture _sandbox;

        public HostileResponseTests(SandboxFixture sandbox) => _sandbox = sandbox;

        private Verification.FinishedRow Ask(string mobile, TimeSpan? timeout = null)
        {
            var options = FastOptions();
            options.MaxRetries = 0;
            return _sandbox.Run(options, new[] { Row("李雷", "44030619851212123X", mobile) }, timeout).Single();
        }

        [Theory]
        [InlineData("18999000001", "not JSON")]
        [InlineData("18999000002", "res is neither 1 nor 2")]
        [InlineData("18999000003", "no result object")]
        [InlineData("18999000005", "larger than")]
        [InlineData("18999000008", "text/plain")]
        [InlineData("18999000011", "no integer error_code")]
        [InlineData("18999000012", "res is neither 1 nor 2")]
        [InlineData("18999000013", "appears twice")]
        public void A_broken_answer_is_a_failed_row_that_says_what_was_wrong(string mobile, string expected)
        {
            var o = Ask(mobile);
            Assert.Equal(CheckStatus.Failed, o.Result.StatusKind);
            Assert.Equal("UnreadableAnswer", o.Error.ErrorId);
            Assert.Contains(expected, o.Result.Message);
            // A 2xx reached us whole: the provider may have billed it.
            Assert.True(o.Result.PossiblyBilled);
        }

        [Fact]
        public void A_match_with_res_as_text_is_a_match()
        {
            var o = Ask("18999000010");
            Assert.Equal((CheckStatus.Match, true, false), (o.Result.StatusKind, o.Result.IsMatch.Value, o.Result.PossiblyBilled));
        }

        [Fact]
        public void An_unlisted_error_code_is_a_failed_row_naming_the_code()
        {
            var o = Ask("18999000004");
            Assert.Equal(CheckStatus.Failed, o.Result.StatusKind);
            Assert.Equal(299999, o.Result.ErrorCode);
            Assert.Equal("Juhe299999", o.Error.ErrorId);
            Assert.Contains("does not list", o.Result.Message);
        }

        [Fact]
        public void A_slow_drip_ends_at_the_time_out()
        {
            // Warm first: a cold process can spend most of a short time-out on its first connection, before anything
            // is sent; and 2 s, not less, so that a loaded machine's slow connect still leaves the drip to time out.
            Ask("18900001234");
            var o = Ask("18999000006", TimeSpan.FromSeconds(2));
            Assert.Equal(CheckStatus.Failed, o.Result.StatusKind);
            Assert.True("Timeout" == o.Error.ErrorId, o.Error.Message);
            Assert.InRange(o.Result.ElapsedMs, 1900, 12000);
        }

        [Fact]
        public void A_byte_order_mark_before_the_answer_is_still_the_answer()
        {
            var o = Ask("18999000009");
            Assert.Equal((CheckStatus.Match, 1, false), (o.Result.StatusKind, o.Result.Attempts, o.Result.PossiblyBilled));
        }

        [Fact]
        public void Provider_text_cannot_steer_a_terminal_or_a_spreadsheet()
        {
            var r = Ask("18999000014").Result;
            Assert.Equal(CheckStatus.Match, r.StatusKind);
            Assert.StartsWith("'+", r.OrderId);
            Assert.StartsWith("'=", r.Reason);
            Assert.DoesNotContain('\u001b', r.Reason);
        }

        [Fact]
        public void A_documented_answer_under_the_wrong_content_type_is_still_the_answer()
        {
            Assert.Equal(CheckStatus.Match, Ask("18999000007").Result.StatusKind);
        }
    }
}
