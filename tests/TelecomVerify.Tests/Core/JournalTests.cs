using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using TelecomVerify.Journal;
using TelecomVerify.Sandbox;
using TelecomVerify.Verification;
using Xunit;
using static TelecomVerify.Tests.Core.SandboxFixture;

namespace TelecomVerify.Tests.Core
{
    /// <summary>The journal: resume without paying twice, no readable identity in the file, one writer.</summary>
    [Collection(TimingSensitive.Name)]
    public sealed class JournalTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "tv-journal-" + Guid.NewGuid().ToString("N"));
        private readonly string _path;

        public JournalTests()
        {
            Directory.CreateDirectory(_dir);
            _path = Path.Combine(_dir, "run.journal");
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private static IEnumerable<RowInput> People(int from, int count) =>
            Enumerable.Range(from, count).Select(i => Row("李雷", "44030619851212123X", "1890005" + i.ToString("D4")));

        private List<RowOutcome> RunWith(SandboxFixture sandbox, IEnumerable<RowInput> rows, out RunSummary summary, bool detail = true, TimeSpan? maxAge = null)
        {
            var options = FastOptions();
            options.Detail = detail;
            using (var journal = AnswerJournal.Open(_path, maxAge ?? TimeSpan.FromDays(30), DateTime.UtcNow))
            using (var run = new VerificationRun(options, sandbox.Client(), ownsClient: true, journal: journal))
            {
                foreach (var row in rows) run.Submit(row);
                var outcomes = run.Drain(0, CancellationToken.None).ToList();
                summary = run.Summary();
                return outcomes;
            }
        }

        [Fact]
        public void A_second_run_pays_only_for_what_the_journal_lacks()
        {
            using (var sandbox = new SandboxFixture())
            {
                RunWith(sandbox, People(0, 30), out _);
                Assert.Equal(30, sandbox.Server.RequestCount);
                sandbox.Server.ResetStatistics();

                var outcomes = RunWith(sandbox, People(0, 50), out var summary);
                Assert.Equal(20, sandbox.Server.RequestCount);
                Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), outcomes.Select(o => o.Result.Row));
                Assert.All(outcomes.Take(30), o => Assert.Equal((ResultSource.Journal, CheckStatus.NoRecord, 0), (o.Result.SourceKind, o.Result.StatusKind, o.Result.Attempts)));
                Assert.All(outcomes.Skip(30), o => Assert.Equal(ResultSource.Remote, o.Result.SourceKind));
                Assert.Equal((30L, 20L, 20L), (summary.FromJournal, summary.Answered, summary.Sent));
            }
        }

        [Fact]
        public void A_verdict_from_the_journal_keeps_its_order_id_and_detail()
        {
            using (var sandbox = new SandboxFixture())
            {
                var first = RunWith(sandbox, new[] { Row("韩梅梅", "44030619851212123X", "18900001234") }, out _).Single().Result;
                var again = RunWith(sandbox, new[] { Row(" 韩梅梅", "44030619851212123x", "+86 189 0000 1234") }, out _).Single().Result;
                Assert.Equal(1, sandbox.Server.RequestCount);
                Assert.Equal((CheckStatus.Mismatch, MatchDetail.NameMismatch, false), (again.StatusKind, again.DetailKind.Value, again.IsMatch.Value));
                Assert.Equal(first.OrderId, again.OrderId);
                Assert.Contains("From the journal", again.Message);
            }
        }

        [Fact]
        public void An_answer_without_detail_does_not_serve_a_detail_run_and_max_age_zero_never_reuses()
        {
            using (var sandbox = new SandboxFixture())
            {
                RunWith(sandbox, People(0, 3), out _, detail: false);
                RunWith(sandbox, People(0, 3), out _, detail: true);
                Assert.Equal(6, sandbox.Server.RequestCount);
                RunWith(sandbox, People(0, 3), out _, detail: false);
                Assert.Equal(6, sandbox.Server.RequestCount);
                RunWith(sandbox, People(0, 3), out _, maxAge: TimeSpan.Zero);
                Assert.Equal(9, sandbox.Server.RequestCount);
            }
        }

        [Fact]
        public void Failures_are_not_journalled_and_are_asked_again()
        {
            using (var sandbox = new SandboxFixture())
            {
                var rows = new[] { Row("李雷", "44030619851212123X", "18999227302"), Row("李雷", "44030619851212123X", "18999000501") };
                RunWith(sandbox, rows, out _);
                long first = sandbox.Server.RequestCount;
                RunWith(sandbox, rows, out var summary);
                Assert.Equal(2 * first, sandbox.Server.RequestCount);
                Assert.Equal(0, summary.FromJournal);
            }
        }

        [Fact]
        public void The_file_holds_no_readable_identity_and_only_its_user_can_read_it()
        {
            using (var sandbox = new SandboxFixture())
            {
                var people = SandboxData.Identities;
                RunWith(sandbox, people.Select(p => Row(p.RealName, p.IdCard, p.Mobile)), out _);
                string text = File.ReadAllText(_path, Encoding.UTF8);
                Assert.Equal(people.Count + 1, text.Split('\n').Count(l => l.Length > 0));
                foreach (var p in people)
                {
                    Assert.DoesNotContain(p.RealName, text);
                    Assert.DoesNotContain(p.IdCard, text);
                    Assert.DoesNotContain(p.Mobile, text);
                    Assert.DoesNotContain(p.IdCard.Substring(6, 8), text); // not even the birth date
                }
                if (!OperatingSystem.IsWindows())
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_path));
            }
        }

        [Fact]
        public void A_journal_others_can_read_is_refused()
        {
            if (OperatingSystem.IsWindows()) return; // the ACL path is Windows-only and not run on this project's machines
            using (AnswerJournal.Open(_path, TimeSpan.FromDays(1), DateTime.UtcNow)) { }
            File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var ex = Assert.Throws<JournalException>(() => AnswerJournal.Open(_path, TimeSpan.FromDays(1), DateTime.UtcNow));
            Assert.Equal("JournalUnsafe", ex.ErrorId);
            Assert.Contains("chmod 600", ex.Message);
        }

        [Fact]
        public void One_writer_at_a_time()
        {
            using (AnswerJournal.Open(_path, TimeSpan.FromDays(1), DateTime.UtcNow))
            {
                var ex = Assert.Throws<JournalException>(() => AnswerJournal.Open(_path, TimeSpan.FromDays(1), DateTime.UtcNow));
                Assert.Equal("JournalInUse", ex.ErrorId);
            }
            using (AnswerJournal.Open(_path, TimeSpan.FromDays(1), DateTime.UtcNow)) { }
        }

        [Fact]
        public void A_torn_last_line_is_skipped_with_a_warning_and_the_journal_goes_on()
        {
            using (var sandbox = new SandboxFixture())
            {
                RunWith(sandbox, People(0, 5), out _);
                // What a kill in the middle of a write leaves: half a line, no newline.
                var lines = File.ReadAllLines(_path);
                File.WriteAllText(_path, string.Join("\n", lines.Take(lines.Length - 1)) + "\n" + lines.Last().Substring(0, 40));
                using (var journal = AnswerJournal.Open(_path, TimeSpan.FromDays(1), DateTime.UtcNow))
                {
                    Assert.Equal(4, journal.Count);
                    Assert.Contains(journal.Warnings, w => w.Contains("cut off"));
                }
                sandbox.Server.ResetStatistics();
                RunWith(sandbox, People(0, 6), out var summary);
                Assert.Equal(2, sandbox.Server.RequestCount);
                Assert.Equal(4, summary.FromJournal);
                var entries = AnswerJournal.ReadAll(_path, new List<string>()).ToList();
                Assert.Equal(6, entries.Count);
            }
        }

        [Fact]
        public void A_copied_journal_still_works_and_another_journal_knows_nothing_of_it()
        {
            using (var sandbox = new SandboxFixture())
            {
                RunWith(sandbox, People(0, 4), out _);
                string copy = Path.Combine(_dir, "copy.journal");
                File.Copy(_path, copy);
                string other = Path.Combine(_dir, "other.journal");
                var key = default(IdentityKey);
                using (var a = AnswerJournal.Open(copy, TimeSpan.FromDays(1), DateTime.UtcNow))
                using (var b = AnswerJournal.Open(other, TimeSpan.FromDays(1), DateTime.UtcNow))
                {
                    Assert.Equal(4, a.Count);
                    Assert.NotEqual(Convert.ToBase64String(a.Secret), Convert.ToBase64String(b.Secret));
                    using (var hmac = new System.Security.Cryptography.HMACSHA256(b.Secret))
                        key = IdentityKey.Of(hmac, "李雷", "44030619851212123X", "18900050000");
                    Assert.False(a.TryFind(key, false, out _));
                }
            }
        }

        [Fact]
        public void A_file_that_is_not_a_journal_is_refused_untouched()
        {
            File.WriteAllText(_path, "姓名,身份证号,手机号\n李雷,44030619851212123X,18900001234\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var ex = Assert.Throws<JournalException>(() => AnswerJournal.Open(_path, TimeSpan.FromDays(1), DateTime.UtcNow));
            Assert.Equal("JournalUnreadable", ex.ErrorId);
            Assert.StartsWith("姓名", File.ReadAllText(_path));
        }
    }
}
