using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using TelecomVerify.Verification;
using Xunit;
using static TelecomVerify.Tests.Core.SandboxFixture;

namespace TelecomVerify.Tests.Core
{
    /// <summary>What a result carries, and what Export-Clixml, jobs and remoting carry of it.</summary>
    public class ResultShapeTests
    {
        [Fact]
        public void The_serialization_set_names_every_public_property_of_the_result_and_nothing_else()
        {
            // A property added to the class and forgotten in types.ps1xml would vanish from jobs and Export-Clixml without a word.
            string types = null;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null && types == null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "module", "TelecomVerify.types.ps1xml");
                if (File.Exists(candidate)) types = candidate;
            }
            Assert.True(types != null, "module/TelecomVerify.types.ps1xml not found above " + AppContext.BaseDirectory);
            var set = XDocument.Load(types).Descendants("PropertySet")
                .Single(p => (string)p.Element("Name") == "PropertySerializationSet")
                .Element("ReferencedProperties").Elements("Name").Select(n => n.Value).ToList();
            var properties = typeof(IdentityCheckResult).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToList();
            Assert.Equal(properties.OrderBy(n => n), set.OrderBy(n => n));
        }

        [Fact]
        public void The_summary_says_when_the_run_started_and_ended()
        {
            var before = DateTime.UtcNow;
            using (var sandbox = new SandboxFixture())
            {
                sandbox.Run(FastOptions(), new[] { Row("李雷", "44030619851212123X", "18900001234") }, out _, out var summary);
                var after = DateTime.UtcNow;
                Assert.InRange(summary.StartedUtc, before, after);
                Assert.InRange(summary.EndedUtc, summary.StartedUtc, after);
                Assert.Equal(summary.Elapsed, summary.EndedUtc - summary.StartedUtc);
            }
        }

        [Fact]
        public void A_failed_row_carries_the_stable_id_of_its_error_and_a_duplicate_of_it_too()
        {
            using (var sandbox = new SandboxFixture())
            {
                var options = FastOptions(throttle: 1);
                options.MaxRetries = 0;
                var outcomes = sandbox.Run(options, new[]
                {
                    Row("李雷", "44030619851212123X", "18999000501"), Row("李雷", "44030619851212123X", "18999227302"),
                    Row("李雷", "44030619851212123X", "18900001234"), Row("李雷", "44030619851212123X", "18999000501"),
                });
                Assert.Equal(new[] { "HttpStatus500", "Juhe227302", null, "HttpStatus500" }, outcomes.Select(o => o.Result.ErrorId));
                Assert.Equal(outcomes[0].Error.ErrorId, outcomes[0].Result.ErrorId);
            }
        }
    }
}
