using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using TelecomVerify.Input;
using TelecomVerify.Protocol;

namespace TelecomVerify.Commands
{
    /// <summary>Completes -WorksheetName with the worksheets of the workbook that -Path or -LiteralPath names, in workbook order.</summary>
    public sealed class WorksheetNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Worksheets(fakeBoundParameters)
                .Where(name => name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(name => SafeText.Clean(name, 256))
                .Select(name => new CompletionResult(Quoted(name), name, CompletionResultType.ParameterValue, name))
                .ToList();
        }

        private static IEnumerable<string> Worksheets(IDictionary bound)
        {
            var names = new List<string>();
            foreach (var path in Workbooks(bound))
            {
                // Completion must never fail the prompt: a workbook that cannot be read offers nothing.
                // The same caps as a run: a shared-strings bomb must cost nothing on Tab.
                try
                {
                    WorkbookFile.RefuseOversized(path);
                    names.AddRange(WorkbookFile.WorksheetNames(path));
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException)) { }
            }
            return names.Distinct(StringComparer.OrdinalIgnoreCase);
        }

        private static IEnumerable<string> Workbooks(IDictionary bound)
        {
            bool literal = bound.Contains("LiteralPath");
            var paths = new List<string>();
            // Resolved by Resolve-Path in the prompt's own runspace: relative to its location, on its drives.
            using (var ps = PowerShell.Create(RunspaceMode.CurrentRunspace))
            {
                foreach (var given in Strings(literal ? bound["LiteralPath"] : bound["Path"]))
                {
                    ps.Commands.Clear();
                    ps.AddCommand("Microsoft.PowerShell.Management\\Resolve-Path").AddParameter(literal ? "LiteralPath" : "Path", given).AddParameter("ErrorAction", "Ignore");
                    foreach (var found in ps.Invoke())
                        if (found?.BaseObject is PathInfo info && WorkbookFile.IsWorkbook(info.ProviderPath) && System.IO.File.Exists(info.ProviderPath))
                            paths.Add(info.ProviderPath);
                }
            }
            return paths;
        }

        private static IEnumerable<string> Strings(object value)
        {
            if (value is PSObject p) value = p.BaseObject;
            if (value is string s) return new[] { s };
            if (value is IEnumerable many) return many.Cast<object>().Select(o => Convert.ToString(o is PSObject q ? q.BaseObject : o, System.Globalization.CultureInfo.InvariantCulture));
            return Enumerable.Empty<string>();
        }

        /// <summary>
        /// A name PowerShell reads as one literal word: bare when it is letters and digits only, else in single
        /// quotes with every character PowerShell ends a single-quoted string at doubled: ' and the typographic
        /// ‘ ’ ‚ ‛ (a sheet named a’+$(…)+’b must not run code when the completed line is run).
        /// </summary>
        internal static string Quoted(string name)
        {
            if (name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c == '_')) return name;
            var sb = new System.Text.StringBuilder(name.Length + 2).Append('\'');
            foreach (char c in name)
            {
                sb.Append(c);
                if (SingleQuotes.IndexOf(c) >= 0) sb.Append(c);
            }
            return sb.Append('\'').ToString();
        }

        private const string SingleQuotes = "'\u2018\u2019\u201A\u201B";
    }
}
