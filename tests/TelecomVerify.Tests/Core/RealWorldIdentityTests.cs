using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TelecomVerify.Validation;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    /// <summary>
    /// Every value of Data/real-world-identities.tsv gets its verdict: a valid person refused costs a
    /// real check left undone; an invalid one sent costs money. The next rule change is held to all of them.
    /// </summary>
    public class RealWorldIdentityTests
    {
        private static readonly DateTime Today = new DateTime(2026, 11, 28);

        public static IEnumerable<object[]> Values() =>
            File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "real-world-identities.tsv"))
                .Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal))
                .Select(l => l.Split('\t'))
                .Select(c => new object[] { c[0], Regex.Unescape(c[1]), c[2], Regex.Unescape(c[3]), c[4] });

        [Fact]
        public void The_table_holds_at_least_sixty_values() => Assert.True(Values().Count() >= 60);

        [Theory]
        [MemberData(nameof(Values))]
        public void A_real_world_value_gets_its_verdict(string field, string value, string verdict, string expected, string note)
        {
            var notes = new List<string>();
            string normalized;
            string problem;
            switch (field)
            {
                case "RealName":
                    normalized = IdentityNormalizer.NormalizeName(value, notes);
                    problem = IdentityValidator.CheckName(normalized);
                    break;
                case "IdCard":
                    normalized = IdentityNormalizer.NormalizeIdCard(value, notes);
                    problem = IdCardRules.Check(normalized, Today);
                    break;
                default:
                    normalized = IdentityNormalizer.NormalizeMobile(value, notes);
                    problem = IdentityValidator.CheckMobile(normalized);
                    break;
            }
            if (verdict == "accept")
            {
                Assert.True(problem == null, field + " '" + value + "' (" + note + ") was refused: " + problem);
                Assert.Equal(expected, normalized);
                // Said in the message when more than the form changed; silent otherwise.
                Assert.Equal(note.Contains("said in the message"), notes.Count > 0);
            }
            else
            {
                Assert.NotNull(problem);
                Assert.Contains(expected, problem);
            }
        }
    }
}
