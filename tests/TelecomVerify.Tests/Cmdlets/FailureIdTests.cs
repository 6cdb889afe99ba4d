using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TelecomVerify.Errors;
using TelecomVerify.Protocol;
using Xunit;

namespace TelecomVerify.Tests.Cmdlets
{
    /// <summary>The ids HR's export shows in ErrorId: one table, every id the engine writes in it, and each explained in both languages.</summary>
    public class FailureIdTests
    {
        [Fact]
        public void Every_id_a_failed_row_or_a_stop_carries_is_in_the_table()
        {
            var written = Directory.EnumerateFiles(ErrorIdTests.SourceRoot(), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
                .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"new RunFailure\(""(\w+)""").Cast<Match>().Select(m => m.Groups[1].Value))
                .Concat(Enum.GetValues(typeof(TransportFault)).Cast<TransportFault>().Select(t => TransportFaults.ErrorId(t, 503)))
                .Concat(JuheErrorCatalog.All.Select(e => e.ErrorId))
                .Distinct().ToList();
            Assert.Contains("Timeout", written);
            Assert.Contains("PossiblyBilledEarlier", written);
            var missing = written.Where(id => FailureIds.Find(id) == null).ToList();
            Assert.True(missing.Count == 0, "not in FailureIds (src/TelecomVerify.Core/Errors/FailureIds.cs): " + string.Join(", ", missing));
            // And the table holds no id the engine never writes.
            var stale = FailureIds.All.Where(f => !written.Any(w => FailureIds.Find(w) == f)).Select(f => f.Id).ToList();
            Assert.True(stale.Count == 0, "in FailureIds but never written: " + string.Join(", ", stale));
        }

        [Fact]
        public void The_money_column_follows_the_transport_policy()
        {
            foreach (TransportFault fault in Enum.GetValues(typeof(TransportFault)))
                Assert.Equal(TransportFaults.PossiblyBilled(fault), FailureIds.Find(TransportFaults.ErrorId(fault, 500)).Billed == BilledWhen.Possibly);
        }

        [Theory]
        [InlineData("en-US")]
        [InlineData("zh-CN")]
        public void Each_id_says_what_it_means_and_what_to_do(string culture)
        {
            var saved = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentUICulture = new CultureInfo(culture);
                Assert.All(FailureIds.All, f =>
                {
                    Assert.False(string.IsNullOrWhiteSpace(f.Meaning), f.Id);
                    Assert.False(string.IsNullOrWhiteSpace(f.Action), f.Id);
                });
            }
            finally { CultureInfo.CurrentUICulture = saved; }
        }
    }
}
