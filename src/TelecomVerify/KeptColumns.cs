using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TelecomVerify.Masking;
using TelecomVerify.Protocol;
using TelecomVerify.Validation;
using TelecomVerify.Verification;

namespace TelecomVerify.Commands
{
    /// <summary>
    /// -KeepColumn: input columns (工号, 部门) carried beside the verdict, so that HR's file comes back
    /// usable without a join. A column that holds the row's name, ID number or mobile, whatever its
    /// header, is kept masked: the verdict is masked, and a kept column must not undo it.
    /// </summary>
    internal sealed class KeptColumns
    {
        private readonly WildcardPattern[] _patterns;
        private readonly string[] _given;
        private readonly HashSet<string> _resultMembers;

        public KeptColumns(string[] patterns)
        {
            _given = patterns;
            _patterns = patterns.Select(p => WildcardPattern.Get(p, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
            // What the result already has: a kept column of that name is renamed, never put over the verdict.
            _resultMembers = new HashSet<string>(typeof(IdentityCheckResult).GetProperties().Select(p => p.Name)
                .Concat(new[] { "InputObject", FileProperty, FileRowProperty }), StringComparer.OrdinalIgnoreCase);
        }

        public const string FileProperty = "File", FileRowProperty = "FileRow";

        /// <summary>The name a kept column gets on the result: its own, or Input_&lt;name&gt; beside a result property of that name.</summary>
        /// The name is text from a file: cleaned, any ID or mobile in it masked, and never a formula in Export-Csv's header row.
        public string NameOnResult(string column)
        {
            string name = SafeText.ForCell(SafeText.Clean(IdentityMasker.MaskShaped(column), 256));
            return _resultMembers.Contains(name) ? "Input_" + name : name;
        }

        /// <summary>Patterns that match none of the row's columns: said once, so a typo does not pass for an empty column.</summary>
        public IEnumerable<string> Unmatched(PSObject row) =>
            _given.Where((g, i) => !Columns(row).Any(c => _patterns[i].IsMatch(c.Key)));

        /// <summary>The kept columns of one row, in the row's order, identity values masked and every value safe in a spreadsheet cell.</summary>
        public IList<KeyValuePair<string, string>> Of(PSObject row, BoundRow input)
        {
            var kept = new List<KeyValuePair<string, string>>();
            foreach (var column in Columns(row))
            {
                if (!_patterns.Any(p => p.IsMatch(column.Key))) continue;
                string value = column.Value == null ? string.Empty : Convert.ToString(column.Value is PSObject p ? p.BaseObject : column.Value, CultureInfo.InvariantCulture);
                kept.Add(new KeyValuePair<string, string>(NameOnResult(column.Key), SafeText.ForCell(SafeText.Clean(Masked(column.Key, value, input), 1024))));
            }
            return kept;
        }

        private static string Masked(string column, string value, BoundRow input)
        {
            switch (IdentityColumn(column, value, input))
            {
                case IdentityField.RealName: return IdentityMasker.MaskName(value.Trim());
                case IdentityField.IdCard: return IdentityMasker.MaskIdCard(value.Trim());
                case IdentityField.Mobile: return IdentityMasker.MaskMobile(value.Trim());
                // Whoever it belongs to (a spouse, an emergency contact): a value shaped like an ID or a mobile is masked.
                default: return IdentityShape.IsIdCard(value) ? IdentityMasker.MaskIdCard(IdentityNormalizer.NormalizeIdCard(value))
                    : IdentityShape.IsMobile(value) ? IdentityMasker.MaskMobile(IdentityNormalizer.NormalizeMobile(value))
                    : IdentityMasker.MaskShaped(value);
            }
        }

        /// <summary>A column is an identity column when its header is one of the field's names, or its value is the row's value for the field (a column mapped by a script block or taken by its word).</summary>
        private static IdentityField? IdentityColumn(string column, string value, BoundRow input)
        {
            string header = column.Trim();
            if (RowReader.RealNameNames.Contains(header, StringComparer.OrdinalIgnoreCase) || Same(value, input.RealName, v => IdentityNormalizer.NormalizeName(v))) return IdentityField.RealName;
            if (RowReader.IdCardNames.Contains(header, StringComparer.OrdinalIgnoreCase) || Same(value, input.IdCard, v => IdentityNormalizer.NormalizeIdCard(v))) return IdentityField.IdCard;
            if (RowReader.MobileNames.Contains(header, StringComparer.OrdinalIgnoreCase) || Same(value, input.Mobile, v => IdentityNormalizer.NormalizeMobile(v))) return IdentityField.Mobile;
            return null;
        }

        private static bool Same(string value, string field, Func<string, string> normalize) =>
            !string.IsNullOrWhiteSpace(value) && !string.IsNullOrWhiteSpace(field) && normalize(value) == normalize(field);

        private static IEnumerable<KeyValuePair<string, object>> Columns(PSObject row)
        {
            if (row == null) yield break;
            if (row.BaseObject is IDictionary dict)
            {
                foreach (DictionaryEntry e in dict) yield return new KeyValuePair<string, object>(Convert.ToString(e.Key, CultureInfo.InvariantCulture), e.Value);
                yield break;
            }
            if (row.BaseObject is string || row.BaseObject.GetType().IsPrimitive) yield break;
            foreach (var property in row.Properties)
            {
                object value;
                try { value = property.Value; }
                catch (GetValueException) { continue; }
                yield return new KeyValuePair<string, object>(property.Name, value);
            }
        }
    }
}
