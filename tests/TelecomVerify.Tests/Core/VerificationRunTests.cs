using System;
using System.Linq;
using TelecomVerify.Sandbox;
using Xunit;
using static TelecomVerify.Tests.Core.SandboxFixture;

namespace TelecomVerify.Tests.Core
{
    [Collection(TimingSensitive.Name)]
    public class VerificationRunTests
    {
        [Fact]
        public void Results_leave_in_input_order_one_per_row_even_with_concurrency()
        {
            using (var sandbox = new SandboxFixture(latencyMs: 20))
            {
                var ids = SandboxData.Identities;
                var rows = Enumerable.Range(0, 60).Select(i =>
                {
                    var p = ids[i % ids.Count];
                    // Odd rows ask about a number nobody has, so answers differ row by row.
                    return Row(p.RealName, p.IdCard, i % 2 == 0 ? p.Mobile : "1890001" + i.ToString("D4"));
                }).ToList();
                var outcomes = sandbox.Run(FastOptions(throttle: 8), rows);
                Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), outcomes.Select(o => o.Result.Row));
                for (int i = 0; i < 60; i++)
                    Assert.Equal(i % 2 == 0 ? CheckStatus.Match : CheckStatus.NoRecord, outcomes[i].Result.StatusKind);
                Assert.InRange(sandbox.Server.MaxInFlight, 2, 8);
            }
        }

        [Fact]
        public void Identical_rows_are_asked_once_and_invalid_rows_never()
        {
            using (var sandbox = new SandboxFixture())
            {
                var rows = new[]
                {
                    Row("李雷", "44030619851212123X", "18900001234"),
                    Row(" 李雷", "44030619851212123x", "+86 189 0000 1234"),
                    Row("李雷", "440306198512121234", "18900001234"),
                    Row("李雷", "44030619851212123X", "18900001234"),
                };
                var outcomes = sandbox.Run(FastOptions(), rows);
                Assert.Equal(1, sandbox.Server.RequestCount);
                Assert.Equal(new[] { CheckStatus.Match, CheckStatus.Match, CheckStatus.InvalidInput, CheckStatus.Match }, outcomes.Select(o => o.Result.StatusKind));
                Assert.Equal(new[] { 1, 0, 0, 0 }, outcomes.Select(o => o.Result.Attempts));
                Assert.Equal(ResultSource.Local, outcomes[2].Result.SourceKind);
                Assert.Contains("Row 3: IdCard:", outcomes[2].Result.Message);
                Assert.Contains("row 1", outcomes[1].Result.Message);
            }
        }

        [Fact]
        public void Transient_codes_are_retried_then_answered()
        {
            using (var sandbox = new SandboxFixture())
            {
                var outcomes = sandbox.Run(FastOptions(), new[]
                {
                    Row("李雷", "44030619851212123X", "18999227301"),
                    Row("李雷", "44030619851212123X", "18999010011"),
                    Row("李雷", "44030619851212123X", "18999000500"),
                });
                Assert.All(outcomes, o => Assert.Equal(CheckStatus.Match, o.Result.StatusKind));
                Assert.All(outcomes, o => Assert.Equal(2, o.Result.Attempts));
                Assert.All(outcomes, o => Assert.Null(o.Error));
            }
        }

        [Fact]
        public void An_internal_error_is_retried_and_its_row_says_the_provider_may_have_done_the_work()
        {
            // The document's caution for 10014: the request may have been carried out all the same.
            using (var sandbox = new SandboxFixture())
            {
                var retried = sandbox.Run(FastOptions(), new[] { Row("李雷", "44030619851212123X", "18999010014") }).Single();
                Assert.Equal(CheckStatus.Match, retried.Result.StatusKind);
                Assert.Equal(2, retried.Result.Attempts);
                var options = FastOptions();
                options.MaxRetries = 0;
                var failed = sandbox.Run(options, new[] { Row("韩梅梅", "44030619851212123X", "18999010014") }).Single();
                Assert.Equal(CheckStatus.Failed, failed.Result.StatusKind);
                Assert.Equal(1, failed.Result.Attempts);
                Assert.Contains("may have been carried out all the same", failed.Result.Message);
                Assert.Contains("10014", failed.Error.ErrorId);
            }
        }

        [Fact]
        public void An_ip_rate_limit_answer_holds_back_the_rows_that_start_after_it()
        {
            // Every answer takes 200 ms, so row 2 is surely past the gate before row 1's 10011 arrives.
            using (var sandbox = new SandboxFixture(latencyMs: 200))
            {
                var options = FastOptions(throttle: 2);
                options.RetryBaseDelay = TimeSpan.FromMilliseconds(1200);
                var outcomes = sandbox.Run(options, new[]
                {
                    Row("李雷", "44030619851212123X", "18999010011"),  // 10011 at 200 ms: the run holds back until 800-1400 ms
                    Row("韩梅梅", "110105199003074325", "18999000300"), // slow: frees its slot at 500 ms
                    Row("王芳", "320102197601011237", "13800001236"),   // takes that slot, waits out the hold, then 200 ms
                });
                Assert.All(outcomes, o => Assert.Equal(CheckStatus.Match, o.Result.StatusKind));
                // Without the run-wide hold row 3 would take its 200 ms latency alone.
                Assert.True(outcomes[2].Result.ElapsedMs >= 400, string.Join("; ", outcomes.Select(o => o.Result.Row + ": " + o.Result.Attempts + " attempts, " + o.Result.ElapsedMs + " ms")));
            }
        }

        [Fact]
        public void What_still_fails_after_the_retries_is_a_failed_row_and_a_billed_body_is_never_asked_again()
        {
            using (var sandbox = new SandboxFixture())
            {
                var options = FastOptions();
                options.MaxRetries = 2;
                var outcomes = sandbox.Run(options, new[]
                {
                    Row("李雷", "44030619851212123X", "18999000501"),  // HTTP 500 every time: retried
                    Row("李雷", "44030619851212123X", "18999000200"),  // a 2xx that is not the answer: may be billed, never retried
                    Row("李雷", "44030619851212123X", "18900001234"),
                }, out _, out var summary);
                Assert.Equal(new[] { CheckStatus.Failed, CheckStatus.Failed, CheckStatus.Match }, outcomes.Select(o => o.Result.StatusKind));
                Assert.Equal("HttpStatus500", outcomes[0].Error.ErrorId);
                Assert.Equal("UnreadableAnswer", outcomes[1].Error.ErrorId);
                Assert.Equal(new[] { 3, 1, 1 }, outcomes.Select(o => o.Result.Attempts));
                Assert.Equal(new[] { false, true, false }, outcomes.Select(o => o.Result.PossiblyBilled));
                Assert.Equal(5, sandbox.Server.RequestCount);
                Assert.Equal(5, summary.Sent);
                Assert.Equal((3L, 1L, 2L, 1L), (summary.Rows, summary.Answered, summary.Failed, summary.PossiblyBilled));
            }
        }

        [Fact]
        public void With_no_retries_a_transient_code_fails_at_once_with_its_code()
        {
            using (var sandbox = new SandboxFixture())
            {
                var options = FastOptions();
                options.MaxRetries = 0;
                var o = sandbox.Run(options, new[] { Row("李雷", "44030619851212123X", "18999227301") }).Single();
                Assert.Equal(CheckStatus.Failed, o.Result.StatusKind);
                Assert.Equal(227301, o.Result.ErrorCode);
                Assert.Equal("Juhe227301", o.Error.ErrorId);
            }
        }

        [Theory]
        [InlineData("18999227303", CheckStatus.NoRecord)]
        [InlineData("18999227304", CheckStatus.InvalidInput)]
        [InlineData("18999227306", CheckStatus.InvalidInput)]
        public void Answers_about_the_identity_are_results_not_errors(string mobile, CheckStatus status)
        {
            using (var sandbox = new SandboxFixture())
            {
                var o = sandbox.Run(FastOptions(), new[] { Row("李雷", "44030619851212123X", mobile) }).Single();
                Assert.Equal(status, o.Result.StatusKind);
                Assert.Equal(ResultSource.Remote, o.Result.SourceKind);
                Assert.Null(o.Error);
            }
        }

        [Fact]
        public void An_account_level_code_stops_the_run_and_nothing_further_is_sent()
        {
            using (var sandbox = new SandboxFixture())
            {
                var rows = new[] { Row("李雷", "44030619851212123X", "18900001234"), Row("李雷", "44030619851212123X", "18999010012") }
                    .Concat(Enumerable.Range(0, 20).Select(i => Row("李雷", "44030619851212123X", "1890002" + i.ToString("D4"))));
                var outcomes = sandbox.Run(FastOptions(throttle: 1), rows, out var stopped, out var summary);
                Assert.Equal(CheckStatus.Match, outcomes[0].Result.StatusKind);
                Assert.Equal(CheckStatus.Failed, outcomes[1].Result.StatusKind);
                Assert.Equal(10012, outcomes[1].Result.ErrorCode);
                Assert.Equal("Juhe10012", stopped.ErrorId);
                Assert.Contains("stopped before row 3", stopped.Message);
                Assert.Equal(2, outcomes.Count);
                Assert.Equal(2, sandbox.Server.RequestCount);
                Assert.Equal(3, summary.StoppedAtRow);
            }
        }

        [Fact]
        public void A_hang_is_a_timeout_failure_not_a_hang()
        {
            using (var sandbox = new SandboxFixture())
            {
                var options = FastOptions();
                options.MaxRetries = 0;
                var o = sandbox.Run(options, new[] { Row("李雷", "44030619851212123X", "18999000408") }, TimeSpan.FromMilliseconds(300)).Single();
                Assert.Equal(CheckStatus.Failed, o.Result.StatusKind);
                Assert.Equal("Timeout", o.Error.ErrorId);
            }
        }

        [Fact]
        public void Results_are_masked_unless_asked()
        {
            using (var sandbox = new SandboxFixture())
            {
                var masked = sandbox.Run(FastOptions(), new[] { Row("李雷", "44030619851212123X", "18900001234") }).Single().Result;
                Assert.Equal(("李*", "440***********123X", "189****1234"), (masked.RealName, masked.IdCard, masked.Mobile));
                var options = FastOptions();
                options.ShowIdentity = true;
                var shown = sandbox.Run(options, new[] { Row("李雷", "44030619851212123x", "+8618900001234") }).Single().Result;
                Assert.Equal(("李雷", "44030619851212123X", "18900001234"), (shown.RealName, shown.IdCard, shown.Mobile));
            }
        }
    }
}
