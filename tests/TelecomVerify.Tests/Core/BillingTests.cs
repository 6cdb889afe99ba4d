using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using TelecomVerify.Protocol;
using TelecomVerify.Verification;
using Xunit;
using static TelecomVerify.Tests.Core.SandboxFixture;

namespace TelecomVerify.Tests.Core
{
    /// <summary>Paid answers are never thrown away and never paid for twice; the server's own counts say so.</summary>
    [Collection(TimingSensitive.Name)]
    public class BillingTests
    {
        [Fact]
        public void An_account_stop_mid_run_writes_the_answers_already_in_flight()
        {
            using (var sandbox = new SandboxFixture())
            {
                // Rows 1 to 3 take 300 ms; row 4 answers 10012 at once while they are on the wire.
                var slow = new[]
                {
                    Row("李雷", "44030619851212123X", "18999000300"),
                    Row("韩梅梅", "110105199003074325", "18999000300"),
                    Row("王芳", "320102197601011237", "18999000300"),
                };
                var rest = new[] { Row("李雷", "44030619851212123X", "18999010012") }
                    .Concat(Enumerable.Range(0, 4).Select(i => Row("李雷", "44030619851212123X", "1890003" + i.ToString("D4"))));
                System.Collections.Generic.List<FinishedRow> outcomes;
                RunFailure stopped;
                RunSummary summary;
                using (var run = new VerificationRun(FastOptions(throttle: 4), sandbox.Client(), ownsClient: true))
                {
                    foreach (var row in slow) run.Submit(row);
                    // The three are on the server's wire before the stop is asked, however loaded the machine.
                    var wait = System.Diagnostics.Stopwatch.StartNew();
                    while (sandbox.Server.InFlight < 3 && wait.ElapsedMilliseconds < 10000) System.Threading.Thread.Sleep(5);
                    foreach (var row in rest) run.Submit(row);
                    outcomes = run.TakeFinished(0, System.Threading.CancellationToken.None).ToList();
                    (stopped, summary) = (run.Stopped, run.Summary());
                }

                Assert.Equal(4, sandbox.Server.RequestCount);
                Assert.Equal(new long[] { 1, 2, 3, 4 }, outcomes.Select(o => o.Result.Row));
                Assert.Equal(new[] { CheckStatus.Match, CheckStatus.Match, CheckStatus.Match, CheckStatus.Failed }, outcomes.Select(o => o.Result.StatusKind));
                Assert.All(outcomes.Where(o => o.Result.StatusKind == CheckStatus.Match), o => Assert.StartsWith("SBX", o.Result.OrderId));
                Assert.Equal("Juhe10012", stopped.ErrorId);
                Assert.Contains("3 other requests were in flight, and their answers are written", stopped.Message);
                Assert.Equal((4L, 5L), (summary.Sent, summary.StoppedAtRow.Value));
            }
        }

        [Theory]
        [InlineData("18999000003")]   // error_code 0 and no result
        [InlineData("18999000011")]   // "error_code":"0"
        [InlineData("18999000012")]   // "res":3
        [InlineData("18999000200")]   // an HTML page with 200
        public void A_2xx_that_cannot_be_read_is_asked_once_with_retries_left(string mobile)
        {
            using (var sandbox = new SandboxFixture())
            {
                var options = FastOptions();
                options.MaxRetries = 3;
                var o = sandbox.Run(options, new[] { Row("李雷", "44030619851212123X", mobile) }).Single();
                Assert.Equal(1, sandbox.Server.RequestsFor(mobile));
                Assert.Equal((CheckStatus.Failed, 1, true, "UnreadableAnswer"), (o.Result.StatusKind, o.Result.Attempts, o.Result.PossiblyBilled, o.Error.ErrorId));
            }
        }

        [Fact]
        public void A_time_out_after_sending_is_possibly_billed_and_asked_once_unless_told()
        {
            using (var sandbox = new SandboxFixture())
            {
                var once = sandbox.Run(FastOptions(), new[] { Row("李雷", "44030619851212123X", "18999000408") }, TimeSpan.FromMilliseconds(300)).Single();
                Assert.Equal(1, sandbox.Server.RequestCount);
                Assert.Equal(("Timeout", 1, true), (once.Error.ErrorId, once.Result.Attempts, once.Result.PossiblyBilled));
                Assert.Contains("may have been billed", once.Result.Message);

                sandbox.Server.ResetStatistics();
                var options = FastOptions();
                options.RetryUnconfirmed = true;
                options.MaxRetries = 2;
                var retried = sandbox.Run(options, new[] { Row("李雷", "44030619851212123X", "18999000408") }, TimeSpan.FromMilliseconds(300)).Single();
                Assert.Equal(3, sandbox.Server.RequestCount);
                Assert.Equal(3, retried.Result.Attempts);
            }
        }

        [Fact]
        public void An_unreachable_provider_is_retried_for_free_then_stops_the_run()
        {
            // A port that was free a moment ago: nothing listens there, so every connection is refused.
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();

            var options = FastOptions(throttle: 1);
            options.MaxRetries = 1;
            options.MaxConsecutiveFailures = 3;
            var client = new JuheClient(new JuheClientOptions { BaseUri = new Uri("http://127.0.0.1:" + port + "/"), ApiKey = "k", Timeout = TimeSpan.FromSeconds(5) });
            using (var run = new VerificationRun(options, client, ownsClient: true))
            {
                var outcomes = new System.Collections.Generic.List<FinishedRow>();
                for (int i = 0; i < 20 && run.Stopped == null; i++)
                {
                    run.Submit(Row("李雷", "44030619851212123X", "1890004" + i.ToString("D4")));
                    outcomes.AddRange(run.TakeFinished(run.Window, System.Threading.CancellationToken.None));
                }
                outcomes.AddRange(run.TakeFinished(0, System.Threading.CancellationToken.None));

                Assert.Equal("ProviderUnreachable", run.Stopped.ErrorId);
                Assert.Equal(3, outcomes.Count);
                Assert.All(outcomes, o => Assert.Equal(("ConnectionFailed", 2, false), (o.Error.ErrorId, o.Result.Attempts, o.Result.PossiblyBilled)));
                Assert.Equal(0, run.Summary().Sent);
            }
        }

        [Fact]
        public void Rows_skipped_at_confirm_keep_their_numbers_and_whatif_rows_make_the_estimate()
        {
            using (var sandbox = new SandboxFixture())
            using (var run = new VerificationRun(FastOptions(), sandbox.Client(), ownsClient: true))
            {
                var first = run.Plan(Row("李雷", "44030619851212123X", "18900001234"));
                run.Submit(first);
                run.Skip(run.Plan(Row("韩梅梅", "110105199003074325", "13300001235")), estimate: false);
                run.Submit(run.Plan(Row("王芳", "320102197601011237", "13800001236")));
                var rows = run.TakeFinished(0, System.Threading.CancellationToken.None).Select(o => o.Result.Row).ToList();
                Assert.Equal(new long[] { 1, 3 }, rows);
                Assert.Equal(2, sandbox.Server.RequestCount);
            }
            using (var run = new VerificationRun(FastOptions(), null))
            {
                foreach (var row in new[]
                {
                    Row("李雷", "44030619851212123X", "18900001234"),
                    Row("李雷", "44030619851212123x", "+86 189 0000 1234"),
                    Row("李雷", "440306198512121234", "18900001234"),
                    Row("韩梅梅", "110105199003074325", "13300001235"),
                })
                    run.Skip(run.Plan(row), estimate: true);
                var estimate = run.Summary();
                Assert.Equal((4L, 2L, 1L, 1L, true), (estimate.Rows, estimate.Sent, estimate.Duplicates, estimate.RejectedLocally, estimate.WhatIf));
            }
        }
    }
}
