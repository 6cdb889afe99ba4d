using System;
using System.IO;
using System.Linq;
using System.Reflection;
using TelecomVerify.Commands;
using Xunit;

namespace TelecomVerify.Tests.Cmdlets
{
    /// <summary>
    /// The public surface is a contract: every type and member other assemblies (and scripts) can reach is listed
    /// in Data/public-api.txt, and a change to it is a decision made in that file, not an accident of a refactoring.
    /// What is not a user's stays internal; the cmdlets and these tests see it through InternalsVisibleTo.
    /// </summary>
    public sealed class PublicApiTests
    {
        [Fact]
        public void The_public_api_is_the_one_listed()
        {
            var actual = new[] { typeof(RunSummary).Assembly, typeof(TestTelecomIdentityCommand).Assembly }
                .SelectMany(a => a.GetExportedTypes())
                .SelectMany(Describe)
                .OrderBy(line => line, StringComparer.Ordinal)
                .ToList();
            string listed = Path.Combine(AppContext.BaseDirectory, "Data", "public-api.txt");
            var expected = File.ReadAllLines(listed).Where(l => l.Length > 0).ToList();
            string written = Path.Combine(Path.GetTempPath(), "telecomverify-public-api.txt");
            File.WriteAllLines(written, actual);
            var added = actual.Except(expected).ToList();
            var removed = expected.Except(actual).ToList();
            Assert.True(added.Count == 0 && removed.Count == 0,
                "The public API changed. If that is meant, copy " + written + " over tests/TelecomVerify.Tests/Data/public-api.txt; if not, make it internal.\n"
                + string.Join("\n", added.Select(a => "+ " + a).Concat(removed.Select(r => "- " + r))));
        }

        private static System.Collections.Generic.IEnumerable<string> Describe(Type type)
        {
            string kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : "class";
            yield return kind + " " + type.FullName + (type.BaseType != null && type.BaseType != typeof(object) && !type.IsValueType && !type.IsEnum ? " : " + type.BaseType.FullName : "");
            const BindingFlags declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(declared))
            {
                if (member is MethodInfo m && m.IsSpecialName) continue; // property and event accessors: listed as their property
                if (member is Type) continue;                              // nested types are listed as types
                if (type.IsEnum && member is FieldInfo f && f.IsSpecialName) continue;
                yield return "  " + type.FullName + " " + member.MemberType + " " + member;
            }
        }
    }
}
