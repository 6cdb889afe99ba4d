using System;
using System.Diagnostics;
using System.Linq;
using Xunit;
using static TelecomVerify.Tests.Core.SandboxFixture;

namespace TelecomVerify.Tests.Core
{
    /// <summary>
    /// Promises about time and the wire, held from both sides and measured where the provider would
    /// see them: request counts and arrival times recorded by the sandbox, not the client's own clock alone.
    /// </summary>
    [Collection(TimingSensitive.Name)]
    public class RetryTimingTests
    {
        private static DateTime[] Arrivals(SandboxFixture sandbox, string mobile) =>
            sandbox.Server.RecentRequests.Where(r => r.Carried("mobile", mobile)).Select(r => r.ReceivedUtc).ToArray();

        [Fact]
        public void A_429_is_retried_no_sooner_than_its_retry_after()
        {
            using (var sandbox = new SandboxFixture())
            {
                var o = sandbox.Run(FastOptions(), new[] { Row("李雷", "44030619851212123X", "18999000429") }).Single();
                Assert.Equal((CheckStatus.Match, 2), (o.Result.StatusKind, o.Result.Attempts));
                var at = Arrivals(sandbox, "18999000429");
                Assert.Equal(2, at.Length);
                // Retry-After: 1, and a 20 ms backoff that must not cut it short.
                Assert.InRange((at[1] - at[0]).TotalSeconds, 0.99, 3.0);
            }
        }

        [Fact]
        public void Backoff_grows_between_attempts_as_the_server_sees_them()
        {
            using (var sandbox = new SandboxFixture())
            {
                var options = FastOptions();
                options.MaxRetries = 3;
                options.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
                var o = sandbox.Run(options, new[] { Row("李雷", "44030619851212123X", "18999000501") }).Single();
                Assert.Equal(4, o.Result.Attempts);
                var at = Arrivals(sandbox, "18999000501");
                Assert.Equal(4, at.Length);
                var gaps = at.Skip(1).Zip(at, (later, earlier) => (later - earlier).TotalMilliseconds).ToArray();
                // Half fixed, half random: 100–200 ms, then 200–400, then 400–800. Each is longer than the last.
                Assert.True(gaps[0] >= 95, string.Join(", ", gaps));
                Assert.True(gaps[1] > gaps[0] && gaps[2] > gaps[1], string.Join(", ", gaps));
                Assert.True(gaps[2] >= 395, string.Join(", ", gaps));
            }
        }

        [Theory]
        [InlineData("18999000430", "86400")]
        [InlineData("18999000431", "99999999")]
        public void A_retry_after_longer_than_thirty_seconds_fails_the_row_at_once(string mobile, string seconds)
        {
            using (var sandbox = new SandboxFixture())
            {
                var clock = Stopwatch.StartNew();
                var o = sandbox.Run(FastOptions(), new[] { Row("李雷", "44030619851212123X", mobile) }).Single();
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.ElapsedMilliseconds + " ms");
                Assert.Equal((CheckStatus.Failed, 1, "HttpStatus429"), (o.Result.StatusKind, o.Result.Attempts, o.Error.ErrorId));
                Assert.Contains("wait " + seconds + " s", o.Result.Message);
                Assert.Equal(1, sandbox.Server.RequestsFor(mobile));
            }
        }

        [Theory]
        [InlineData("18999000302")]
        [InlineData("18999000307")]
        public void A_redirect_is_not_followed_so_the_key_goes_nowhere_else(string mobile)
        {
            using (var sandbox = new SandboxFixture())
            {
                var o = sandbox.Run(FastOptions(), new[] { Row("李雷", "44030619851212123X", mobile) }).Single();
                Assert.Equal(CheckStatus.Failed, o.Result.StatusKind);
                Assert.StartsWith("HttpStatus30", o.Error.ErrorId);
                Assert.Equal(1, sandbox.Server.RequestCount);
            }
        }

        [Theory]
        [InlineData("18999000408")]   // never answers
        [InlineData("18999002000")]   // answers after 2 s
        public void A_one_second_time_out_ends_between_one_and_three_seconds_and_is_not_asked_again(string mobile)
        {
            using (var sandbox = new SandboxFixture())
            {
                var clock = Stopwatch.StartNew();
                var o = sandbox.Run(FastOptions(), new[] { Row("李雷", "44030619851212123X", mobile) }, TimeSpan.FromSeconds(1)).Single();
                Assert.InRange(clock.Elapsed.TotalSeconds, 0.95, 3.0);
                Assert.Equal(("Timeout", 1, true), (o.Error.ErrorId, o.Result.Attempts, o.Result.PossiblyBilled));
                Assert.Equal(1, sandbox.Server.RequestsFor(mobile));
            }
        }
    }
}
