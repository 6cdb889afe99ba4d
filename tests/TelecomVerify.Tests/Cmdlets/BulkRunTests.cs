using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using TelecomVerify.Sandbox;
using Xunit;

namespace TelecomVerify.Tests.Cmdlets
{
    /// <summary>Many rows at once: the throttle, the rate limit, the stop, progress. No timing assertion but generous bounds.</summary>
    [Collection(TimingSensitive.Name)]
    public class BulkRunTests : IDisposable
    {
        private readonly SandboxServer _sandbox = new SandboxServer(new SandboxOptions { LatencyMs = 40 });
        private readonly HostedShell _shell = new HostedShell();

        public BulkRunTests()
        {
            _shell.SetVariable("key", _sandbox.ApiKey);
            _shell.SetVariable("uri", _sandbox.BaseUri);
            // Distinct rows (no two alike, so none is deduplicated): unknown numbers, answered 227303.
            _shell.Invoke("function Rows([int]$n, [int]$from = 0) { $from..($from + $n - 1) | ForEach-Object { [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '1890010{0:D4}' -f $_ } } }", out _);
        }

        public void Dispose()
        {
            _shell.Dispose();
            _sandbox.Dispose();
        }

        [Fact]
        public void Never_more_than_ThrottleLimit_requests_are_in_flight_and_order_holds()
        {
            var results = _shell.Invoke<IdentityCheckResult>("Rows 40 | Test-TelecomIdentity -ApiKey $key -BaseUri $uri -ThrottleLimit 3", out var errors);
            Assert.Empty(errors);
            Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), results.Select(r => r.Row));
            Assert.All(results, r => Assert.Equal(CheckStatus.NoRecord, r.StatusKind));
            Assert.InRange(_sandbox.MaxInFlight, 2, 3);
        }

        [Fact]
        public void MaxRequestsPerSecond_spaces_the_requests()
        {
            var clock = Stopwatch.StartNew();
            var results = _shell.Invoke<IdentityCheckResult>("Rows 11 | Test-TelecomIdentity -ApiKey $key -BaseUri $uri -ThrottleLimit 8 -MaxRequestsPerSecond 20", out _);
            Assert.Equal(11, results.Count);
            // Ten gaps of 50 ms at the least; without the limit 8 in flight would take about 80 ms.
            Assert.True(clock.ElapsedMilliseconds >= 450, "took " + clock.ElapsedMilliseconds + " ms");
        }

        [Fact]
        public void An_account_error_under_concurrency_starts_nothing_new()
        {
            // Eight slots: the account error answers at once while seven slow rows hold the other
            // slots, so whatever starts after it started after the stop.
            _shell.Invoke(@"$slow = '韩梅梅', '王芳', '陈静', '张伟', '赵敏', '周杰', '李娜' | ForEach-Object { [pscustomobject]@{ 姓名 = $_; 身份证号 = '44030619851212123X'; 手机号 = '18999000300' } }
                $rows = @([pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18999010012' }) + $slow + @(Rows 90)
                $rows | Test-TelecomIdentity -ApiKey $key -BaseUri $uri -ThrottleLimit 8", out var errors);
            Assert.Equal("Juhe10012,TelecomVerify.Commands.TestTelecomIdentityCommand", Assert.Single(errors).FullyQualifiedErrorId);
            Assert.Equal(8, _sandbox.RequestCount);
            Thread.Sleep(500);
            Assert.Equal(8, _sandbox.RequestCount);
        }

        [Fact]
        public void Stop_returns_promptly_keeps_what_was_answered_and_starts_nothing_after()
        {
            using (var ps = _shell.Create())
            {
                var output = new PSDataCollection<PSObject>();
                var fourArrived = new ManualResetEventSlim();
                output.DataAdded += (s, e) => { if (output.Count >= 4) fourArrived.Set(); };
                ps.AddScript("Rows 500 | Test-TelecomIdentity -ApiKey $key -BaseUri $uri -ThrottleLimit 2");
                var async = ps.BeginInvoke<PSObject, PSObject>(null, output);
                Assert.True(fourArrived.Wait(TimeSpan.FromSeconds(30)), "no results arrived");

                var clock = Stopwatch.StartNew();
                ps.Stop();
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "Stop took " + clock.ElapsedMilliseconds + " ms");
                Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(async));

                // Requests already on the wire may still reach the server on a busy machine: let them land,
                // then nothing more may come.
                long sent = _sandbox.RequestCount;
                var settle = Stopwatch.StartNew();
                do { sent = _sandbox.RequestCount; Thread.Sleep(300); } while (sent != _sandbox.RequestCount && settle.ElapsedMilliseconds < 5000);
                Thread.Sleep(500);
                Assert.Equal(sent, _sandbox.RequestCount);
                var rows = output.Select(o => ((IdentityCheckResult)o.BaseObject).Row).ToList();
                Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows);
                Assert.InRange(rows.Count, 4, 499);
            }
        }

        [Fact]
        public void After_ctrl_c_the_same_command_with_the_same_journal_pays_only_for_what_was_never_answered()
        {
            string journal = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tv-stop-" + Guid.NewGuid().ToString("N") + ".journal");
            _shell.SetVariable("journal", journal);
            try
            {
                int written;
                using (var ps = _shell.Create())
                {
                    var output = new PSDataCollection<PSObject>();
                    var tenArrived = new ManualResetEventSlim();
                    output.DataAdded += (s, e) => { if (output.Count >= 10) tenArrived.Set(); };
                    ps.AddScript("Rows 200 | Test-TelecomIdentity -ApiKey $key -BaseUri $uri -ThrottleLimit 4 -Journal $journal");
                    var async = ps.BeginInvoke<PSObject, PSObject>(null, output);
                    Assert.True(tenArrived.Wait(TimeSpan.FromSeconds(30)), "no results arrived");
                    ps.Stop();
                    Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(async));
                    written = output.Count;
                }
                int journalled = _shell.Invoke("@(Get-JuheJournal $journal -ApiKey $key -BaseUri $uri).Count", out _).Select(o => (int)o.BaseObject).Single();
                // Every row written was on disk first; answers that came after the stop are not lost either.
                Assert.InRange(journalled, written, 199);

                _sandbox.ResetStatistics();
                var again = _shell.Invoke<IdentityCheckResult>("Rows 200 | Test-TelecomIdentity -ApiKey $key -BaseUri $uri -ThrottleLimit 8 -Journal $journal", out var errors);
                Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), again.Select(r => r.Row));
                Assert.Equal(journalled, again.Count(r => r.SourceKind == ResultSource.Journal));
                Assert.Equal(200 - journalled, _sandbox.RequestCount);
                // What was on the wire at Ctrl+C (at most -ThrottleLimit) is not asked again: each such row says why.
                var doubtful = again.Where(r => r.SourceKind == ResultSource.Journal && r.PossiblyBilled).ToList();
                Assert.InRange(doubtful.Count, 0, 4);
                Assert.Equal(doubtful.Count, errors.Count);
                Assert.All(errors, e => Assert.Contains("(RequestAbandoned)", e.Exception.Message));
            }
            finally
            {
                System.IO.File.Delete(journal);
            }
        }

        [Fact]
        public void Progress_shows_percent_when_the_count_is_known()
        {
            using (var ps = _shell.Create())
            {
                ps.AddScript("$rows = @(Rows 30); Test-TelecomIdentity -InputObject $rows -ApiKey $key -BaseUri $uri -ThrottleLimit 1");
                var results = ps.Invoke();
                Assert.Equal(30, results.Count);
                var progress = ps.Streams.Progress.ToList();
                Assert.Contains(progress, p => p.RecordType == ProgressRecordType.Processing && p.PercentComplete >= 0 && p.StatusDescription.Contains("rows/s"));
                Assert.Equal(ProgressRecordType.Completed, progress.Last().RecordType);
                // Throttled to a few a second: far fewer records than rows.
                Assert.True(progress.Count < 30, progress.Count + " progress records");
            }
        }

        [Fact]
        public void Progress_says_n_of_m_for_a_file_read_with_Path()
        {
            string file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tv-progress-" + Guid.NewGuid().ToString("N") + ".csv");
            _shell.SetVariable("file", file);
            try
            {
                using (var ps = _shell.Create())
                {
                    ps.AddScript("Rows 30 | Export-Csv $file -Encoding utf8; Test-TelecomIdentity -Path $file -ApiKey $key -BaseUri $uri -ThrottleLimit 1");
                    var results = ps.Invoke();
                    Assert.Equal(30, results.Count);
                    Assert.Contains(ps.Streams.Progress, p => p.StatusDescription.Contains(" of 30 rows checked") && p.PercentComplete >= 0 && p.SecondsRemaining >= 0);
                }
            }
            finally { System.IO.File.Delete(file); }
        }

        [Fact]
        public void An_array_passed_by_parameter_is_read_row_by_row()
        {
            var results = _shell.Invoke<IdentityCheckResult>("Test-TelecomIdentity -InputObject @(Rows 3) -ApiKey $key -BaseUri $uri", out _);
            Assert.Equal(new long[] { 1, 2, 3 }, results.Select(r => r.Row));
            Assert.All(results, r => Assert.Equal(CheckStatus.NoRecord, r.StatusKind));
        }
    }
}
