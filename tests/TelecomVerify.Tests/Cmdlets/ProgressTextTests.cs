using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using TelecomVerify.Commands;
using Xunit;

namespace TelecomVerify.Tests.Cmdlets
{
    /// <summary>The progress bar's line, in both languages.</summary>
    public class ProgressTextTests
    {
        [Fact]
        public void A_resumed_run_counts_its_time_left_at_the_pace_of_the_rows_it_asks()
        {
            // 20 000 rows; 10 000 came from the journal in the first second, 10 more were asked in 2 s more.
            Assert.Equal((20_000 - 10_010) / (10 / 3.0), RunProgress.SecondsRemaining(20_000, 10_010, 10, 3).Value, 3);
            // Not: 9 990 rows at 3 337 rows/s, three seconds.
            Assert.True(RunProgress.SecondsRemaining(20_000, 10_010, 10, 3) > 2000);
            // Nothing asked yet: the pace of all rows; no total: no estimate.
            Assert.Equal(90.0, RunProgress.SecondsRemaining(100, 10, 0, 10).Value, 3);
            Assert.Null(RunProgress.SecondsRemaining(0, 10, 10, 10));
        }

        [Theory]
        [InlineData(0.5, "1 row/s")]
        [InlineData(0.6, "1 row/s")]
        [InlineData(1.4, "1 row/s")]
        [InlineData(1.5, "2 rows/s")]
        [InlineData(0.2, "0 rows/s")]
        [InlineData(312.7, "313 rows/s")]
        public void The_rate_is_singular_only_for_one_row_a_second(double rate, string said)
        {
            Assert.Equal("3 of 9 rows checked, " + said + ", 0 failed, 4 in flight", RunProgress.StatusText("3 of 9 rows checked", rate, 0, 4));
        }

        [Fact]
        public void In_Chinese()
        {
            var saved = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
                Assert.Equal("已核验 3 / 9 行，每秒 2 行，1 行失败，4 个请求在途", RunProgress.StatusText("已核验 3 / 9 行", 2.2, 1, 4));
            }
            finally
            {
                CultureInfo.CurrentUICulture = saved;
            }
        }

        /// <summary>
        /// The line PowerShell 7's one-line progress view draws (its own renderer, reached by reflection: it is
        /// internal), measured in the cells a terminal gives it, escape sequences aside.
        /// </summary>
        private static int RenderedCells(string activity, string status, int seconds, int percent, int width)
        {
            var nodeType = typeof(Microsoft.PowerShell.ConsoleShell).Assembly.GetType("Microsoft.PowerShell.ProgressNode", throwOnError: true);
            var record = new ProgressRecord(1, activity, status) { SecondsRemaining = seconds, PercentComplete = percent };
            var node = Activator.CreateInstance(nodeType, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, null, new object[] { 1L, record }, CultureInfo.InvariantCulture);
            var lines = new ArrayList();
            nodeType.GetMethod("RenderAnsi", BindingFlags.Instance | BindingFlags.NonPublic).Invoke(node, new object[] { lines, 0, width });
            string line = Regex.Replace((string)lines.Cast<object>().Single(), @"\x1b\[[0-9;]*[A-Za-z]", string.Empty);
            return ConsoleCells.Of(line);
        }

        [Theory]
        [InlineData("zh-CN", 12_345, 20_003)]
        [InlineData("zh-CN", 12_345_678, 99_999_999)]
        [InlineData("en-US", 12_345, 20_003)]
        public void The_one_line_view_fits_a_120_column_console_in_either_language(string culture, long done, long total)
        {
            var saved = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
                string status = RunProgress.StatusText(string.Format(CultureInfo.CurrentCulture, culture == "zh-CN" ? "已核验 {0} / {1} 行" : "{0} of {1} rows checked", done, total), 321.4, 2, 16);
                string fitted = RunProgress.FitMinimalView("Test-TelecomIdentity", status, 255, 120);
                Assert.True(RenderedCells("Test-TelecomIdentity", fitted, 255, 61, 120) <= 120);
                if (culture == "zh-CN")
                {
                    // As it was: the view counts characters, so each Chinese character overran by a cell and the line wrapped.
                    Assert.True(RenderedCells("Test-TelecomIdentity", status, 255, 61, 120) > 120);
                    Assert.StartsWith("已核验", fitted);
                }
                else Assert.Equal(status, fitted);
            }
            finally
            {
                CultureInfo.CurrentUICulture = saved;
            }
        }

        [Fact]
        public void A_status_too_long_for_a_narrow_console_is_cut_in_cells_and_still_fits()
        {
            string status = "已核验 12345 / 20003 行，每秒 321 行，2 行失败，16 个请求在途";
            string fitted = RunProgress.FitMinimalView("Test-TelecomIdentity", status, 255, 60);
            Assert.Contains("\u2026", fitted);
            Assert.True(RenderedCells("Test-TelecomIdentity", fitted, 255, 61, 60) <= 60);
        }
    }
}
