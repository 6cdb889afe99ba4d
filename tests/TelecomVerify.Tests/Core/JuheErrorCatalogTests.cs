using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TelecomVerify.Errors;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    public class JuheErrorCatalogTests
    {
        [Fact]
        public void Holds_all_21_documented_codes_each_with_both_texts()
        {
            var codes = JuheErrorCatalog.All.Select(e => e.Code).ToArray();
            var documented = new[] { 227301, 227302, 227303, 227304, 227305, 227306, 227307, 10001, 10002, 10003, 10004, 10005, 10007, 10008, 10009, 10011, 10012, 10013, 10014, 10020, 10021 };
            Assert.True(documented.SequenceEqual(codes), "the catalog holds " + string.Join(", ", codes) + ". A new code also needs this list, "
                + "Code_<code> in both Messages resources, its line in Data/provider-error-codes.md and the count in tests/Pester/Module.Tests.ps1");
            Assert.All(JuheErrorCatalog.All, e =>
            {
                Assert.False(string.IsNullOrWhiteSpace(e.ProviderText));
                Assert.False(string.IsNullOrWhiteSpace(e.Description));
                Assert.Equal(e.Code < 100000 ? JuheErrorKind.System : JuheErrorKind.Service, e.ErrorKind);
            });
        }

        [Fact]
        public void Every_text_and_legacy_code_is_the_provider_documents_word_for_word()
        {
            // The document's tables, copied into the repository's test data word for word: a clone alone holds the catalog to them.
            string spec = Path.Combine(System.AppContext.BaseDirectory, "Data", "provider-error-codes.md");
            var rows = File.ReadAllLines(spec)
                .Select(line => Regex.Match(line, @"^\|\s*(\d{5,6})\s*\|\s*(.+?)\s*\|(?:\s*(\d+)\s*\|)?\s*$"))
                .Where(m => m.Success)
                .ToDictionary(m => int.Parse(m.Groups[1].Value), m => (Text: m.Groups[2].Value, Legacy: m.Groups[3].Success ? int.Parse(m.Groups[3].Value) : (int?)null));
            Assert.Equal(21, rows.Count);
            Assert.Equal(rows.Keys.OrderBy(c => c), JuheErrorCatalog.All.Select(e => e.Code).OrderBy(c => c));
            Assert.All(JuheErrorCatalog.All, e => Assert.Equal((rows[e.Code].Text, rows[e.Code].Legacy), (e.ProviderText, e.LegacyCode)));
        }

        [Fact]
        public void System_codes_carry_their_legacy_resultcode()
        {
            Assert.All(JuheErrorCatalog.All.Where(e => e.ErrorKind == JuheErrorKind.System), e => Assert.Equal(e.Code - 9900, e.LegacyCode));
            Assert.All(JuheErrorCatalog.All.Where(e => e.ErrorKind == JuheErrorKind.Service), e => Assert.Null(e.LegacyCode));
        }

        [Fact]
        public void Only_transient_codes_are_retried_and_account_codes_stop_the_run()
        {
            Assert.Equal(new[] { 227301, 10011, 10014 }, JuheErrorCatalog.All.Where(e => e.IsRetried).Select(e => e.Code));
            Assert.Equal(new[] { 10001, 10002, 10003, 10004, 10005, 10007, 10008, 10009, 10012, 10013, 10020, 10021 },
                JuheErrorCatalog.All.Where(e => e.StopsRun).Select(e => e.Code));
            Assert.Equal(new[] { 10011, 10014 }, JuheErrorCatalog.All.Where(e => e.HoldsBackRun).Select(e => e.Code));
            Assert.DoesNotContain(JuheErrorCatalog.All, e => e.IsRetried && e.StopsRun);
        }

        [Theory]
        [InlineData(227303, CheckStatus.NoRecord)]
        [InlineData(227304, CheckStatus.InvalidInput)]
        [InlineData(227307, CheckStatus.InvalidInput)]
        [InlineData(227302, CheckStatus.Failed)]
        public void Service_codes_map_to_row_statuses(int code, CheckStatus status) =>
            Assert.Equal(status, JuheErrorCatalog.Find(code).Policy.Status);
    }
}
