using System;
using System.Linq;
using FsCheck.Xunit;
using TelecomVerify.Sandbox;
using Xunit;

namespace TelecomVerify.Tests.Cmdlets
{
    /// <summary>Rows as they really come: each gets exactly one result naming the row and the field, and costs no call.</summary>
    public class HostileRowTests : IDisposable
    {
        private readonly SandboxServer _sandbox = new SandboxServer();
        private readonly HostedShell _shell = new HostedShell();

        public HostileRowTests()
        {
            _shell.SetVariable("key", _sandbox.ApiKey);
            _shell.SetVariable("uri", _sandbox.BaseUri);
        }

        public void Dispose()
        {
            _shell.Dispose();
            _sandbox.Dispose();
        }

        [Fact]
        public void Broken_rows_are_each_an_invalid_result_naming_row_and_field_and_cost_nothing()
        {
            var results = _shell.Invoke<IdentityCheckResult>(@"
                $long = 'x' * 10000
                @(
                    [pscustomobject]@{ RealName = '李雷'; IdCard = 44030619851212123; Mobile = 18900001234 } # 1 a number, 17 digits
                    $null                                                                               # 2
                    [pscustomobject]@{ RealName = '李雷'; IdCard = '44030619851212123X' }               # 3 no mobile (the first row had one)
                    [pscustomobject]@{ RealName = $long; IdCard = '44030619851212123X'; Mobile = '18900001234' } # 4
                    [pscustomobject]@{ RealName = ""李`0雷""; IdCard = '44030619851212123X'; Mobile = '18900001234' } # 5
                    [pscustomobject]@{ RealName = '李雷'; IdCard = $long; Mobile = $long }              # 6
                    [pscustomobject]@{ RealName = '李雷'; IdCard = '44030619851212123X'; Mobile = $null } # 7
                ) | Test-TelecomIdentity -ApiKey $key -BaseUri $uri", out var errors);
            Assert.Empty(errors);
            Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7 }, results.Select(r => r.Row));
            Assert.All(results, r => Assert.Equal(CheckStatus.InvalidInput, r.StatusKind));
            Assert.All(results, r => Assert.Equal(ResultSource.Local, r.SourceKind));
            Assert.All(results, r => Assert.StartsWith("Row " + r.Row + ": ", r.Message));
            Assert.Contains("Mobile: no column named", results[2].Message);
            Assert.Contains("The name, ID number and mobile are all empty (an empty row).", results[1].Message);
            Assert.Contains("IdCard: must be 18 characters; it has 17", results[0].Message);
            Assert.Contains("RealName: must have at most 64 characters", results[3].Message);
            Assert.Contains("control character", results[4].Message);
            Assert.Contains("IdCard:", results[5].Message);
            Assert.Contains("Mobile:", results[5].Message);
            Assert.Contains("Mobile: is empty", results[6].Message);
            Assert.All(results, r => Assert.True(r.Message.Length < 600, "message of " + r.Message.Length + " characters"));
            Assert.Equal(0, _sandbox.RequestCount);
        }

        [Property(MaxTest = 40)]
        public bool Any_rows_give_exactly_one_result_each_and_nothing_else(string[][] rows)
        {
            var input = (rows ?? new string[0][]).Select(r => r ?? new string[0]).Take(8).ToList();
            // Each row a hashtable of whatever strings were generated (null included); a short row lacks Mobile.
            // The first row has every column (a first row without one stops the run, by design); later rows may lack Mobile.
            var objects = input.Select((r, i) =>
            {
                var row = new System.Collections.Hashtable { ["RealName"] = r.ElementAtOrDefault(0), ["IdCard"] = r.ElementAtOrDefault(1) };
                if (r.Length > 2 || i == 0) row["Mobile"] = r.ElementAtOrDefault(2);
                return (object)row;
            }).ToArray();
            _shell.SetVariable("rows", objects);
            var output = _shell.Invoke("$rows | Test-TelecomIdentity -ApiKey $key -BaseUri $uri -MaxRetries 0", out var errors);
            return errors.Count == 0
                && output.Count == input.Count
                && output.Select((o, i) => o.BaseObject is IdentityCheckResult r && r.Row == i + 1).All(ok => ok);
        }
    }
}
