using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using TelecomVerify.Commands;
using Xunit;

namespace TelecomVerify.Tests.Cmdlets
{
    /// <summary>One table of the cmdlets' error ids and their categories, and every id the sources write is in it.</summary>
    public class ErrorIdTests
    {
        /// <summary>The repository's src folder, found above the test's output.</summary>
        internal static string SourceRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "TelecomVerify.psd1"))) return Path.Combine(dir.FullName, "src");
            throw new InvalidOperationException("the repository's root was not found above " + AppContext.BaseDirectory);
        }

        [Fact]
        public void Every_error_id_the_sources_write_has_its_one_category_in_the_table()
        {
            var ids = Directory.EnumerateFiles(SourceRoot(), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
                .SelectMany(f =>
                {
                    string text = File.ReadAllText(f);
                    // ErrorRecords.Of(…, "Id", …) and InvalidArgument(…, "Id"): the id is the first string literal after the exception.
                    var records = Regex.Matches(text, @"ErrorRecords\.(?:Of|InvalidArgument)\((?:[^;]*?)\)\s*,\s*""(\w+)""|ErrorRecords\.InvalidArgument\([^;]*?,\s*""(\w+)""")
                        .Cast<Match>().Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
                    var thrown = Regex.Matches(text, @"new (?:InputFileException|JournalException)\(""(\w+)""").Cast<Match>().Select(m => m.Groups[1].Value);
                    return records.Concat(thrown);
                })
                .Distinct().ToList();
            Assert.Contains("MissingColumn", ids);
            Assert.Contains("JournalUnreadable", ids);
            Assert.True(ids.Count >= 25, "found only " + ids.Count + " ids: " + string.Join(", ", ids));
            var unlisted = ids.Where(id => !ErrorIds.Categories.ContainsKey(id)).ToList();
            Assert.True(unlisted.Count == 0, "not in ErrorIds: " + string.Join(", ", unlisted));
        }

        [Fact]
        public void An_id_has_one_category_whichever_cmdlet_writes_it()
        {
            // Get-JuheJournal and Test-TelecomIdentity both meet an unreadable journal: one category, from the table.
            Assert.Equal(ErrorCategory.ReadError, ErrorIds.CategoryOf("JournalUnreadable"));
            Assert.Equal(ErrorCategory.SecurityError, ErrorIds.CategoryOf("CredentialFileUnusable"));
            Assert.Equal(ErrorCategory.NotSpecified, ErrorIds.CategoryOf("NoSuchId"));
        }
    }
}
