using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TelecomVerify.Sandbox;
using Xunit;

namespace TelecomVerify.Tests.Cmdlets
{
    public class TestTelecomIdentityCommandTests : System.IDisposable
    {
        private readonly SandboxServer _sandbox = new SandboxServer();
        private readonly HostedShell _shell = new HostedShell();

        public TestTelecomIdentityCommandTests()
        {
            _shell.Invoke("Set-JuheCredential -ApiKey $key -BaseUri $uri", out _,
                new Dictionary<string, object> { ["key"] = _sandbox.ApiKey, ["uri"] = _sandbox.BaseUri });
        }

        public void Dispose()
        {
            _shell.Dispose();
            _sandbox.Dispose();
        }

        [Fact]
        public void Chinese_and_english_headers_bind_and_every_object_gets_a_result()
        {
            var results = _shell.Invoke<IdentityCheckResult>(@"
                [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18900001234' },
                [pscustomobject]@{ Name = '韩梅梅'; IdNumber = '110105199003074325'; Phone = '13300001235' },
                @{ FullName = '王芳'; IdCardNumber = '320102197601011237'; MobileNumber = '13800001236' },
                [pscustomobject]@{ Employee = 'E9'; Dept = 'IT' },
                'just a string' | Test-TelecomIdentity", out var errors);
            Assert.Empty(errors);
            Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, results.Select(r => r.Row));
            Assert.Equal(new[] { CheckStatus.Match, CheckStatus.Match, CheckStatus.Match, CheckStatus.InvalidInput, CheckStatus.InvalidInput },
                results.Select(r => r.StatusKind));
            Assert.Contains("Found: Employee, Dept", results[3].Message);
            Assert.Contains("Row 4", results[3].Message);
            Assert.Equal(3, _sandbox.RequestCount);
        }

        [Fact]
        public void Headers_misread_from_a_gb18030_file_stop_the_run_once_with_a_hint()
        {
            var output = _shell.Invoke("1..50 | ForEach-Object { [pscustomobject]@{ 'Ã¤Â¸Â­' = 'x'; \"\uFFFD\uFFFD\" = 'y' } } | Test-TelecomIdentity", out var errors);
            Assert.Empty(output);
            var record = Assert.Single(errors);
            Assert.StartsWith("MissingColumn,", record.FullyQualifiedErrorId);
            // The advice works in both editions: 936 is GBK (it loses GB18030's four-byte characters) and Windows PowerShell 5.1 takes no code page.
            Assert.Contains("Test-TelecomIdentity -Path", record.Exception.Message);
            Assert.DoesNotContain("936", record.Exception.Message);
            Assert.Equal(0, _sandbox.RequestCount);
        }

        [Fact]
        public void Headers_with_stray_spaces_or_a_bom_bind_as_if_trimmed()
        {
            var results = _shell.Invoke<IdentityCheckResult>("[pscustomobject]@{ \"\uFEFF姓名 \" = '李雷'; ' 身份证号' = '44030619851212123X'; \"手机号\u3000\" = '18900001234' } | Test-TelecomIdentity", out var errors);
            Assert.Empty(errors);
            Assert.Equal(CheckStatus.Match, Assert.Single(results).StatusKind);
        }

        [Fact]
        public void A_file_without_a_header_row_is_named_as_such_and_its_values_are_not_echoed()
        {
            _shell.Invoke("[pscustomobject]@{ '李雷' = '韩梅梅'; '44030619851212123X' = '110105199003074325'; '18900001234' = '13300001235' } | Test-TelecomIdentity", out var errors);
            var record = Assert.Single(errors);
            Assert.StartsWith("MissingColumn,", record.FullyQualifiedErrorId);
            Assert.Contains("no header row", record.Exception.Message);
            Assert.Contains("-Header", record.Exception.Message);
            foreach (var raw in new[] { "李雷", "44030619851212123X", "18900001234" }) Assert.DoesNotContain(raw, record.Exception.Message);
        }

        [Theory]
        [InlineData("欧阳娜娜", "+86 189 7766 5544", "110101 1990 0307 1233")]
        [InlineData("欧阳娜娜", "(+86)18977665544", null)]
        [InlineData("欧阳娜娜", "+86 189-7766-5544", null)]
        [InlineData("欧阳娜娜", "1\u00008\u00009\u00007\u00007\u00006\u00006\u00005\u00005\u00004\u00004", null)]
        public void A_file_without_a_header_row_is_told_once_and_no_value_of_its_first_person_shows(string name, string mobile, string id)
        {
            string columns = "'" + name + "' = 'a'; \"" + mobile + "\" = 'b'" + (id == null ? "" : "; '" + id + "' = 'c'");
            _shell.Invoke("[pscustomobject]@{ " + columns + " } | Test-TelecomIdentity", out var errors);
            var record = Assert.Single(errors);
            string message = record.Exception.Message;
            Assert.StartsWith("MissingColumn,", record.FullyQualifiedErrorId);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(message, "no header row"));
            Assert.DoesNotContain("{ $_", message);
            Assert.DoesNotContain(name, message);
            Assert.DoesNotContain("7766", message);
            Assert.DoesNotContain("5544 ", message);
            Assert.DoesNotContain("19900307", message);
            Assert.DoesNotContain("1990 0307", message);
            Assert.Equal(0, _sandbox.RequestCount);
        }

        [Fact]
        public void An_hr_header_that_holds_one_fields_word_is_taken_for_it_and_said_once()
        {
            var results = _shell.Invoke(@"
                1..3 | ForEach-Object { [pscustomobject]@{ 工号 = ""E00$_""; 员工姓名 = '李雷'; '身份证号码（18位）' = '44030619851212123X'; 联系手机 = '18900001234' } } |
                    Test-TelecomIdentity -WarningVariable taken -WarningAction SilentlyContinue
                $taken", out var errors);
            Assert.Empty(errors);
            var rows = results.Select(r => r.BaseObject).OfType<IdentityCheckResult>().ToList();
            Assert.Equal(3, rows.Count);
            Assert.All(rows, r => Assert.Equal(CheckStatus.Match, r.StatusKind));
            var warnings = results.Select(r => r.BaseObject).OfType<WarningRecord>().Select(w => w.Message).ToList();
            Assert.Equal(3, warnings.Count);   // one per column taken, once for the run, not per row
            Assert.Contains(warnings, w => w.Contains("'员工姓名' is read as RealName"));
            Assert.Contains(warnings, w => w.Contains("'联系手机' is read as Mobile"));
        }

        [Fact]
        public void Two_columns_with_one_fields_word_are_not_guessed_between()
        {
            _shell.Invoke("[pscustomobject]@{ 员工姓名 = '李雷'; 紧急联系人姓名 = '韩梅梅'; 身份证号 = '44030619851212123X'; 手机号 = '18900001234' } | Test-TelecomIdentity", out var errors);
            var record = Assert.Single(errors);
            Assert.StartsWith("MissingColumn,", record.FullyQualifiedErrorId);
            Assert.Contains("-RealName { $_.", record.Exception.Message);
        }

        [Fact]
        public void A_missing_column_names_the_field_in_its_mapping_hint()
        {
            _shell.Invoke("[pscustomobject]@{ 员工 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18900001234' } | Test-TelecomIdentity", out var errors);
            string message = Assert.Single(errors).Exception.Message;
            Assert.Contains("-RealName { $_.", message);
            Assert.DoesNotContain("IdCard:", message);
        }

        [Fact]
        public void Lines_of_text_get_the_hint_to_read_columns()
        {
            _shell.Invoke("'姓名,身份证号,手机号', '李雷,44030619851212123X,18900001234' | Test-TelecomIdentity", out var errors);
            var record = Assert.Single(errors);
            Assert.StartsWith("MissingColumn,", record.FullyQualifiedErrorId);
            Assert.Contains("Import-Csv", record.Exception.Message);
            Assert.Contains("Get-Content", record.Exception.Message);
        }

        [Fact]
        public void Parameters_alone_check_one_identity_and_quiet_gives_a_boolean()
        {
            var yes = _shell.Invoke<bool>("Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -Quiet", out _);
            var no = _shell.Invoke<bool>("Test-TelecomIdentity 韩梅 110105199003074325 13300001235 -Quiet", out _);
            Assert.Equal(new[] { true }, yes);
            Assert.Equal(new[] { false }, no);
        }

        [Fact]
        public void SkipLocalValidation_sends_what_the_checks_reject_and_the_provider_answers()
        {
            // The check character is wrong: refused locally for free, or sent and refused by the provider (227306).
            var local = _shell.Invoke<IdentityCheckResult>("Test-TelecomIdentity 李雷 440306198512121234 18900001234", out _).Single();
            Assert.Equal((CheckStatus.InvalidInput, ResultSource.Local, 0L), (local.StatusKind, local.SourceKind, _sandbox.RequestCount));
            var remote = _shell.Invoke<IdentityCheckResult>("Test-TelecomIdentity 李雷 440306198512121234 18900001234 -SkipLocalValidation", out var errors).Single();
            Assert.Empty(errors);
            Assert.Equal((CheckStatus.InvalidInput, ResultSource.Remote, 227306), (remote.StatusKind, remote.SourceKind, remote.ErrorCode));
            Assert.Equal(1, _sandbox.RequestCount);
        }

        [Fact]
        public void Detail_is_null_unless_asked_for()
        {
            var plain = _shell.Invoke<IdentityCheckResult>("Test-TelecomIdentity 韩梅 110105199003074325 13300001235", out _).Single();
            var detailed = _shell.Invoke<IdentityCheckResult>("Test-TelecomIdentity 韩梅 110105199003074325 13300001235 -Detail", out _).Single();
            Assert.Equal((CheckStatus.Mismatch, (MatchDetail?)null), (plain.StatusKind, plain.DetailKind));
            Assert.Equal((CheckStatus.Mismatch, (MatchDetail?)MatchDetail.NameMismatch), (detailed.StatusKind, detailed.DetailKind));
            Assert.Equal("21", detailed.ResCode);
        }

        [Fact]
        public void WhatIf_makes_no_call()
        {
            var output = _shell.Invoke("Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -WhatIf", out _);
            Assert.Empty(output);
            Assert.Equal(0, _sandbox.RequestCount);
        }

        [Fact]
        public void A_failed_row_is_a_result_and_a_non_terminating_error_naming_the_code()
        {
            var results = _shell.Invoke<IdentityCheckResult>(
                "Test-TelecomIdentity 李雷 44030619851212123X 18999227302; Test-TelecomIdentity 李雷 44030619851212123X 18900001234", out var errors);
            Assert.Equal(new[] { CheckStatus.Failed, CheckStatus.Match }, results.Select(r => r.StatusKind));
            var error = Assert.Single(errors);
            Assert.Equal("Juhe227302,TelecomVerify.Commands.TestTelecomIdentityCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        }

        [Fact]
        public void An_account_error_is_terminating_and_stops_further_calls()
        {
            var results = _shell.Invoke(@"
                '18900001234', '18999010003', '18900001235', '18900001236' |
                    ForEach-Object { [pscustomobject]@{ RealName = '李雷'; IdCard = '44030619851212123X'; Mobile = $_ } } |
                    Test-TelecomIdentity -ThrottleLimit 1
                'after'", out var errors).Select(o => o.BaseObject).OfType<IdentityCheckResult>().ToList();
            // The pipeline statement ends at the stop, after the row that hit it; the script (a runbook) may catch it and go on.
            Assert.Equal(new[] { CheckStatus.Match, CheckStatus.Failed }, results.Select(r => r.StatusKind));
            Assert.Equal(10003, results[1].ErrorCode);
            var record = Assert.Single(errors);
            Assert.Equal("Juhe10003,TelecomVerify.Commands.TestTelecomIdentityCommand", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, record.CategoryInfo.Category);
            // A stopped run is told from a failed row by its type.
            Assert.IsType<TelecomVerify.Commands.JuheRunStoppedException>(record.Exception);
            Assert.Equal(3, ((TelecomVerify.Commands.JuheRunStoppedException)record.Exception).StoppedAtRow);
            Assert.Contains("stopped before row 3", record.Exception.Message);
            Assert.Equal(2, _sandbox.RequestCount);
        }

        [Theory]
        [InlineData("-BaseUri 'file:///etc/passwd'", "InvalidBaseUri")]
        [InlineData("-BaseUri 'ftp://example.com/'", "InvalidBaseUri")]
        [InlineData("-BaseUri 'relative/path'", "InvalidBaseUri")]
        [InlineData("-BaseUri 'https://admin:pass@example.com/'", "InvalidBaseUri")]
        [InlineData("-MaxRequestsPerSecond 1e-12", "InvalidMaxRequestsPerSecond")]
        [InlineData("-MaxRequestsPerSecond 0.009", "InvalidMaxRequestsPerSecond")]
        public void A_bad_parameter_is_one_clear_error_before_any_row(string parameter, string errorId)
        {
            var output = _shell.Invoke("1..5 | ForEach-Object { [pscustomobject]@{ RealName = '李雷'; IdCard = '44030619851212123X'; Mobile = '18900001234' } } | Test-TelecomIdentity " + parameter, out var errors);
            Assert.Empty(output);
            Assert.StartsWith(errorId + ",", Assert.Single(errors).FullyQualifiedErrorId);
            Assert.DoesNotContain("pass@", errors[0].Exception.Message);
            Assert.Equal(0, _sandbox.RequestCount);
        }

        [Fact]
        public void The_slowest_rate_is_accepted_and_spaces_requests()
        {
            var results = _shell.Invoke<IdentityCheckResult>("Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -MaxRequestsPerSecond 0.01", out var errors);
            Assert.Empty(errors);
            Assert.Equal(CheckStatus.Match, Assert.Single(results).StatusKind);
        }

        [Fact]
        public void A_control_character_is_never_sent_even_when_skipping_validation()
        {
            var results = _shell.Invoke<IdentityCheckResult>("Test-TelecomIdentity \"李`u{1}雷\" 44030619851212123X 18900001234 -SkipLocalValidation", out _);
            var r = Assert.Single(results);
            Assert.Equal((CheckStatus.InvalidInput, ResultSource.Local), (r.StatusKind, r.SourceKind));
            Assert.Contains("control character", r.Message);
            Assert.Equal(0, _sandbox.RequestCount);
        }

        [Fact]
        public void Without_a_key_the_run_says_how_to_give_one()
        {
            _shell.Invoke("Remove-JuheCredential", out _);
            var output = _shell.Invoke("$env:JUHE_API_KEY = $null; Test-TelecomIdentity 李雷 44030619851212123X 18900001234", out var errors);
            Assert.Empty(output);
            var record = Assert.Single(errors);
            Assert.Contains("Set-JuheCredential", record.Exception.Message);
            Assert.Equal("NoApiKey,TelecomVerify.Commands.TestTelecomIdentityCommand", record.FullyQualifiedErrorId);
            Assert.Equal(0, _sandbox.RequestCount);
        }

        [Fact]
        public void Verbose_output_names_the_endpoint_but_not_the_key_or_the_identity()
        {
            using (var ps = _shell.Create())
            {
                ps.AddScript("Test-TelecomIdentity 李雷 44030619851212123X 18999227301 -Verbose");
                ps.Invoke();
                var verbose = string.Join("\n", ps.Streams.Verbose.Select(v => v.Message));
                Assert.Contains("/telecomCmcc/query", verbose);
                Assert.Contains("Retrying", verbose);
                Assert.DoesNotContain(_sandbox.ApiKey, verbose);
                Assert.DoesNotContain("18999227301", verbose);
                Assert.DoesNotContain("44030619851212123X", verbose);
            }
        }
    }
}
