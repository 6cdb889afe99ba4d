using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TelecomVerify.Input;
using TelecomVerify.Validation;
using TelecomVerify.Verification;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>Test-TelecomIdentity's rows: the files -Path names, each row's three values (given, mapped by a script block, or found in its columns), and the columns every file must have.</summary>
    public sealed partial class TestTelecomIdentityCommand
    {
        /// <summary>
        /// The run's one error for a first row (or a file's header) without a column: which fields (or which
        /// columns a script block reads) are not there, the names known for them, the columns found, what to do.
        /// </summary>
        private Exception MissingColumn(BoundRow input)
        {
            var parts = new List<string>();
            if (input.MissingFields != null && input.MissingFields.Count > 0)
            {
                parts.Add(Text.Format(CmdletMessages.Missing_NoColumnFor, string.Join(CmdletMessages.ListSeparator, input.MissingFields.Select(f => TelecomVerify.Resources.Text.Field(f)))));
                parts.Add(Text.Format(CmdletMessages.Missing_Known, string.Join(CmdletMessages.ListSeparator, input.MissingFields.SelectMany(RowReader.NamesFor))));
            }
            if (input.MissingMappedColumns != null)
                parts.Add(Text.Format(CmdletMessages.Mapping_NoColumn, string.Join(CmdletMessages.ListSeparator, input.MissingMappedColumns.Select(c => Text.Format(CmdletMessages.Quoted, c)))));
            if (input.FoundColumns != null)
                parts.Add(input.FoundColumns.Count == 0 ? CmdletMessages.Missing_NoProperties : Text.Format(CmdletMessages.Missing_Found, string.Join(CmdletMessages.ListSeparator, input.FoundColumns)));
            // A header that is row 1 of a file may have a title above it that names no field: -HeaderRow is the way on.
            if (input.SourceFile != null && input.SourceRow <= 2 && input.MissingFields != null) parts.Add(CmdletMessages.Missing_TitleAbove);
            if (!string.IsNullOrEmpty(input.MissingHint)) parts.Add(input.MissingHint.Trim());
            string said = parts.Aggregate((a, b) => Text.Format(CmdletMessages.TwoSentences, a, b));
            var file = input.SourceFile == null ? null : _openedFiles?.FirstOrDefault(f => f.Path == input.SourceFile);
            string message = input.SourceFile == null ? Text.Format(CmdletMessages.MissingColumn, said)
                : Text.Format(CmdletMessages.MissingColumnInFile, said, ShownName(input.SourceFile), file?.HeaderRow ?? 1);
            return Fail(ErrorRecords.Of(new ArgumentException(message), "MissingColumn",
                new RowReference(1, null, input.SourceFile, input.SourceRow)));
        }

        /// <summary>-Path or -LiteralPath, resolved, each file opened (its kind and encoding found) and its rows counted (for "N of M").</summary>
        private List<RowFile> ResolveFiles()
        {
            if (Path == null && LiteralPath == null) return null;
            if (Path != null && LiteralPath != null)
                throw Fail(ErrorRecords.InvalidArgument(CmdletMessages.PathAndLiteralPath, "PathAndLiteralPath"));
            if (MyInvocation.ExpectingInput)
                throw Fail(ErrorRecords.InvalidArgument(CmdletMessages.PathAndPipeline, "PathAndPipeline"));
            var paths = new List<string>();
            if (LiteralPath != null) paths.AddRange(LiteralPath.Select(p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p)));
            else foreach (var p in Path)
            {
                System.Collections.ObjectModel.Collection<string> matched;
                try { matched = GetResolvedProviderPathFromPSPath(p, out _); }
                // PowerShell's own text is English whatever the culture: the module says it in the user's words.
                catch (ItemNotFoundException) { matched = new System.Collections.ObjectModel.Collection<string>(); }
                // A pattern that matches nothing would make a silent, empty run.
                if (matched.Count == 0)
                    throw Fail(ErrorRecords.Of(new ItemNotFoundException(Text.Format(CmdletMessages.NoFileMatches, Protocol.SafeText.Clean(p, 1024))), "PathNotFound"));
                paths.AddRange(matched);
            }
            var files = new List<RowFile>();
            foreach (var path in paths)
            {
                if (!System.IO.File.Exists(path))
                    throw Fail(ErrorRecords.Of(new System.IO.FileNotFoundException(Text.Format(CmdletMessages.NoSuchFile, Protocol.SafeText.Clean(path, 1024))), "PathNotFound", path));
                // A FIFO, a device or a socket would hang the run on its first read, deaf to Ctrl+C: refused before it is opened.
                string kind = UnixItemType(path);
                if (kind != null && kind != "File")
                    throw Fail(ErrorRecords.Of(new InputFileException("NotARegularFile", Text.Format(CmdletMessages.NotARegularFile, path, kind)), "NotARegularFile", path));
                RowFile file;
                try { file = RowFile.Open(path, FileOptions(), _stopping.Token); }
                catch (InputFileException ex) { throw Fail(ErrorRecords.Of(ex, ex.ErrorId, path)); }
                // Ctrl+C while a large file is being counted: stop now, nothing was sent.
                catch (OperationCanceledException) { throw new PipelineStoppedException(); }
                files.Add(file);
                WriteVerbose(file.IsWorkbook
                    ? Text.Format(CmdletMessages.Verbose_ReadingSheet, path, file.Worksheet, file.Rows)
                    : Text.Format(CmdletMessages.Verbose_Reading, path, file.EncodingName, file.Rows, file.Delimiter == '\t' ? "TAB" : file.Delimiter.ToString()));
                // A roster's title stood above its header: say once where the columns were found, and what was left out.
                if (file.HeaderFoundBelowTitle)
                    WriteWarning(Text.Format(CmdletMessages.Header_FoundBelowTitle, ShownName(file.Path), file.HeaderRow, file.HeaderRow - 1));
            }
            return files;
        }

        /// <summary>What PowerShell's file system provider says a path is on Linux and macOS (File, NamedPipe, Socket, CharacterDevice…); null where it says nothing (Windows).</summary>
        private string UnixItemType(string path)
        {
            try
            {
                foreach (var item in InvokeProvider.Item.Get(new[] { path }, true, true))
                    return item?.Properties["UnixStat"]?.Value is object stat ? PSObject.AsPSObject(stat).Properties["ItemType"]?.Value?.ToString() : null;
            }
            catch (Exception ex) when (ex is ProviderInvocationException || ex is ItemNotFoundException || ex is System.IO.IOException) { }
            return null;
        }

        private RowFileOptions FileOptions() => new RowFileOptions
        {
            Worksheet = WorksheetName,
            HeaderRow = HeaderRow,
            Delimiter = MyInvocation.BoundParameters.ContainsKey(nameof(Delimiter)) ? Delimiter : (char?)null,
            FieldsNamed = RowReader.FieldsNamed,
        };

        /// <summary>A file's name as a message shows it: the name alone, its characters cleaned as any text from outside.</summary>
        internal static string ShownName(string path) => Protocol.SafeText.Clean(System.IO.Path.GetFileName(path));

        /// <summary>A file's first row, read as every row will be: a column missing there stops the run before any call.</summary>
        private void CheckColumns(RowFile file)
        {
            foreach (var row in Rows(file))
            {
                var input = Read(RowObject(row), true, file, row.Number);
                if (input.MissingColumn) throw MissingColumn(input);
                return;
            }
        }

        private void ReadFile(RowFile file)
        {
            // -First reached: the rest is not read, so nothing past it can be sent.
            if (_paging.Full) return;
            bool first = true;
            foreach (var row in Rows(file))
            {
                ProcessRow(Read(RowObject(row), first, file, row.Number), first);
                first = false;
                if (_paging.Full) return;
            }
        }

        /// <summary>The file's rows; Ctrl+C while one is read stops the run as it would anywhere else.</summary>
        private IEnumerable<FileRow> Rows(RowFile file)
        {
            var rows = file.ReadRows(_stopping.Token).GetEnumerator();
            // Disposed however the caller leaves: the first row's check reads one row, and the file must not stay open.
            try
            {
                while (true)
                {
                    bool more;
                    try { more = rows.MoveNext(); }
                    catch (OperationCanceledException) { throw _run == null ? new PipelineStoppedException() : Stopped(); }
                    catch (InputFileException ex) { throw Fail(ErrorRecords.Of(ex, ex.ErrorId, file.Path)); }
                    if (!more) yield break;
                    yield return rows.Current;
                }
            }
            finally { rows.Dispose(); }
        }

        /// <summary>The row as the object Import-Csv would have made: one string property per column, in order.</summary>
        private static PSObject RowObject(FileRow row)
        {
            var shown = new PSObject();
            for (int i = 0; i < row.Columns.Length; i++) shown.Properties.Add(new PSNoteProperty(row.Columns[i], row.ValueAt(i)));
            return shown;
        }

        /// <summary>One row's three values: as given, computed by a script block given for the field, or found in its columns.</summary>
        /// <param name="first">The input's first row, or a file's: the columns a script block reads must be there.</param>
        private BoundRow Read(PSObject row, bool first, RowFile file = null, long fileRow = 0)
        {
            List<ValidationProblem> problems = null;
            string realName = ColumnMapping.Value(RealName, row, IdentityField.RealName, ref problems);
            string idCard = ColumnMapping.Value(IdCard, row, IdentityField.IdCard, ref problems);
            string mobile = ColumnMapping.Value(Mobile, row, IdentityField.Mobile, ref problems);
            var input = RowReader.Read(realName, idCard, mobile, row);
            if (problems != null) input.BindingProblems = (input.BindingProblems ?? Enumerable.Empty<ValidationProblem>()).Concat(problems).ToList();
            if (first) MappedColumnsThere(row, input);
            input.SourceFile = file?.Path;
            input.SourceRow = fileRow;
            if (_severalFiles && file != null) input.SourceLabel = ShownName(file.Path);
            if (_kept != null) input.KeptColumns = _kept.Of(row, input);
            return input;
        }

        /// <summary>A column a mapping reads by name ($_.证件) that the row does not have makes the row's columns wrong, as a missing field does.</summary>
        private void MappedColumnsThere(PSObject row, BoundRow input)
        {
            if (row == null || row.BaseObject is System.Collections.IDictionary) return;
            var absent = new List<(IdentityField Field, string Column)>();
            foreach (var (field, given) in new[] { (IdentityField.RealName, RealName), (IdentityField.IdCard, IdCard), (IdentityField.Mobile, Mobile) })
                foreach (var column in ColumnMapping.ColumnsRead(given))
                    if (row.Properties[column] == null) absent.Add((field, column));
            if (absent.Count == 0) return;
            input.MissingMappedColumns = absent.Select(a => Protocol.SafeText.Clean(a.Column)).ToList();
            input.FoundColumns = RowReader.Shown(row.Properties.Select(p => p.Name), out _);
            input.MissingFields = null;
            // What the row has is said once, after the last problem.
            string found = Text.Format(CmdletMessages.Missing_Found, string.Join(CmdletMessages.ListSeparator, RowReader.Shown(row.Properties.Select(p => p.Name), out _)));
            input.BindingProblems = absent.Select((a, i) => new ValidationProblem(a.Field,
                i == absent.Count - 1 ? Text.Format(CmdletMessages.TwoSentences, Text.Format(CmdletMessages.Mapping_NoColumn, Text.Format(CmdletMessages.Quoted, a.Column)), found) : Text.Format(CmdletMessages.Mapping_NoColumn, Text.Format(CmdletMessages.Quoted, a.Column)))).ToList();
            input.MissingColumn = true;
        }
    }
}
