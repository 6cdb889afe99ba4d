using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace TelecomVerify.Tests.Cmdlets
{
    /// <summary>The house rules a maintainer can rely on: small files, and namespaces that follow the folders.</summary>
    public class SourceShapeTests
    {
        private static string Root()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "TelecomVerify.psd1"))) return dir.FullName;
            throw new InvalidOperationException("the repository's root was not found above " + AppContext.BaseDirectory);
        }

        private static string[] Sources() => Directory.EnumerateFiles(Path.Combine(Root(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .ToArray();

        [Fact]
        public void No_source_file_is_longer_than_300_lines()
        {
            var sources = Sources();
            Assert.True(sources.Length > 50);
            var long_ = sources.Select(f => (File: Path.GetFileName(f), Lines: File.ReadAllLines(f).Length)).Where(x => x.Lines > 300).ToList();
            Assert.True(long_.Count == 0, string.Join(", ", long_.Select(x => x.File + " " + x.Lines)));
        }

        [Fact]
        public void Every_namespace_follows_its_folder()
        {
            string src = Path.Combine(Root(), "src");
            var wrong = Sources().Select(f =>
            {
                string relative = Path.GetRelativePath(src, Path.GetDirectoryName(f));
                string[] parts = relative.Split(Path.DirectorySeparatorChar);
                // The core's root is TelecomVerify (the types a user holds); the cmdlets' root is TelecomVerify.Commands;
                // the workbook bridge's is its assembly's name.
                string root = parts[0] == "TelecomVerify.Core" ? "TelecomVerify" : parts[0] == "TelecomVerify.Workbook" ? parts[0] : "TelecomVerify.Commands";
                string expected = string.Join(".", new[] { root }.Concat(parts.Skip(1)));
                string actual = Regex.Match(File.ReadAllText(f), @"^namespace ([\w.]+)", RegexOptions.Multiline).Groups[1].Value;
                return (File: Path.GetFileName(f), Expected: expected, Actual: actual);
            }).Where(x => x.Actual != x.Expected).ToList();
            Assert.True(wrong.Count == 0, string.Join(", ", wrong.Select(x => x.File + ": " + x.Actual + " (folder: " + x.Expected + ")")));
        }

        [Fact]
        public void No_method_is_longer_than_50_lines()
        {
            // A member with a parameter list and a braced body, from its signature to its closing brace.
            var signature = new Regex(@"^\s*(?:(?:public|private|internal|protected|static|override|async|sealed|virtual|new|readonly)\s+)+[\w<>\[\],.?\s()]*?\b(\w+)\s*(?:<[^>]*>)?\s*\([^;]*$");
            var tooLong = Sources().SelectMany(f =>
            {
                var lines = File.ReadAllLines(f);
                var found = new System.Collections.Generic.List<string>();
                for (int i = 0; i < lines.Length; i++)
                {
                    var m = signature.Match(lines[i]);
                    if (!m.Success || lines[i].Contains("=>") || lines[i].Contains(" class ") || lines[i].TrimStart().StartsWith("//")) continue;
                    int open = i;
                    while (open < lines.Length && !lines[open].Contains('{') && !lines[open].TrimEnd().EndsWith(";") && !lines[open].Contains("=>")) open++;
                    if (open >= lines.Length || !lines[open].Contains('{')) continue;
                    int depth = 0, end = open;
                    for (; end < lines.Length; end++)
                    {
                        depth += lines[end].Count(c => c == '{') - lines[end].Count(c => c == '}');
                        if (depth <= 0) break;
                    }
                    if (end - i + 1 > 50) found.Add(Path.GetFileName(f) + " " + m.Groups[1].Value + " " + (end - i + 1));
                    i = end;
                }
                return found;
            }).ToList();
            Assert.True(tooLong.Count == 0, string.Join(", ", tooLong));
        }
    }
}
