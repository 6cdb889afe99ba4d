using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TelecomVerify.Verification;
using Xunit;
using static TelecomVerify.Tests.Core.SandboxFixture;

namespace TelecomVerify.Tests.Core
{
    /// <summary>A provider in trouble: the run slows down as a whole, stops when it is down, and counts every request it sent.</summary>
    [Collection(TimingSensitive.Name)]
    public class ProviderTroubleTests
    {
        /// <summary>Distinct identities on one mobile number (the sandbox's triggers go by the number): each is a call of its own.</summary>
        private static IEnumerable<BoundRow> People(string mobile, int count) =>
            Enumerable.Range(0, count).Select(i => Row("李" + (char)(0x4E00 + i), "44030619851212123X", mobile));

        [Fact]
        public void Http_500_forever_stops_the_run_after_max_consecutive_failures_instead_of_asking_every_row()
        {
            using (var sandbox = new SandboxFixture())
            {
                var options = FastOptions(throttle: 4);
                options.MaxRetries = 3;
                options.MaxConsecutiveFailures = 10;
                var outcomes = sandbox.Run(options, People("18999000501", 200), out var stopped, out var summary);
                Assert.NotNull(stopped);
                Assert.Equal("ProviderUnreachable", stopped.ErrorId);
                Assert.Contains("127.0.0.1", stopped.Message);
                // Ten rows and the few in flight beside them, four attempts each; not 200 rows' worth (800).
                Assert.InRange(sandbox.Server.RequestCount, 40, (10 + options.ThrottleLimit) * 4);
                Assert.Equal(sandbox.Server.RequestCount, summary.Sent);
                Assert.InRange(outcomes.Count, 10, 14);
                Assert.Equal(outcomes.Count + 1, summary.StoppedAtRow);
            }
        }

        [Fact]
        public void An_answer_resets_the_breaker()
        {
            using (var sandbox = new SandboxFixture())
            {
                var options = FastOptions(throttle: 1);
                options.MaxRetries = 0;
                options.MaxConsecutiveFailures = 3;
                var rows = People("18999000501", 2).Concat(new[] { Row("李雷", "44030619851212123X", "18900001234") }).Concat(People("18999000501", 2)).ToList();
                var outcomes = sandbox.Run(options, rows, out var stopped, out _);
                Assert.Null(stopped);
                Assert.Equal(5, outcomes.Count);
            }
        }

        [Fact]
        public void A_429_holds_back_every_row_of_the_run_not_only_its_own()
        {
            using (var sandbox = new SandboxFixture())
            {
                // The first row is told "429, Retry-After: 1"; the others are ready to go at once.
                var rows = new[] { Row("李雷", "44030619851212123X", "18999000429") }
                    .Concat(Enumerable.Range(0, 12).Select(i => Row("李雷", "44030619851212123X", "1890004" + i.ToString("D4"))));
                using (var run = new VerificationRun(FastOptions(throttle: 1), sandbox.Client(), ownsClient: true))
                {
                    run.Submit(rows.First());
                    var wait = System.Diagnostics.Stopwatch.StartNew();
                    while (sandbox.Server.RequestCount < 1 && wait.ElapsedMilliseconds < 10000) Thread.Sleep(5);
                    Thread.Sleep(50);
                    foreach (var row in rows.Skip(1)) run.Submit(row);
                    var outcomes = run.TakeFinished(0, CancellationToken.None).ToList();
                    Assert.All(outcomes, o => Assert.NotEqual(CheckStatus.Failed, o.Result.StatusKind));
                }
                var received = sandbox.Server.RecentRequests.Select(r => r.ReceivedUtc).OrderBy(t => t).ToList();
                Assert.Equal(14, received.Count);
                // Nothing reached the provider in the second it asked for.
                Assert.True(received[1] - received[0] >= TimeSpan.FromMilliseconds(900), "second request after " + (received[1] - received[0]).TotalMilliseconds + " ms");
            }
        }

        [Fact]
        public void A_spending_limit_stops_the_run_at_exactly_that_many_requests_retries_included()
        {
            using (var sandbox = new SandboxFixture())
            {
                // Row 1 is asked twice (227301, then an answer): the limit counts requests, not rows.
                var rows = new[] { Row("李雷", "44030619851212123X", "18999227301") }
                    .Concat(Enumerable.Range(0, 20).Select(i => Row("李雷", "44030619851212123X", "1890005" + i.ToString("D4"))));
                // One at a time, so that which row meets the limit is known: row 7, after 2 + 5 requests.
                var options = FastOptions(throttle: 1);
                options.MaxRequests = 7;
                var outcomes = sandbox.Run(options, rows, out var stopped, out var summary);
                Assert.Equal("RequestLimitReached", stopped.ErrorId);
                Assert.Contains("limit of 7 requests", stopped.Message);
                Assert.Equal(7, sandbox.Server.RequestCount);
                Assert.Equal(7, summary.Sent);
                Assert.Equal(6, outcomes.Count);
                Assert.Equal(7, summary.StoppedAtRow);
                Assert.All(outcomes, o => Assert.NotEqual(CheckStatus.Failed, o.Result.StatusKind));

                // Eight workers racing for the last of 5 requests: never a sixth.
                sandbox.Server.ResetStatistics();
                options = FastOptions(throttle: 8);
                options.MaxRequests = 5;
                sandbox.Run(options, Enumerable.Range(0, 40).Select(i => Row("韩梅梅", "44030619851212123X", "1890006" + i.ToString("D4"))), out stopped, out summary);
                Assert.Equal("RequestLimitReached", stopped.ErrorId);
                Assert.Equal(5, sandbox.Server.RequestCount);
                Assert.Equal(5, summary.Sent);
            }
        }

        [Fact]
        public void A_retry_after_longer_than_a_run_waits_stops_the_run_as_provider_throttled()
        {
            using (var sandbox = new SandboxFixture())
            {
                var rows = new[] { Row("李雷", "44030619851212123X", "18900001234"), Row("李雷", "44030619851212123X", "18999000430") }
                    .Concat(Enumerable.Range(0, 20).Select(i => Row("李雷", "44030619851212123X", "1890005" + i.ToString("D4"))));
                var outcomes = sandbox.Run(FastOptions(throttle: 1), rows, out var stopped, out var summary);
                Assert.Equal("ProviderThrottled", stopped.ErrorId);
                Assert.Contains("86400", stopped.Message);
                Assert.Equal(2, sandbox.Server.RequestCount);
                Assert.Equal(2, outcomes.Count);
                Assert.Equal(3, summary.StoppedAtRow);
            }
        }

        [Fact]
        public void A_cancelled_run_counts_the_requests_it_abandoned_as_sent_and_possibly_billed()
        {
            using (var sandbox = new SandboxFixture())
            using (var run = new VerificationRun(FastOptions(throttle: 4), sandbox.Client(TimeSpan.FromSeconds(30)), ownsClient: true))
            {
                // Four requests hang on the provider's side when the user presses Ctrl+C.
                foreach (var row in People("18999000408", 4)) run.Submit(row);
                var wait = System.Diagnostics.Stopwatch.StartNew();
                while (sandbox.Server.InFlight < 4 && wait.ElapsedMilliseconds < 10000) Thread.Sleep(5);
                Assert.Equal(4, sandbox.Server.InFlight);
                run.Cancel();
                wait.Restart();
                while (run.InFlight > 0 && wait.ElapsedMilliseconds < 10000) Thread.Sleep(5);
                var summary = run.Summary();
                Assert.Equal(sandbox.Server.RequestCount, summary.Sent);
                Assert.Equal(4, summary.Sent);
                Assert.Equal(4, summary.PossiblyBilled);
            }
        }

        [Fact]
        public void A_refused_connection_is_not_a_remote_result()
        {
            var options = FastOptions(throttle: 1);
            options.MaxRetries = 0;
            using (var sandbox = new SandboxFixture())
            {
                var uri = sandbox.Server.BaseUri;
                sandbox.Server.Stop();
                var client = new Protocol.JuheClient(new Protocol.JuheClientOptions { BaseUri = uri, ApiKey = sandbox.Server.ApiKey, Timeout = TimeSpan.FromSeconds(5) });
                using (var run = new VerificationRun(options, client, ownsClient: true))
                {
                    run.Submit(Row("李雷", "44030619851212123X", "18900001234"));
                    var result = run.TakeFinished(0, CancellationToken.None).Single().Result;
                    Assert.Equal((CheckStatus.Failed, ResultSource.Local, 0L), (result.StatusKind, result.SourceKind, run.Summary().Sent));
                }
            }
        }
    }
}
