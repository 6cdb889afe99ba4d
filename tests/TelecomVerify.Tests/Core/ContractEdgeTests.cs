using System;
using System.IO;
using System.Linq;
using System.Text;
using TelecomVerify.Input;
using TelecomVerify.Verification;
using Xunit;
using static TelecomVerify.Tests.Core.SandboxFixture;

namespace TelecomVerify.Tests.Core
{
    /// <summary>
    /// Promises of the contract that an outsider's mutants broke with no test failing, or with a test failing only by
    /// accident: each is asserted here for itself.
    /// </summary>
    public sealed class ContractEdgeTests
    {
        [Fact]
        public void A_utf8_file_over_a_megabyte_whose_first_megabyte_ends_inside_a_character_is_still_utf8()
        {
            string path = Path.Combine(Path.GetTempPath(), "tv-edge-" + Guid.NewGuid().ToString("N") + ".csv");
            try
            {
                var bytes = new MemoryStream();
                void Write(string text) { var b = Encoding.UTF8.GetBytes(text); bytes.Write(b, 0, b.Length); }
                Write("姓名,身份证号,手机号,备注\n");
                // ASCII filler up to one byte before the megabyte, then 李 (three bytes) across its end.
                while (bytes.Length < (1 << 20) - 200) Write("李雷,44030619851212123X,18900001234," + new string('x', 60) + "\n");
                Write("王芳,320102197601011237,13800001236," + new string('y', (int)((1 << 20) - 1 - bytes.Length - 39)) + "\n");
                Assert.Equal((1 << 20) - 1, bytes.Length);
                Write("李雷,44030619851212123X,18900001234,z\n");
                File.WriteAllBytes(path, bytes.ToArray());
                Assert.Equal(0xE6, File.ReadAllBytes(path)[(1 << 20) - 1]); // 李's first byte, the megabyte's last
                Assert.Equal("utf-8", CsvFile.DetectEncoding(path).WebName);
            }
            finally { File.Delete(path); }
        }

        [Theory]
        // rescode wins where it says which element failed; res alone when rescode is absent.
        [InlineData(1, null, MatchDetail.Match)]
        [InlineData(2, null, MatchDetail.Unknown)]
        [InlineData(2, "21", MatchDetail.NameMismatch)]
        [InlineData(2, "22", MatchDetail.IdCardMismatch)]
        [InlineData(2, "23", MatchDetail.NameAndIdCardMismatch)]
        // A contradiction is Unknown: res 2 with rescode 11, and res 1 with a mismatch code.
        [InlineData(2, "11", MatchDetail.Unknown)]
        [InlineData(1, "21", MatchDetail.Unknown)]
        public void Detail_follows_rescode_then_res_and_a_contradiction_is_unknown(int res, string rescode, MatchDetail expected)
        {
            Assert.Equal(expected, OutcomeMessages.Reconciled(res, rescode));
        }

        [Fact]
        public void Rows_that_differ_only_by_name_or_by_id_are_asked_apart_and_say_which_element_failed()
        {
            using (var sandbox = new SandboxFixture())
            {
                var options = FastOptions(throttle: 1);
                options.Detail = true;
                var outcomes = sandbox.Run(options, new[]
                {
                    Row("李雷", "44030619851212123X", "18900001234"),
                    Row("韩梅梅", "44030619851212123X", "18900001234"),
                    Row("李雷", "110105199003074325", "18900001234"),
                });
                Assert.Equal(3, sandbox.Server.RequestCount);
                Assert.Equal(new MatchDetail?[] { MatchDetail.Match, MatchDetail.NameMismatch, MatchDetail.IdCardMismatch }, outcomes.Select(o => o.Result.DetailKind));
            }
        }

        [Fact]
        public void A_run_stopped_by_its_last_row_gives_that_row_its_result_and_stops_at_the_next()
        {
            using (var sandbox = new SandboxFixture())
            {
                var outcomes = sandbox.Run(FastOptions(throttle: 1), new[]
                {
                    Row("李雷", "44030619851212123X", "18900001234"),
                    Row("韩梅梅", "110105199003074325", "13300001235"),
                    Row("李雷", "44030619851212123X", "18999010012"),
                }, out var stopped, out var summary);
                Assert.Equal("Juhe10012", stopped.ErrorId);
                // The row that brought the account's code is answered (Failed, with the code); nothing is left pending.
                Assert.Equal(3, outcomes.Count);
                Assert.Equal(CheckStatus.Failed, outcomes[2].Result.StatusKind);
                Assert.Equal(4, summary.StoppedAtRow);
                Assert.Contains("row 4", stopped.Message);
            }
        }
    }
}
