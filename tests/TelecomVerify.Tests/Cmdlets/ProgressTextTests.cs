using System.Globalization;
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
    }
}
