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
    /// <summary>The journal: resume without paying twice, no readable identity in the file, one writer, nothing trusted that it did not write.</summary>
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

        internal static JournalSettings Settings(TimeSpan? maxAge = null, string key = SandboxData.DefaultApiKey, string host = "127.0.0.1", bool readOnly = false, DateTime? now = null, int port = 80) =>
            new JournalSettings
            {
                ApiKey = key, Host = host, Origin = JournalSettings.OriginOf(new Uri("http://" + host + ":" + port + "/")),
                MaxAge = maxAge ?? TimeSpan.FromDays(30), ReadOnly = readOnly, UtcNow = now ?? DateTime.UtcNow,
            };

        private AnswerJournal Open(TimeSpan? maxAge = null, string key = SandboxData.DefaultApiKey, string host = "127.0.0.1", bool readOnly = false, int port = 80) =>
            AnswerJournal.Open(_path, Settings(maxAge, key, host, readOnly, port: port));

        private static IEnumerable<BoundRow> People(int from, int count) =>
            Enumerable.Range(from, count).Select(i => Row("李雷", "44030619851212123X", "1890005" + i.ToString("D4")));

        private List<FinishedRow> RunWith(SandboxFixture sandbox, IEnumerable<BoundRow> rows, out RunSummary summary, bool detail = true, TimeSpan? maxAge = null, bool retryUnconfirmed = false)
        {
            var options = FastOptions();
            options.Detail = detail;
            options.RetryUnconfirmed = retryUnconfirmed;
            using (var journal = Open(maxAge))
            using (var run = new VerificationRun(options, sandbox.Client(TimeSpan.FromSeconds(2)), ownsClient: true, journal: journal))
            {
                foreach (var row in rows) run.Submit(row);
                var outcomes = run.TakeFinished(0, CancellationToken.None).ToList();
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
        public void A_verdict_without_detail_does_not_serve_a_detail_run_but_no_record_does_and_max_age_zero_never_reuses()
        {
            using (var sandbox = new SandboxFixture())
            {
                var verdict = new[] { Row("韩梅梅", "44030619851212123X", "18900001234") };
                RunWith(sandbox, verdict, out _, detail: false);
                RunWith(sandbox, verdict, out _, detail: true);
                Assert.Equal(2, sandbox.Server.RequestCount);
                RunWith(sandbox, verdict, out _, detail: false);
                Assert.Equal(2, sandbox.Server.RequestCount);

                // 227303 has no detail to give: asked without -Detail, it serves a -Detail run.
                RunWith(sandbox, People(0, 3), out _, detail: false);
                Assert.Equal(5, sandbox.Server.RequestCount);
                var served = RunWith(sandbox, People(0, 3), out _, detail: true);
                Assert.Equal(5, sandbox.Server.RequestCount);
                Assert.All(served, o => Assert.Equal((ResultSource.Journal, CheckStatus.NoRecord), (o.Result.SourceKind, o.Result.StatusKind)));

                RunWith(sandbox, People(0, 3), out _, maxAge: TimeSpan.Zero);
                Assert.Equal(8, sandbox.Server.RequestCount);
            }
        }

        [Fact]
        public void An_answer_older_than_max_age_is_asked_again_and_one_dated_in_the_future_is_never_served()
        {
            var key = default(IdentityKey);
            var entry = new JournalEntry { StatusKind = CheckStatus.NoRecord, ErrorCode = 227303, ServesDetail = true, Mobile = "189****0000" };
            using (var journal = Open())
            using (var hmac = new System.Security.Cryptography.HMACSHA256(journal.Secret))
            {
                key = IdentityKey.Of(hmac, "李雷", "44030619851212123X", "18900050000");
                journal.EnsureDurable(journal.Append(key, DateTime.UtcNow.AddDays(-2), entry));
            }
            using (var journal = Open(TimeSpan.FromDays(3))) Assert.True(journal.TryFind(key, false, out _, out _));
            using (var journal = Open(TimeSpan.FromDays(1))) Assert.False(journal.TryFind(key, false, out _, out _));

            File.Delete(_path);
            using (var journal = Open())
            using (var hmac = new System.Security.Cryptography.HMACSHA256(journal.Secret))
                journal.EnsureDurable(journal.Append(IdentityKey.Of(hmac, "李雷", "44030619851212123X", "18900050000"), DateTime.UtcNow.AddDays(2), entry));
            using (var journal = Open(TimeSpan.FromDays(3650)))
            {
                Assert.False(journal.TryFind(key, false, out _, out _));
                Assert.Equal(0, journal.Count);
                Assert.Contains(journal.Warnings, w => w.Contains("1 line(s)") && w.Contains("future"));
            }
        }

        [Fact]
        public void Failures_with_no_request_billed_are_not_journalled_and_are_asked_again()
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
        public void A_possibly_billed_request_is_journalled_and_not_asked_again_unless_told()
        {
            using (var sandbox = new SandboxFixture())
            {
                var unreadable = new[] { Row("李雷", "44030619851212123X", "18999000200") };
                var first = RunWith(sandbox, unreadable, out _).Single().Result;
                Assert.True(first.PossiblyBilled);
                Assert.Equal(1, sandbox.Server.RequestCount);

                var again = RunWith(sandbox, unreadable, out var summary).Single().Result;
                Assert.Equal(1, sandbox.Server.RequestCount);
                Assert.Equal((ResultSource.Journal, CheckStatus.Failed, true), (again.SourceKind, again.StatusKind, again.PossiblyBilled));
                Assert.Contains("earlier run", again.Message);
                Assert.Contains("-RetryUnconfirmed", again.Message);
                // Served again, it still counts: a resumed night's summary (and a job's exit code) shows the doubt.
                Assert.Equal((1L, 0L, 1L, 1L), (summary.FromJournal, summary.Sent, summary.PossiblyBilled, summary.Failed));

                RunWith(sandbox, unreadable, out _, retryUnconfirmed: true);
                Assert.Equal(2, sandbox.Server.RequestCount);
            }
        }

        [Fact]
        public void A_duplicate_of_a_possibly_billed_row_is_not_asked_again()
        {
            using (var sandbox = new SandboxFixture())
            {
                var row = Row("李雷", "44030619851212123X", "18999000200");
                var outcomes = RunWith(sandbox, new[] { row, row, row }, out var summary);
                Assert.Equal(1, sandbox.Server.RequestsFor("18999000200"));
                Assert.Equal(new[] { 1, 0, 0 }, outcomes.Select(o => o.Result.Attempts));
                Assert.All(outcomes, o => Assert.Equal(CheckStatus.Failed, o.Result.StatusKind));
                Assert.Equal(2, summary.Duplicates);
                // Every row of that person says so, so a bill filter on PossiblyBilled finds them all; the request counts once.
                Assert.All(outcomes, o => Assert.True(o.Result.PossiblyBilled));
                Assert.Equal(1, summary.PossiblyBilled);
            }
        }

        [Fact]
        public void The_file_holds_no_readable_identity_no_key_and_only_its_user_can_read_it()
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
                Assert.DoesNotContain(sandbox.Server.ApiKey, text);
                Assert.DoesNotContain("secret", text);
                if (!OperatingSystem.IsWindows())
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_path));
            }
        }

        [Fact]
        public void A_journal_of_another_key_or_another_provider_is_refused_before_any_call()
        {
            using (var sandbox = new SandboxFixture())
            {
                RunWith(sandbox, People(0, 4), out _);
                var otherKey = Assert.Throws<JournalException>(() => Open(key: "another-account-key-0123456789ab"));
                Assert.Equal("JournalForAnotherAccount", otherKey.ErrorId);
                Assert.Contains("-Journal", otherKey.Message);
                var otherHost = Assert.Throws<JournalException>(() => Open(host: "v.juhe.cn"));
                Assert.Equal("JournalForAnotherAccount", otherHost.ErrorId);
                // The same host on another port (a local forwarding proxy beside the sandbox) is another provider.
                var otherPort = Assert.Throws<JournalException>(() => Open(port: 8080));
                Assert.Equal("JournalForAnotherAccount", otherPort.ErrorId);
                using (var journal = Open()) Assert.Equal(4, journal.Count);
            }
        }

        [Fact]
        public void An_edited_line_two_swapped_lines_a_cut_line_and_a_replayed_one_are_skipped_with_one_warning_and_asked_again()
        {
            using (var sandbox = new SandboxFixture())
            {
                var rows = new[] { Row("李雷", "44030619851212123X", "18900001234"), Row("韩梅梅", "44030619851212123X", "18900001234") }.Concat(People(0, 4)).ToList();
                var first = RunWith(sandbox, rows, out _);
                Assert.Equal((CheckStatus.Match, CheckStatus.Mismatch), (first[0].Result.StatusKind, first[1].Result.StatusKind));
                // The header and six answers.
                var lines = File.ReadAllLines(_path).ToList();
                Assert.Equal(7, lines.Count);
                // Swap two authentic answers, flip one character of a third's ciphertext, cut a fourth's brace, and
                // replay a fifth at the end: each is authentic content at a place its MAC does not name, or no content.
                (lines[1], lines[2]) = (lines[2], lines[1]);
                lines[3] = lines[3].Substring(0, 20) + (lines[3][20] == 'A' ? 'B' : 'A') + lines[3].Substring(21);
                lines[4] = lines[4].Substring(0, lines[4].Length - 1);
                lines.Add(lines[5]);
                File.WriteAllText(_path, string.Join("\n", lines) + "\n");

                using (var journal = Open())
                {
                    Assert.Equal(2, journal.Count);
                    Assert.Single(journal.Warnings);
                    Assert.Contains("5 line(s)", journal.Warnings[0]);
                }
                sandbox.Server.ResetStatistics();
                var outcomes = RunWith(sandbox, rows, out var summary);
                Assert.Equal(4, sandbox.Server.RequestCount);
                Assert.Equal(2, summary.FromJournal);
                Assert.Equal((CheckStatus.Match, CheckStatus.Mismatch), (outcomes[0].Result.StatusKind, outcomes[1].Result.StatusKind));
            }
        }

        [Fact]
        public void An_overlong_value_sent_without_local_checks_is_journalled_bounded_and_served_again()
        {
            using (var sandbox = new SandboxFixture())
            {
                var row = Row("李雷", "44030619851212123X", "1" + new string('8', 5006));
                for (int run = 0; run < 2; run++)
                {
                    var options = FastOptions();
                    options.SkipLocalValidation = true;
                    using (var journal = Open())
                    using (var verification = new VerificationRun(options, sandbox.Client(TimeSpan.FromSeconds(2)), ownsClient: true, journal: journal))
                    {
                        verification.Submit(row);
                        var result = verification.TakeFinished(0, CancellationToken.None).Single().Result;
                        Assert.Equal(run == 0 ? ResultSource.Remote : ResultSource.Journal, result.SourceKind);
                    }
                }
                Assert.Equal(1, sandbox.Server.RequestCount);
                Assert.All(File.ReadAllLines(_path), line => Assert.True(line.Length < 4096, "a line the loader would not read back"));
            }
        }

        [Fact]
        public void A_copy_of_the_journal_shows_no_verdict_no_mobile_no_order_and_no_two_lines_alike()
        {
            using (var sandbox = new SandboxFixture())
            {
                // One person asked in three runs (answers never reused), beside others: a copy must not link the three.
                var same = Row("李雷", "44030619851212123X", "18900001234");
                for (int night = 0; night < 3; night++) RunWith(sandbox, new[] { same }.Concat(People(night * 3, 3)), out _, maxAge: TimeSpan.Zero);
                string text = File.ReadAllText(_path, Encoding.UTF8);
                foreach (var word in new[] { "Match", "Mismatch", "NoRecord", "189****", "SB000", "\"k\"", "\"t\"", "2026-", "\"run\"" })
                    Assert.DoesNotContain(word, text.Substring(text.IndexOf('\n')));
                var bodies = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Substring(l.IndexOf("\"c\"", StringComparison.Ordinal))).ToList();
                // No 12 characters of ciphertext repeat between lines, and every line is as long as every other, a run's too.
                var seen = new HashSet<string>();
                foreach (var body in bodies)
                    foreach (var piece in Enumerable.Range(0, (body.Length - 60) / 12).Select(i => body.Substring(6 + i * 12, 12)))
                        Assert.True(seen.Add(piece), "a piece of ciphertext repeats: " + piece);
                Assert.Single(bodies.Select(b => b.Length).Distinct());
                using (var journal = Open(maxAge: TimeSpan.FromDays(1))) Assert.Equal(10, journal.Count);
            }
        }

        [Fact]
        public void A_journal_of_format_2_is_served_and_rewritten_in_format_3_by_the_first_run_that_writes()
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Data", "format2.journal"), _path, true);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            // Written on 2026-12-02 by the build of that day against the sandbox: a Mismatch, a NoRecord and a possibly billed request.
            var then = new DateTime(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc);
            var before = File.ReadAllBytes(_path);
            using (var reader = AnswerJournal.Open(_path, Settings(readOnly: true, now: then))) Assert.Equal((3, 1), (reader.Count, reader.PossiblyBilledCount));
            Assert.Equal(before, File.ReadAllBytes(_path));
            Assert.Equal(3, AnswerJournal.ReadAll(_path, Settings(), null).Count());
            using (var journal = AnswerJournal.Open(_path, Settings(now: then)))
            {
                Assert.Equal((3, 1), (journal.Count, journal.PossiblyBilledCount));
                Assert.Contains(journal.Warnings, w => w.Contains("rewritten in format 3"));
                Assert.Equal(JournalRun.Finished, journal.LastRun.How);
            }
            string text = File.ReadAllText(_path);
            Assert.Contains("\"version\":3", text);
            Assert.DoesNotContain("189****", text);
            var entries = AnswerJournal.ReadAll(_path, Settings(), null).ToList();
            Assert.Equal(new[] { "189****5678", "189****1234", "189****0200" }, entries.Select(e => e.Mobile));
            Assert.Equal(new[] { CheckStatus.NoRecord, CheckStatus.Mismatch, CheckStatus.Failed }, entries.Select(e => e.StatusKind));
            using (var sandbox = new SandboxFixture())
            {
                var options = FastOptions();
                options.Detail = false;   // as the fixture was asked
                using (var journal = AnswerJournal.Open(_path, Settings(now: then)))
                using (var run = new VerificationRun(options, sandbox.Client(TimeSpan.FromSeconds(2)), ownsClient: true, journal: journal))
                {
                    run.Submit(Row("张三", "110101199003071233", "18900001234"));
                    run.Submit(Row("李雷", "44030619851212123X", "18999000200"));
                    var served = run.TakeFinished(0, CancellationToken.None).Select(o => o.Result).ToList();
                    Assert.Equal(0, sandbox.Server.RequestCount);
                    Assert.Equal((CheckStatus.Mismatch, true), (served[0].StatusKind, served[1].PossiblyBilled));
                }
            }
        }

        [Fact]
        public void A_journal_opened_read_only_changes_nothing_takes_no_lock_and_counts_answers()
        {
            using (var sandbox = new SandboxFixture())
            {
                RunWith(sandbox, People(0, 5), out _);
                using (Open())
                {
                    // A run holds the journal; a reader (-WhatIf, Get-JuheJournal) needs no lock.
                    using (var reader = Open(readOnly: true)) Assert.Equal(5, reader.Count);
                    Assert.Equal(5, AnswerJournal.ReadAll(_path, Settings(), null).Count());
                }
                File.AppendAllText(_path, "{\"k\":\"torn");
                var before = File.ReadAllBytes(_path);
                using (var reader = Open(readOnly: true))
                {
                    Assert.True(reader.IsReadOnly);
                    Assert.Equal(5, reader.Count);
                    Assert.Contains(reader.Warnings, w => w.Contains("cut off"));
                }
                Assert.Equal(before, File.ReadAllBytes(_path));
                File.Delete(_path);
                Assert.Null(Open(readOnly: true));
                Assert.False(File.Exists(_path));
            }
        }

        [Fact]
        public void A_first_format_journal_is_kept_aside_and_never_trusted()
        {
            File.WriteAllText(_path, "{\"journal\":\"TelecomVerify.Journal\",\"version\":1,\"secret\":\"" + Convert.ToBase64String(new byte[32]) + "\"}\n"
                + "{\"k\":\"0123456789abcdef0123456789abcdef\",\"t\":\"2026-11-30T00:00:00Z\",\"d\":1,\"m\":\"189****0000\",\"s\":\"Match\",\"dt\":\"Match\",\"e\":0,\"r\":1,\"c\":\"1\",\"o\":\"x\",\"msg\":null,\"why\":null}\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var old = File.ReadAllBytes(_path);
            using (var reader = Open(readOnly: true))
            {
                Assert.Equal(0, reader.Count);
                Assert.Contains(reader.Warnings, w => w.Contains("cannot be authenticated"));
            }
            Assert.Equal(old, File.ReadAllBytes(_path));
            using (var journal = Open())
            {
                Assert.Equal(0, journal.Count);
                Assert.Contains(journal.Warnings, w => w.Contains(_path + ".v1"));
            }
            Assert.Equal(old, File.ReadAllBytes(_path + ".v1"));
            Assert.Contains("\"version\":3", File.ReadAllText(_path));
        }

        [Fact]
        public void A_journal_others_can_read_a_link_or_an_open_folder_is_refused()
        {
            if (OperatingSystem.IsWindows()) return; // the ACL path is Windows-only and not run on this project's machines
            using (Open()) { }
            File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var ex = Assert.Throws<JournalException>(() => Open());
            Assert.Equal("JournalUnsafe", ex.ErrorId);
            Assert.Contains("chmod 600", ex.Message);
            File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            string link = Path.Combine(_dir, "link.journal"), dangling = Path.Combine(_dir, "dangling.journal");
            File.CreateSymbolicLink(link, _path);
            File.CreateSymbolicLink(dangling, Path.Combine(_dir, "nowhere"));
            foreach (var path in new[] { link, dangling })
            {
                var refused = Assert.Throws<JournalException>(() => AnswerJournal.Open(path, Settings()));
                Assert.Equal(("JournalUnsafe", true), (refused.ErrorId, refused.Message.Contains("symbolic link")));
            }
            Assert.False(File.Exists(Path.Combine(_dir, "nowhere")));

            string open = Path.Combine(_dir, "open");
            Directory.CreateDirectory(open);
            File.SetUnixFileMode(open, (UnixFileMode)0x1FF); // 0777
            var folder = Assert.Throws<JournalException>(() => AnswerJournal.Open(Path.Combine(open, "run.journal"), Settings()));
            Assert.Equal(("JournalUnsafe", true), (folder.ErrorId, folder.Message.Contains("chmod 700")));
        }

        [Fact]
        public void A_journal_another_user_owns_or_in_a_folder_another_user_owns_is_refused()
        {
            if (OperatingSystem.IsWindows()) return; // ownership by uid is a Unix rule; Windows checks the ACL
            using (Open()) { }
            long me = Credentials.FileOwnership.CurrentUserId().Value;
            var planted = new Credentials.FileOwnership { UserIdOf = path => path == _path ? 54321 : me };
            var settings = Settings();
            settings.Ownership = planted;
            var ex = Assert.Throws<JournalException>(() => AnswerJournal.Open(_path, settings));
            Assert.Equal("JournalUnsafe", ex.ErrorId);
            Assert.Contains("54321", ex.Message);
            settings.Ownership = new Credentials.FileOwnership { UserIdOf = path => path == _dir ? 54321 : me };
            Assert.Contains("54321", Assert.Throws<JournalException>(() => AnswerJournal.Open(_path, settings)).Message);
            settings.Ownership = new Credentials.FileOwnership { UserIdOf = path => me };
            using (AnswerJournal.Open(_path, settings)) { }
        }

        [Fact]
        public void One_writer_at_a_time()
        {
            using (Open())
            {
                var ex = Assert.Throws<JournalException>(() => Open());
                Assert.Equal("JournalInUse", ex.ErrorId);
            }
            using (Open()) { }
        }

        [Fact]
        public void A_location_that_cannot_be_written_is_not_writable_not_in_use()
        {
            var ex = Assert.Throws<JournalException>(() => AnswerJournal.Open(Path.Combine(_dir, "no-such-folder", "run.journal"), Settings()));
            Assert.Equal("JournalNotWritable", ex.ErrorId);
            Assert.Contains("the folder does not exist", ex.Message);
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
                using (var journal = Open())
                {
                    Assert.Equal(4, journal.Count);
                    Assert.Contains(journal.Warnings, w => w.Contains("cut off"));
                }
                sandbox.Server.ResetStatistics();
                RunWith(sandbox, People(0, 6), out var summary);
                Assert.Equal(2, sandbox.Server.RequestCount);
                Assert.Equal(4, summary.FromJournal);
                var entries = AnswerJournal.ReadAll(_path, Settings(), new List<string>()).ToList();
                Assert.Equal(6, entries.Count);
            }
        }

        [Fact]
        public void A_run_keeps_room_in_reserve_gives_it_back_and_the_zeros_a_killed_run_leaves_are_passed_over()
        {
            using (var sandbox = new SandboxFixture())
            {
                using (var journal = Open())
                using (var run = new VerificationRun(FastOptions(throttle: 4), sandbox.Client(TimeSpan.FromSeconds(2)), ownsClient: true, journal: journal))
                {
                    foreach (var row in People(0, 3)) run.Submit(row);
                    Assert.Equal(3, run.TakeFinished(0, CancellationToken.None).Count());
                    // Room on disk for every request that can be in flight and the run's last line: zeros after the lines.
                    byte[] bytes;
                    using (var reading = Credentials.PrivateFiles.OpenReadWithoutLock(_path))
                    using (var copy = new MemoryStream()) { reading.CopyTo(copy); bytes = copy.ToArray(); }
                    int zeros = bytes.Length - 1 - Array.FindLastIndex(bytes, b => b != 0);
                    Assert.True(zeros >= 5 * 4096, $"{zeros} bytes in reserve");
                }
                var atRest = File.ReadAllBytes(_path);
                Assert.Equal((byte)'\n', atRest[atRest.Length - 1]);

                // What a run killed with its reserve leaves: the lines, then zeros, or a torn line and then zeros.
                File.WriteAllBytes(_path, atRest.Concat(new byte[100_000]).ToArray());
                var warnings = new List<string>();
                Assert.Equal(3, AnswerJournal.ReadAll(_path, Settings(), warnings).Count());
                Assert.Empty(warnings);
                using (var journal = Open())
                {
                    Assert.Equal(3, journal.Count);
                    Assert.Empty(journal.Warnings);
                }
                sandbox.Server.ResetStatistics();
                RunWith(sandbox, People(0, 5), out var summary);
                Assert.Equal(2, sandbox.Server.RequestCount);
                Assert.Equal(3, summary.FromJournal);
                Assert.Equal(5, AnswerJournal.ReadAll(_path, Settings(), warnings).Count());
                Assert.Empty(warnings);

                var lines = File.ReadAllLines(_path);
                File.WriteAllBytes(_path, Encoding.ASCII.GetBytes(string.Join("\n", lines.Take(lines.Length - 1)) + "\n" + lines.Last().Substring(0, 40)).Concat(new byte[9000]).ToArray());
                using (var journal = Open())
                {
                    Assert.Equal(4, journal.Count);
                    Assert.Contains(journal.Warnings, w => w.Contains("cut off"));
                }
            }
        }

        [Fact]
        public void An_answer_is_on_disk_within_100_ms_of_arriving_whatever_row_is_next()
        {
            using (var sandbox = new SandboxFixture())
            using (var journal = Open())
            using (var run = new VerificationRun(FastOptions(), sandbox.Client(TimeSpan.FromSeconds(30)), ownsClient: true, journal: journal))
            {
                // The head row hangs; the rows behind it are answered at once and wait for their turn to be output.
                run.Submit(Row("李雷", "44030619851212123X", "18999000408"));
                foreach (var row in People(0, 3)) run.Submit(row);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (sandbox.Server.RequestCount < 4 && clock.ElapsedMilliseconds < 10_000) Thread.Sleep(5);
                Thread.Sleep(100);
                // Read as another process would after a kill -9: what is in the file, not in this process's memory.
                var onDisk = AnswerJournal.ReadAll(_path, Settings(), new List<string>()).ToList();
                Assert.Equal(3, onDisk.Count);
                Assert.Equal(4, run.Pending);
                run.Cancel();
            }
        }

        [Fact]
        public void The_journal_says_how_the_last_run_ended_and_a_forged_ending_is_not_believed()
        {
            using (var journal = Open()) journal.RecordRun(JournalRun.Started, null);
            using (var journal = Open())
            {
                Assert.Equal(JournalRun.Started, journal.LastRun.How);   // started and never said how it ended: killed
                Assert.Empty(journal.Warnings);
                journal.RecordRun(JournalRun.Interrupted, new RunSummary { Rows = 7, Sent = 9, StoppedAtRow = 8 });
            }
            using (var journal = Open())
            {
                Assert.Equal((JournalRun.Interrupted, 7L, 9L, (long?)8), (journal.LastRun.How, journal.LastRun.Rows, journal.LastRun.Sent, journal.LastRun.StoppedAtRow));
                Assert.Equal(0, journal.Count);
            }
            // Someone replays the first run's "started" line over the "interrupted" one, to hide the stop: skipped, and counted.
            var lines = File.ReadAllLines(_path);
            lines[2] = lines[1];
            File.WriteAllText(_path, string.Join("\n", lines) + "\n");
            using (var journal = Open())
            {
                Assert.Equal(JournalRun.Started, journal.LastRun.How);
                Assert.Contains(journal.Warnings, w => w.Contains("1 line(s)"));
            }
            Assert.Empty(AnswerJournal.ReadAll(_path, Settings(), new List<string>()));
        }

        [Fact]
        public void A_file_that_is_not_a_journal_is_refused_untouched()
        {
            File.WriteAllText(_path, "姓名,身份证号,手机号\n李雷,44030619851212123X,18900001234\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var ex = Assert.Throws<JournalException>(() => Open());
            Assert.Equal("JournalUnreadable", ex.ErrorId);
            Assert.StartsWith("姓名", File.ReadAllText(_path));
        }
    }
}
