using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using TelecomVerify.Sandbox;
using Xunit;

namespace TelecomVerify.Tests.Cmdlets
{
    /// <summary>Files made to eat the machine: refused with InputTooLarge before memory grows, and Ctrl+C heard while a file is counted.</summary>
    [Collection(TimingSensitive.Name)]
    public sealed class HostileFileTests : IDisposable
    {
        private readonly SandboxServer _sandbox = new SandboxServer();
        private readonly HostedShell _shell = new HostedShell();
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "tv-hostile-file-" + Guid.NewGuid().ToString("N"));

        public HostileFileTests()
        {
            Directory.CreateDirectory(_dir);
            _shell.SetVariable("key", _sandbox.ApiKey);
            _shell.SetVariable("uri", _sandbox.BaseUri);
        }

        public void Dispose()
        {
            _shell.Dispose();
            _sandbox.Dispose();
            Directory.Delete(_dir, true);
        }

        private ErrorRecord Refusal(string path)
        {
            _shell.SetVariable("file", path);
            var output = _shell.Invoke("Test-TelecomIdentity -Path $file -ApiKey $key -BaseUri $uri", out var errors);
            Assert.Empty(output);
            Assert.Equal(0, _sandbox.RequestCount);
            return Assert.Single(errors);
        }

        [Fact]
        public void A_csv_with_a_huge_field_is_refused_naming_the_row_and_the_limit()
        {
            string path = Path.Combine(_dir, "huge-field.csv");
            File.WriteAllText(path, "姓名,身份证号,手机号\n李雷,44030619851212123X,18900001234\n" + new string('李', 40000) + ",44030619851212123X,18900001235\n", new UTF8Encoding(false));
            var record = Refusal(path);
            Assert.Equal("InputTooLarge,TelecomVerify.Commands.TestTelecomIdentityCommand", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.LimitsExceeded, record.CategoryInfo.Category);
            Assert.Contains("Row 3", record.Exception.Message);
            Assert.Contains("32768", record.Exception.Message);
            Assert.DoesNotContain("李李李", record.Exception.Message);
        }

        [Fact]
        public void A_workbook_holding_one_huge_string_under_the_parts_cap_is_refused_in_bounded_memory()
        {
            // One 100 MB string: far under the 256 MB part cap, and the reader would build it whole, with copies.
            string path = Path.Combine(_dir, "one-string.xlsx");
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            using (var writer = new StreamWriter(zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Fastest).Open()))
            {
                writer.Write("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>");
                var chunk = new string('x', 1 << 20);
                for (int i = 0; i < 100; i++) writer.Write(chunk);
                writer.Write("</t></si></sst>");
            }
            Assert.InRange(new FileInfo(path).Length, 1, 10 << 20);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<TelecomVerify.Input.InputFileException>(() => TelecomVerify.Input.WorkbookFile.RefuseOversized(path));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal("InputTooLarge", error.ErrorId);
            Assert.Contains("32768", error.Message.Replace(",", string.Empty));
            Assert.True(allocated < 32L << 20, "the refusal allocated " + (allocated >> 20) + " MB");
        }

        [Fact]
        public void A_workbook_whose_shared_strings_unpack_past_the_limit_is_refused_before_it_is_read()
        {
            // 300 MB of shared strings that zip to a few hundred kilobytes: the table the reader would load whole.
            string path = Path.Combine(_dir, "bomb.xlsx");
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                using (var writer = new StreamWriter(zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Fastest).Open()))
                {
                    writer.Write("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
                    string item = "<si><t>" + new string('x', 1000) + "</t></si>";
                    for (int i = 0; i < 300_000; i++) writer.Write(item);
                    writer.Write("</sst>");
                }
            }
            Assert.InRange(new FileInfo(path).Length, 1, 10 << 20);
            var record = Refusal(path);
            Assert.Equal("InputTooLarge,TelecomVerify.Commands.TestTelecomIdentityCommand", record.FullyQualifiedErrorId);
            Assert.Contains("xl/sharedStrings.xml", record.Exception.Message);
            Assert.Contains("256 MB", record.Exception.Message);
        }

        [Fact]
        public void A_csv_open_in_another_program_is_read_and_one_held_exclusively_is_named()
        {
            string path = Path.Combine(_dir, "open.csv");
            File.WriteAllText(path, "姓名,身份证号,手机号\n李雷,44030619851212123X,18900001234\n", new UTF8Encoding(false));
            _shell.SetVariable("file", path);
            // As Excel holds a file it has open: writing, and letting others read.
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
            {
                var results = _shell.Invoke<IdentityCheckResult>("Test-TelecomIdentity -Path $file -ApiKey $key -BaseUri $uri", out var errors);
                Assert.Empty(errors);
                Assert.Equal(CheckStatus.Match, Assert.Single(results).StatusKind);
            }
            _sandbox.ResetStatistics();
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                var record = Refusal(path);
                Assert.Equal("InputFileLocked,TelecomVerify.Commands.TestTelecomIdentityCommand", record.FullyQualifiedErrorId);
                Assert.Contains("Excel", record.Exception.Message);
            }
        }

        [Fact]
        public void Ctrl_c_while_a_large_file_is_counted_stops_within_a_second_and_sends_nothing()
        {
            string path = Path.Combine(_dir, "large.csv");
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                writer.Write("姓名,身份证号,手机号\n");
                for (int i = 0; i < 3_000_000; i++) writer.Write("李雷,44030619851212123X,189" + i.ToString("D8") + "\n");
            }
            _shell.SetVariable("file", path);
            using (var ps = _shell.Create())
            {
                ps.AddScript("Test-TelecomIdentity -Path $file -ApiKey $key -BaseUri $uri");
                var async = ps.BeginInvoke();
                Thread.Sleep(500);
                Assert.False(async.IsCompleted, "counting 3 000 000 rows should take longer than that");
                var clock = Stopwatch.StartNew();
                ps.Stop();
                // The promise is a second; the bound leaves room for a loaded machine, far below the 10 s a count took before.
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), "Stop took " + clock.ElapsedMilliseconds + " ms");
                Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(async));
            }
            Assert.Equal(0, _sandbox.RequestCount);
        }
    }
}
