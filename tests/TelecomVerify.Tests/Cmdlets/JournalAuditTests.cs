using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using TelecomVerify.Journal;
using TelecomVerify.Sandbox;
using TelecomVerify.Tests.Core;
using TelecomVerify.Verification;
using Xunit;

namespace TelecomVerify.Tests.Cmdlets
{
    /// <summary>Get-JuheJournal for the month's bill: the entries of a period, as a job owner counts them against the provider's statement.</summary>
    public sealed class JournalAuditTests : IDisposable
    {
        private readonly HostedShell _shell = new HostedShell();
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "tv-audit-" + Guid.NewGuid().ToString("N"));
        private readonly string _path;

        public JournalAuditTests()
        {
            Directory.CreateDirectory(_dir);
            _path = Path.Combine(_dir, "months.journal");
        }

        public void Dispose()
        {
            _shell.Dispose();
            Directory.Delete(_dir, true);
        }

        [Fact]
        public void After_and_before_list_the_entries_of_a_period_in_local_time()
        {
            // Three answers on the last evening of October and four in November, local time; one on 1 December.
            var october = new DateTime(2026, 10, 31, 23, 30, 0, DateTimeKind.Local);
            var november = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Local);
            var december = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Local);
            using (var journal = AnswerJournal.Open(_path, JournalTests.Settings(maxAge: TimeSpan.FromDays(3650))))
            using (var hash = new HMACSHA256(journal.Secret))
            {
                int n = 0;
                foreach (var at in Enumerable.Repeat(october, 3).Concat(Enumerable.Range(0, 4).Select(i => november.AddDays(i * 7))).Concat(new[] { december }))
                {
                    string mobile = "1890009" + (n++).ToString("D4");
                    journal.Append(IdentityKey.Of(hash, "李雷", "44030619851212123X", mobile), at.ToUniversalTime(),
                        new JournalEntry { Mobile = mobile.Substring(0, 3) + "****" + mobile.Substring(7), StatusKind = CheckStatus.Match, OrderId = "SBX" + n, ServesDetail = true });
                }
            }
            var bill = _shell.Invoke<JournalEntry>(
                "Get-JuheJournal -Path $p -ApiKey $k -BaseUri 'http://127.0.0.1/' -After '2026-11-01' -Before '2026-12-01'",
                out var errors, new Dictionary<string, object> { ["p"] = _path, ["k"] = SandboxData.DefaultApiKey });
            Assert.Empty(errors);
            Assert.Equal(new[] { "SBX4", "SBX5", "SBX6", "SBX7" }, bill.Select(e => e.OrderId));
            Assert.Equal(6, _shell.Invoke<JournalEntry>("Get-JuheJournal -Path $p -ApiKey $k -BaseUri 'http://127.0.0.1/' -Before '2026-11-22'", out _).Count);
            Assert.Equal(2, _shell.Invoke<JournalEntry>("Get-JuheJournal -Path $p -ApiKey $k -BaseUri 'http://127.0.0.1/' -After '2026-11-22'", out _).Count);
            Assert.Equal(8, _shell.Invoke<JournalEntry>("Get-JuheJournal -Path $p -ApiKey $k -BaseUri 'http://127.0.0.1/'", out _).Count);
        }
    }
}
