using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TelecomVerify.Validation;
using TelecomVerify.Verification;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>
    /// Turns whatever came down the pipeline into a row, so that an object whose properties bind to
    /// nothing still gets a result that says what it had, instead of a binding error and a lost row.
    /// </summary>
    internal static class RowReader
    {
        // The cmdlet's parameter names and [Alias] attributes are the one list; read here, not copied.
        internal static readonly string[] RealNameNames = NamesOf(nameof(TestTelecomIdentityCommand.RealName));
        internal static readonly string[] IdCardNames = NamesOf(nameof(TestTelecomIdentityCommand.IdCard));
        internal static readonly string[] MobileNames = NamesOf(nameof(TestTelecomIdentityCommand.Mobile));

        private static string[] NamesOf(string parameter)
        {
            var alias = typeof(TestTelecomIdentityCommand).GetProperty(parameter).GetCustomAttributes(typeof(AliasAttribute), false).Cast<AliasAttribute>().Single();
            return new[] { parameter }.Concat(alias.AliasNames).ToArray();
        }

        /// <summary>How many of the three fields a row's cells name, by a column name or a field's word: a header names all three, a roster's title none.</summary>
        internal static int FieldsNamed(IReadOnlyList<string> cells)
        {
            var names = cells.Select(Clean).Where(c => !string.IsNullOrEmpty(c)).ToList();
            bool Names(string[] exact, string[] words) =>
                names.Any(n => exact.Any(e => string.Equals(e, n, StringComparison.OrdinalIgnoreCase)) || words.Any(w => n.IndexOf(w, StringComparison.Ordinal) >= 0));
            return (Names(RealNameNames, RealNameWords) ? 1 : 0) + (Names(IdCardNames, IdCardWords) ? 1 : 0) + (Names(MobileNames, MobileWords) ? 1 : 0);
        }

        /// <summary>The names a field's column is known by, for the message that says none was found.</summary>
        internal static string[] NamesFor(IdentityField field) =>
            field == IdentityField.RealName ? RealNameNames : field == IdentityField.IdCard ? IdCardNames : MobileNames;

        private static readonly string[] RealNameWords = { "姓名" };
        private static readonly string[] IdCardWords = { "身份证", "证件号" };
        private static readonly string[] MobileWords = { "手机" };

        public static BoundRow Read(string realName, string idCard, string mobile, PSObject inputObject)
        {
            var row = new BoundRow { RealName = realName, IdCard = idCard, Mobile = mobile, InputObject = inputObject };
            if (inputObject == null || (realName != null && idCard != null && mobile != null)) return row;

            // Hashtables do not bind by property name; read their keys the same way.
            if (inputObject.BaseObject is IDictionary dict)
            {
                row.RealName = row.RealName ?? Lookup(dict, RealNameNames);
                row.IdCard = row.IdCard ?? Lookup(dict, IdCardNames);
                row.Mobile = row.Mobile ?? Lookup(dict, MobileNames);
                if (row.RealName != null && row.IdCard != null && row.Mobile != null) return row;
                return WithMissing(row, dict.Keys.Cast<object>().Select(k => Convert.ToString(k)));
            }
            if (inputObject.BaseObject is string || inputObject.BaseObject.GetType().IsPrimitive)
                return WithMissing(row, Enumerable.Empty<string>(), text: inputObject.BaseObject is string);
            // Objects passed with -InputObject are not bound by property name: read them the same way.
            var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            row.RealName = row.RealName ?? Lookup(inputObject, RealNameNames, taken);
            row.IdCard = row.IdCard ?? Lookup(inputObject, IdCardNames, taken);
            row.Mobile = row.Mobile ?? Lookup(inputObject, MobileNames, taken);
            if (row.RealName != null && row.IdCard != null && row.Mobile != null) return row;
            // HR's own headers: 员工姓名, 身份证号码（18位）, 联系手机. A column that holds one field's word, when
            // exactly one column does, is taken for that field, and the first row says which. One column never
            // binds two fields: a TAB-separated header read as one column holds every field's word.
            row.RealName = row.RealName ?? ByWord(inputObject, row, IdentityField.RealName, taken, RealNameWords);
            row.IdCard = row.IdCard ?? ByWord(inputObject, row, IdentityField.IdCard, taken, IdCardWords);
            row.Mobile = row.Mobile ?? ByWord(inputObject, row, IdentityField.Mobile, taken, MobileWords);
            if (row.RealName != null && row.IdCard != null && row.Mobile != null) return row;
            return WithMissing(row, inputObject.Properties.Select(p => p.Name));
        }

        private static string Lookup(PSObject obj, string[] names, HashSet<string> taken)
        {
            foreach (var n in names)
            {
                // Case-insensitive, as parameter binding is; then as if trimmed ('姓名 ', a BOM before the first header).
                var property = obj.Properties[n] ?? obj.Properties.FirstOrDefault(p => string.Equals(Clean(p.Name), n, StringComparison.OrdinalIgnoreCase));
                if (property != null)
                {
                    taken.Add(property.Name);
                    object value;
                    try { value = property.Value; }
                    catch (GetValueException) { continue; }
                    // Present but null is an empty value, not a missing column.
                    return value == null ? string.Empty : Convert.ToString(value is PSObject p ? p.BaseObject : value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            return null;
        }

        private static string ByWord(PSObject obj, BoundRow row, IdentityField field, HashSet<string> taken, string[] words)
        {
            PSPropertyInfo found = null;
            foreach (var property in obj.Properties)
            {
                string name = Clean(property.Name);
                if (string.IsNullOrEmpty(name) || taken.Contains(property.Name) || !words.Any(w => name.IndexOf(w, StringComparison.Ordinal) >= 0)) continue;
                if (found != null) return null;   // two candidates: not unambiguous, the user maps it
                found = property;
            }
            if (found == null) return null;
            taken.Add(found.Name);
            object value;
            try { value = found.Value; }
            catch (GetValueException) { return null; }
            (row.ColumnNotes ?? (row.ColumnNotes = new List<string>())).Add(Text.Format(CmdletMessages.Column_TakenByWord, Protocol.SafeText.Clean(Masking.IdentityMasker.MaskShaped(Clean(found.Name))), TelecomVerify.Resources.Text.Field(field)));
            return value == null ? string.Empty : Convert.ToString(value is PSObject p ? p.BaseObject : value, System.Globalization.CultureInfo.InvariantCulture);
        }

        private static string Lookup(IDictionary dict, string[] names)
        {
            foreach (DictionaryEntry e in dict)
                foreach (var n in names)
                    if (string.Equals(Clean(Convert.ToString(e.Key)), n, StringComparison.OrdinalIgnoreCase))
                        return e.Value == null ? string.Empty : Convert.ToString(e.Value, System.Globalization.CultureInfo.InvariantCulture);
            return null;
        }

        private static readonly char[] Padding = { ' ', '\t', '\u3000', '\u00A0', '\uFEFF', '\u200B', '"', '\0' };

        private static string Clean(string name) => name?.Trim(Padding);

        private static BoundRow WithMissing(BoundRow row, IEnumerable<string> found, bool text = false)
        {
            var list = Shown(found, out bool dataAsHeaders);
            string foundText = text ? CmdletMessages.Missing_Text
                : list.Count == 0 ? CmdletMessages.Missing_NoProperties : Text.Format(CmdletMessages.Missing_Found, string.Join(CmdletMessages.ListSeparator, list));
            var missing = new List<(IdentityField Field, string[] Names)>();
            if (row.RealName == null) missing.Add((IdentityField.RealName, RealNameNames));
            if (row.IdCard == null) missing.Add((IdentityField.IdCard, IdCardNames));
            if (row.Mobile == null) missing.Add((IdentityField.Mobile, MobileNames));
            string hint = text
                ? CmdletMessages.Missing_GetContent
                : dataAsHeaders
                ? CmdletMessages.Missing_NoHeader
                : list.Any(LooksMisdecoded)
                ? CmdletMessages.Missing_Misdecoded
                : Text.Format(CmdletMessages.Missing_Map, missing[0].Field, missing[0].Field == IdentityField.RealName ? "员工姓名" : missing[0].Field == IdentityField.IdCard ? "证件" : "联系方式");
            var problems = new List<ValidationProblem>();
            for (int i = 0; i < missing.Count; i++)
            {
                // What was found and what to do is said once, after the last missing field.
                string tail = i == missing.Count - 1 ? Text.Format(CmdletMessages.Missing_Context, foundText, hint) : string.Empty;
                problems.Add(new ValidationProblem(missing[i].Field, Text.Format(CmdletMessages.Missing_Field, string.Join(CmdletMessages.ListSeparator, missing[i].Names)) + tail));
            }
            row.BindingProblems = problems;
            row.MissingColumn = true;
            row.MissingFields = missing.Select(m => m.Field).ToList();
            row.FoundColumns = text ? null : list;
            row.MissingHint = hint;
            return row;
        }

        /// <summary>
        /// The column names a message may print. A file without a header row: its first person's values
        /// became the column names. Judged on the values as the module would read them (+86 189 7766 5544,
        /// an ID in groups, UTF-16 read as bytes); once one looks like data, every name that is not a known
        /// column is masked too: the person's name stands beside the numbers.
        /// </summary>
        internal static List<string> Shown(IEnumerable<string> found, out bool dataAsHeaders)
        {
            var list = found.Take(12).ToList();
            dataAsHeaders = list.Any(LooksLikeData);
            // A header is text from a file: no control character reaches the console through a message, and an ID or
            // a mobile in it (身份证号码 110101199003071233) is masked like any other.
            return (dataAsHeaders ? list.Select(n => IsKnownColumn(n) ? Clean(n) : MaskLikeData(n)) : list.Select(Masking.IdentityMasker.MaskShaped))
                .Select(n => Protocol.SafeText.Clean(n)).ToList();
        }

        private static bool IsKnownColumn(string name)
        {
            string s = Clean(name);
            return RealNameNames.Concat(IdCardNames).Concat(MobileNames).Any(n => string.Equals(n, s, StringComparison.OrdinalIgnoreCase));
        }

        private static bool LooksLikeData(string name)
        {
            // UTF-16 without a byte-order mark, read as single bytes, has a NUL between the digits.
            string s = (Clean(name) ?? string.Empty).Replace("\0", string.Empty);
            if (s.Length == 0) return false;
            string mobile = IdentityNormalizer.NormalizeMobile(s);
            if (mobile.Length == 11 && mobile[0] == '1' && mobile.All(c => c >= '0' && c <= '9')) return true;
            string id = IdentityNormalizer.NormalizeIdCard(new string(s.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()));
            if ((id.Length == 18 || id.Length == 15) && id.Take(id.Length - 1).All(c => c >= '0' && c <= '9')) return true;
            int digits = s.Count(char.IsDigit);
            return digits >= 7 && digits * 2 >= s.Length;
        }

        private static string MaskLikeData(string name)
        {
            string s = (Clean(name) ?? string.Empty).Replace("\0", string.Empty);
            return s.Any(char.IsDigit) ? Masking.IdentityMasker.MaskIdCard(s) : Masking.IdentityMasker.MaskName(s);
        }

        // GBK bytes decoded as UTF-8 give U+FFFD; decoded as Latin-1 they give runs of accented letters.
        private static bool LooksMisdecoded(string name) =>
            name.IndexOf('\uFFFD') >= 0 || name.Count(c => c >= '\u00C0' && c <= '\u00FF') >= 2;
    }
}
