using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation.Language;
using System.Management.Automation;
using TelecomVerify.Validation;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>
    /// What -RealName, -IdCard and -Mobile were given: a value, or a script block that computes the
    /// value from each row. PowerShell evaluates such a block itself only for piped input
    /// (delay-bind), never for -Path or an array given to -InputObject; the module evaluates it
    /// per row instead, the same way for every kind of input.
    /// </summary>
    internal static class ColumnMapping
    {
        /// <summary>The value for <paramref name="field"/> on this row: null when nothing was given, so the row's columns are read.</summary>
        public static string Value(object given, PSObject row, IdentityField field, ref List<ValidationProblem> problems)
        {
            if (given is PSObject wrapped) given = wrapped.BaseObject;
            if (given == null) return null;
            if (!(given is ScriptBlock block)) return AsText(given);
            try
            {
                // 'Stop' inside the block: an error there ($_.证件.Substring(99)) is this row's problem, said on its
                // result, rather than a stray error record beside a row that then reads as merely empty.
                var output = block.InvokeWithContext(null, new List<PSVariable>
                {
                    new PSVariable("_", row), new PSVariable("PSItem", row), new PSVariable("ErrorActionPreference", ActionPreference.Stop),
                });
                if (output.Count > 1) return Problem(ref problems, field, Text.Format(CmdletMessages.Mapping_Many, field, output.Count));
                return output.Count == 0 || output[0] == null ? string.Empty : AsText(output[0].BaseObject);
            }
            catch (Exception ex) when (ex is RuntimeException || ex is ArgumentException || ex is InvalidOperationException || ex is FormatException)
            {
                // The error's id, not its text: the text can quote the row ("Cannot convert value 110101…")
                // and is PowerShell's English, which a Chinese sentence must not carry.
                string id = (ex as IContainsErrorRecord)?.ErrorRecord?.FullyQualifiedErrorId ?? ex.GetType().Name;
                return Problem(ref problems, field, Text.Format(CmdletMessages.Mapping_Failed, field, Protocol.SafeText.Clean(id, 100)));
            }
        }

        /// <summary>
        /// The columns a script block reads by name ($_.证件, $PSItem.'证件'): checked against a file's first
        /// row, so that a file without that column stops the run with MissingColumn, as an unmapped field
        /// would, rather than reading as 20 000 empty values.
        /// </summary>
        public static IEnumerable<string> ColumnsRead(object given)
        {
            if (!((given is PSObject p ? p.BaseObject : given) is ScriptBlock block)) return Enumerable.Empty<string>();
            return block.Ast.FindAll(a => a is MemberExpressionAst m && !(m is InvokeMemberExpressionAst)
                    && m.Expression is VariableExpressionAst v && (v.VariablePath.UserPath == "_" || string.Equals(v.VariablePath.UserPath, "PSItem", StringComparison.OrdinalIgnoreCase))
                    && m.Member is StringConstantExpressionAst, searchNestedScriptBlocks: true)
                .Select(a => ((StringConstantExpressionAst)((MemberExpressionAst)a).Member).Value)
                .Distinct(StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>A script block needs rows to evaluate against.</summary>
        public static bool IsScriptBlock(object given) => (given is PSObject p ? p.BaseObject : given) is ScriptBlock;

        private static string Problem(ref List<ValidationProblem> problems, IdentityField field, string message)
        {
            (problems ?? (problems = new List<ValidationProblem>())).Add(new ValidationProblem(field, message));
            // Not null: the row has a value for the field (a bad one), so its columns are not searched for another.
            return string.Empty;
        }

        /// <summary>As the parameter binder turns a value into a string (an array joined by spaces, numbers invariant).</summary>
        private static string AsText(object value) =>
            value is string s ? s : (string)LanguagePrimitives.ConvertTo(value, typeof(string), CultureInfo.InvariantCulture);
    }
}
