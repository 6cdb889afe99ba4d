using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Collections.Generic;
using System.Security;
using System.Threading;
using TelecomVerify.Credentials;
using TelecomVerify.Input;
using TelecomVerify.Journal;
using TelecomVerify.Protocol;
using TelecomVerify.Validation;
using TelecomVerify.Verification;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>Test-TelecomIdentity: is this name, ID number and China Telecom mobile number one person's?</summary>
    [Cmdlet(VerbsDiagnostic.Test, "TelecomIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ResultSet)]
    [OutputType(typeof(IdentityCheckResult), ParameterSetName = new[] { ResultSet })]
    [OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
    public sealed class TestTelecomIdentityCommand : JuheCmdlet, IDisposable
    {
        private const string ResultSet = "Result";
        private const string QuietSet = "Quiet";
        internal const string SummaryTag = "TelecomVerify.RunSummary";

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly RunProgress _progress = new RunProgress("Test-TelecomIdentity");
        private VerificationRun _run;
        private List<RowFile> _files;
        private AnswerJournal _journal;
        private bool _whatIf, _sawRow, _stopNoted;
        private KeptColumns _kept;
        private const int WhatIfLines = 20;

        // The [Alias] attributes below are the one list of header names: RowReader and the help read them.
        // Typed object, not string: a script block given here (-IdCard { $_.证件 }) reaches the module, which
        // evaluates it per row for -Path and -InputObject too; as a string parameter, PowerShell would
        // evaluate it only for piped input and refuse it otherwise.
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "FullName", "姓名")]
        [AllowNull, AllowEmptyString]
        public object RealName { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("IdNumber", "IdCardNumber", "身份证", "身份证号", "身份证号码", "证件号码", "证件号", "身份证件号码", "公民身份号码")]
        [AllowNull, AllowEmptyString]
        public object IdCard { get; set; }

        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("Phone", "PhoneNumber", "MobileNumber", "手机", "手机号", "手机号码", "电话", "电话号码", "联系电话", "移动电话")]
        [AllowNull, AllowEmptyString]
        public object Mobile { get; set; }

        /// <summary>Every piped object binds here, so no row is lost to a binding error. An array
        /// passed by parameter is read row by row, and its length makes progress show % and ETA.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull, AllowEmptyCollection]
        public PSObject[] InputObject { get; set; }

        /// <summary>CSV files or Excel workbooks to read (wildcards allowed); a CSV's encoding is detected, so a GB18030 file from Excel reads right.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[] Path { get; set; }

        /// <summary>As -Path, taken literally.</summary>
        [Parameter]
        [Alias("PSPath", "LP")]
        public string[] LiteralPath { get; set; }

        /// <summary>The worksheet of a workbook given by -Path to read; the first when omitted.</summary>
        [Parameter]
        [Alias("Sheet")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WorksheetNameCompleter))]
        public string WorksheetName { get; set; }

        /// <summary>Input columns to carry beside the verdict (wildcards): HR's 工号 and 部门 come back with it. Identity columns stay masked.</summary>
        [Parameter(ParameterSetName = ResultSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] KeepColumn { get; set; }

        [Parameter] public SwitchParameter Detail { get; set; }
        [Parameter] public SwitchParameter Encrypt { get; set; }

        [Parameter, ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = VerificationOptions.DefaultThrottleLimit;

        [Parameter, ValidateRange(0.0, 100000.0)]
        public double MaxRequestsPerSecond { get; set; }

        [Parameter, ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 30;

        [Parameter, ValidateRange(0, 10)]
        public int MaxRetries { get; set; } = VerificationOptions.DefaultMaxRetries;

        /// <summary>Also retry after a time-out or broken connection once the request was sent: it may pay twice.</summary>
        [Parameter] public SwitchParameter RetryUnconfirmed { get; set; }

        [Parameter, ValidateRange(0, int.MaxValue)]
        public int MaxConsecutiveFailures { get; set; } = VerificationOptions.DefaultMaxConsecutiveFailures;

        /// <summary>Makes the run resumable: every paid answer is kept here, and rows already in it are answered without a call.</summary>
        [Parameter]
        public string Journal { get; set; }

        /// <summary>How old a journal's answer may be and still serve a row; zero records without reusing.</summary>
        [Parameter]
        public TimeSpan JournalMaxAge { get; set; } = TimeSpan.FromDays(30);

        [Parameter, SecureStringTransformation]
        public SecureString ApiKey { get; set; }

        [Parameter, SecureStringTransformation]
        public SecureString OpenId { get; set; }

        [Parameter]
        public Uri BaseUri { get; set; }

        /// <summary>Allows a plain-HTTP base URI other than loopback, as Invoke-RestMethod's switch of that name does.</summary>
        [Parameter] public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        [Parameter] public SwitchParameter SkipLocalValidation { get; set; }
        [Parameter] public SwitchParameter ShowIdentity { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
        public SwitchParameter Quiet { get; set; }

        [Parameter] public Uri Proxy { get; set; }
        [Parameter, Credential] public PSCredential ProxyCredential { get; set; }
        [Parameter] public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        protected override void BeginProcessing()
        {
            ValidateParameters();
            if (KeepColumn != null) _kept = new KeptColumns(KeepColumn);
            // Passed by parameter (not piped), the input's size is known up front.
            if (!MyInvocation.ExpectingInput && InputObject != null) _progress.Total = InputObject.Length;
            _files = ResolveFiles();
            if (_files != null) _progress.Total = _files.Sum(f => f.Rows);
            // The journal is taken now, before a later command of the pipeline opens its own file: a second
            // run on the same journal then stops here, before its Export-Csv has truncated the first run's output.
            if (!string.IsNullOrEmpty(Journal)) EnsureRun();
        }

        protected override void ProcessRecord()
        {
            try { ProcessInput(); }
            catch (PipelineStoppedException) when (_stopping.IsCancellationRequested) { NoteStop(JournalRun.Interrupted); throw; }
        }

        private void ProcessInput()
        {
            if (_files != null)
            {
                // Files are the input: read once, whatever else came. Every file's columns are checked before
                // any row is sent: a second file with other headers stops the run before the first is paid for.
                foreach (var file in _files) CheckColumns(file);
                foreach (var file in _files) ReadFile(file);
                _files = new List<RowFile>();
                return;
            }
            if (InputObject == null && !MyInvocation.ExpectingInput)
            {
                var block = new[] { (nameof(RealName), RealName), (nameof(IdCard), IdCard), (nameof(Mobile), Mobile) }.FirstOrDefault(p => ColumnMapping.IsScriptBlock(p.Item2));
                if (block.Item1 != null)
                    throw Fail(ErrorRecords.InvalidArgument(Text.Format(CmdletMessages.Mapping_NoRows, block.Item1), "MappingWithoutRows"));
            }
            if (InputObject == null)
            {
                Check(Read(null, !_sawRow), first: !_sawRow);
                return;
            }
            foreach (var item in InputObject) Check(Read(item, !_sawRow), first: !_sawRow);
        }

        protected override void EndProcessing()
        {
            if (_run == null) return;
            try
            {
                Drain(full: false);
                Finish();
            }
            // Ctrl+C can land inside any Write call (PowerShell throws there once the pipeline stops), not
            // only in the wait for answers: the summary and the journal's last line are written either way.
            catch (PipelineStoppedException) when (_stopping.IsCancellationRequested) { NoteStop(JournalRun.Interrupted); throw; }
        }

        protected override void StopProcessing()
        {
            _stopping.Cancel();
            _run?.Cancel();
        }

        /// <param name="first">The input's first row, or a file's: its columns are every row's.</param>
        private void Check(RowInput input, bool first)
        {
            // The first row has no column for a field: every row will say the same, so say it once, before any call.
            if (first && input.MissingColumn) throw MissingColumn(input);
            EnsureRun();
            if (first && input.ColumnNotes != null) foreach (var note in input.ColumnNotes) WriteWarning(note);
            if (first && _kept != null)
                foreach (var pattern in _kept.Unmatched(input.InputObject as PSObject))
                    WriteWarning(Text.Format(CmdletMessages.KeepColumn_NoMatch, pattern, input.SourceFile == null ? CmdletMessages.KeepColumn_TheInput : System.IO.Path.GetFileName(input.SourceFile)));
            // The journal says that a run began; a run that never says how it ended was killed.
            if (!_sawRow) _journal?.RecordRun(JournalRun.Started, null);
            _sawRow = true;
            var planned = _run.Plan(input);
            // Free rows need no consent; under -WhatIf they still get their line, so the estimate reads whole.
            bool ask = planned.Plan == RowPlan.Call || _whatIf;
            // Under -WhatIf a large file would print a "What if:" line per row (20 000 lines before the one that
            // matters, the estimate): the first rows show what a line means, -Verbose shows them all.
            if (_whatIf && planned.Row > WhatIfLines && !IsVerbose())
            {
                _run.Skip(planned, estimate: true);
                return;
            }
            if (ask && !ShouldProcess(planned.Reference.ToString(), ActionFor(planned)))
            {
                _run.Skip(planned, estimate: _whatIf);
                return;
            }
            _run.Submit(planned);
            Drain(full: true);
            if (_run.Stopped != null) Finish();
        }

        private Exception MissingColumn(RowInput input)
        {
            string problems = input.BindingProblems.Select(p => p.ToString()).Aggregate((a, b) => Text.Format(CmdletMessages.TwoSentences, a, b));
            string message = input.SourceFile == null ? Text.Format(CmdletMessages.MissingColumn, problems)
                : Text.Format(CmdletMessages.MissingColumnInFile, problems, System.IO.Path.GetFileName(input.SourceFile));
            return Fail(ErrorRecords.Of(new ArgumentException(message), "MissingColumn", ErrorCategory.InvalidData,
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
            try
            {
                if (LiteralPath != null) paths.AddRange(LiteralPath.Select(p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p)));
                else foreach (var p in Path)
                {
                    var matched = GetResolvedProviderPathFromPSPath(p, out _);
                    // A pattern that matches nothing would make a silent, empty run.
                    if (matched.Count == 0) throw new ItemNotFoundException(Text.Format(CmdletMessages.NoFileMatches, p));
                    paths.AddRange(matched);
                }
            }
            catch (ItemNotFoundException ex) { throw Fail(ErrorRecords.Of(ex, "PathNotFound", ErrorCategory.ObjectNotFound)); }
            var files = new List<RowFile>();
            foreach (var path in paths)
            {
                if (!System.IO.File.Exists(path))
                    throw Fail(ErrorRecords.Of(new System.IO.FileNotFoundException(Text.Format(CmdletMessages.NoSuchFile, path)), "PathNotFound", ErrorCategory.ObjectNotFound, path));
                RowFile file;
                try { file = RowFile.Open(path, WorksheetName, _stopping.Token); }
                catch (InputFileException ex) { throw Fail(ErrorRecords.Of(ex, ex.ErrorId, ErrorRecords.CategoryFor(ex), path)); }
                // Ctrl+C while a large file is being counted: stop now, nothing was sent.
                catch (OperationCanceledException) { throw new PipelineStoppedException(); }
                files.Add(file);
                WriteVerbose(file.IsWorkbook
                    ? Text.Format(CmdletMessages.Verbose_ReadingSheet, path, file.Worksheet, file.Rows)
                    : Text.Format(CmdletMessages.Verbose_Reading, path, file.EncodingName, file.Rows));
            }
            return files;
        }

        /// <summary>A file's first row, read as every row will be: a column missing there stops the run before any call.</summary>
        private void CheckColumns(RowFile file)
        {
            string[] header = null;
            try
            {
                foreach (var record in file.ReadRecords(_stopping.Token))
                {
                    if (header == null) { header = Header(record.Fields, file); continue; }
                    var input = Read(RowObject(header, record.Fields), true, file, record.Number);
                    if (input.MissingColumn) throw MissingColumn(input);
                    return;
                }
            }
            catch (OperationCanceledException) { throw _run == null ? new PipelineStoppedException() : Stopped(); }
        }

        /// <summary>Each record as the object Import-Csv would have made: one string property per column, in order.</summary>
        private void ReadFile(RowFile file)
        {
            string[] header = null;
            bool first = true;
            IEnumerator<FileRecord> records = file.ReadRecords(_stopping.Token).GetEnumerator();
            while (true)
            {
                try { if (!records.MoveNext()) break; }
                catch (OperationCanceledException) { throw _run == null ? new PipelineStoppedException() : Stopped(); }
                var record = records.Current;
                if (header == null) { header = Header(record.Fields, file); continue; }
                Check(Read(RowObject(header, record.Fields), first, file, record.Number), first);
                first = false;
            }
        }

        private string[] Header(string[] record, RowFile file)
        {
            var header = record.Select((name, i) => string.IsNullOrEmpty(name) ? "H" + (i + 1) : name).ToArray();
            if (header.Distinct(StringComparer.OrdinalIgnoreCase).Count() != header.Length)
                throw Fail(ErrorRecords.InvalidArgument(Text.Format(CmdletMessages.DuplicateColumn, file.Path), "DuplicateColumn", file.Path));
            return header;
        }

        private static PSObject RowObject(string[] header, string[] fields)
        {
            var row = new PSObject();
            for (int i = 0; i < header.Length; i++) row.Properties.Add(new PSNoteProperty(header[i], i < fields.Length ? fields[i] : null));
            return row;
        }

        /// <summary>One row's three values: as given, computed by a script block given for the field, or found in its columns.</summary>
        /// <param name="first">The input's first row, or a file's: the columns a script block reads must be there.</param>
        private RowInput Read(PSObject row, bool first, RowFile file = null, long fileRow = 0)
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
            if (_kept != null) input.KeptColumns = _kept.Of(row, input);
            return input;
        }

        /// <summary>A column a mapping reads by name ($_.证件) that the row does not have makes the row's columns wrong, as a missing field does.</summary>
        private void MappedColumnsThere(PSObject row, RowInput input)
        {
            if (row == null || row.BaseObject is System.Collections.IDictionary) return;
            var absent = new List<(IdentityField Field, string Column)>();
            foreach (var (field, given) in new[] { (IdentityField.RealName, RealName), (IdentityField.IdCard, IdCard), (IdentityField.Mobile, Mobile) })
                foreach (var column in ColumnMapping.ColumnsRead(given))
                    if (row.Properties[column] == null) absent.Add((field, column));
            if (absent.Count == 0) return;
            // What the row has is said once, after the last problem.
            string found = " " + Text.Format(CmdletMessages.Missing_Found, string.Join(CmdletMessages.ListSeparator, row.Properties.Select(p => p.Name).Take(12)));
            input.BindingProblems = absent.Select((a, i) => new ValidationProblem(a.Field,
                Text.Format(CmdletMessages.Mapping_NoColumn, a.Column) + (i == absent.Count - 1 ? found : string.Empty))).ToList();
            input.MissingColumn = true;
        }

        private static string ActionFor(PlannedRow planned)
        {
            switch (planned.Plan)
            {
                case RowPlan.Call: return CmdletMessages.WhatIf_Call;
                case RowPlan.Duplicate: return CmdletMessages.WhatIf_Duplicate;
                case RowPlan.Journal: return CmdletMessages.WhatIf_Journal;
                default: return CmdletMessages.WhatIf_Local;
            }
        }

        /// <summary>Validate what needs no credential, so a bad parameter is one error before any row is read.</summary>
        private void ValidateParameters()
        {
            ValidateBaseUri(BaseUri);
            if (MaxRequestsPerSecond > 0 && MaxRequestsPerSecond < RateGate.MinPerSecond)
                throw Fail(ErrorRecords.InvalidArgument(Text.Format(CmdletMessages.InvalidMaxRequestsPerSecond, RateGate.MinPerSecond), "InvalidMaxRequestsPerSecond"));
            if (Proxy != null && (!Proxy.IsAbsoluteUri || !string.IsNullOrEmpty(Proxy.UserInfo)))
                throw Fail(ErrorRecords.InvalidArgument(CmdletMessages.InvalidProxy, "InvalidProxy"));
            _whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) ? ((SwitchParameter)w).IsPresent
                : GetVariableValue("WhatIfPreference") is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }

        /// <summary>Validate the credential, then build the client, then the run: on the first row, so an empty input needs no key.</summary>
        private void EnsureRun()
        {
            if (_run != null) return;
            // The journal's keys derive from the key: -WhatIf needs it too, to find answers in a journal.
            var credential = !_whatIf || !string.IsNullOrEmpty(Journal) ? CredentialForRun() : null;
            var client = _whatIf ? null : BuildClient(credential);
            _journal = OpenJournal(credential);
            _run = new VerificationRun(new VerificationOptions
            {
                Detail = Detail,
                Encrypt = Encrypt,
                ShowIdentity = ShowIdentity,
                SkipLocalValidation = SkipLocalValidation,
                ThrottleLimit = ThrottleLimit,
                MaxRequestsPerSecond = MaxRequestsPerSecond,
                MaxRetries = MaxRetries,
                RetryUnconfirmed = RetryUnconfirmed,
                MaxConsecutiveFailures = MaxConsecutiveFailures,
            }, client, ownsClient: true, journal: _journal) { LogEnabled = IsVerbose() };
            if (client != null)
                WriteVerbose(MaxRequestsPerSecond > 0
                    ? Text.Format(CmdletMessages.Verbose_VerifyingRate, client.EndpointFor(Encrypt).AbsoluteUri, ThrottleLimit, MaxRequestsPerSecond)
                    : Text.Format(CmdletMessages.Verbose_Verifying, client.EndpointFor(Encrypt).AbsoluteUri, ThrottleLimit));
        }

        private AnswerJournal OpenJournal(ResolvedCredential credential)
        {
            if (string.IsNullOrEmpty(Journal)) return null;
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Journal);
            if (credential == null || !credential.HasApiKey)
            {
                // Only -WhatIf gets here without a key: the estimate then counts no answer from the journal.
                WriteWarning(Text.Format(CmdletMessages.Warning_JournalWithoutKey, path));
                return null;
            }
            AnswerJournal journal;
            try
            {
                // -WhatIf reads without a lock and changes nothing; without a journal yet, nothing is answered from one.
                journal = AnswerJournal.Open(path, new JournalSettings
                {
                    ApiKey = credential.ApiKeyValue,
                    Host = credential.BaseUri.Host,
                    MaxAge = JournalMaxAge,
                    UtcNow = DateTime.UtcNow,
                    ReadOnly = _whatIf,
                    Ownership = Ownership(),
                });
            }
            catch (JournalException ex) { throw Fail(ErrorRecords.Of(ex, ex.ErrorId, ErrorRecords.CategoryFor(ex), path)); }
            catch (PlatformNotSupportedException ex) { throw Fail(ErrorRecords.Of(ex, "JournalUnsupported", ErrorCategory.NotImplemented, path)); }
            if (journal == null) return null;
            foreach (var warning in journal.Warnings) WriteWarning(warning);
            WriteVerbose(Text.Format(CmdletMessages.Verbose_Journal, path, journal.Count));
            // Up front, not only under -Verbose: a resumed run says what the last one left and what it will not pay again.
            var last = journal.LastRun;
            if (!_whatIf && last != null && last.How != JournalRun.Finished)
                WriteWarning(Text.Format(CmdletMessages.Journal_Resuming, path, HowItEnded(last), last.Time.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), journal.Count));
            return journal;
        }

        private static string HowItEnded(JournalRun run)
        {
            switch (run.How)
            {
                case JournalRun.Stopped: return Text.Format(CmdletMessages.Run_EndedStopped, run.StoppedAtRow);
                case JournalRun.Interrupted: return Text.Format(CmdletMessages.Run_EndedInterrupted, run.StoppedAtRow);
                default: return CmdletMessages.Run_EndedUnsaid;
            }
        }

        /// <summary>The credential of a run that sends; under -WhatIf, whatever key is in force, or none.</summary>
        private ResolvedCredential CredentialForRun()
        {
            if (!_whatIf) return ValidCredential();
            var credential = ResolveCredential(ApiKey, OpenId, BaseUri, AllowUnencryptedAuthentication);
            return credential.HasApiKey ? credential : null;
        }

        private ResolvedCredential ValidCredential()
        {
            var credential = ResolveCredential(ApiKey, OpenId, BaseUri, AllowUnencryptedAuthentication);
            if (!credential.HasApiKey)
                throw Fail(ErrorRecords.Of(new InvalidOperationException(CmdletMessages.NoApiKey),
                    "NoApiKey", ErrorCategory.AuthenticationError));
            if (Encrypt && !credential.HasOpenId)
                throw Fail(ErrorRecords.Of(new InvalidOperationException(CmdletMessages.NoOpenId),
                    "NoOpenId", ErrorCategory.AuthenticationError));
            var refusal = CredentialResolver.RefuseInsecure(credential.BaseUri, AllowUnencryptedAuthentication || credential.AllowUnencryptedAuthentication);
            if (refusal != null) throw Fail(ErrorRecords.Of(new InvalidOperationException(refusal), "InsecureBaseUri", ErrorCategory.SecurityError));
            if (CredentialResolver.IsInsecure(credential.BaseUri))
                WriteWarning(Text.Format(CmdletMessages.Warning_PlainHttp, credential.BaseUri.GetLeftPart(UriPartial.Authority)));
            WriteVerbose(Text.Format(CmdletMessages.Verbose_KeySource, Text.Source(credential.ApiKeyFrom)));
            return credential;
        }

        private JuheClient BuildClient(ResolvedCredential credential)
        {
            IWebProxy proxy = null;
            if (Proxy != null)
            {
                // UseDefaultCredentials first: its setter clears Credentials, so the order matters.
                var web = new WebProxy(Proxy) { UseDefaultCredentials = ProxyUseDefaultCredentials && ProxyCredential == null };
                if (ProxyCredential != null) web.Credentials = ProxyCredential.GetNetworkCredential();
                proxy = web;
            }
            return new JuheClient(new JuheClientOptions
            {
                BaseUri = credential.BaseUri,
                ApiKey = credential.ApiKeyValue,
                OpenId = credential.OpenIdValue,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                Proxy = proxy,
                MaxConnections = ThrottleLimit,
            });
        }

        private bool IsVerbose()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var v)) return ((SwitchParameter)v).IsPresent;
            return GetVariableValue("VerbosePreference") is ActionPreference p && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
        }

        /// <summary>Writes finished rows in order: in batches while rows come in (<paramref name="full"/>), then all of them.</summary>
        private void Drain(bool full)
        {
            try
            {
                var finished = full ? _run.DrainWhenFull(_stopping.Token, FlushLog) : _run.Drain(0, _stopping.Token, FlushLog);
                foreach (var done in finished) Emit(done);
                FlushLog();
            }
            catch (OperationCanceledException) { throw Stopped(); }
        }

        private PipelineStoppedException Stopped()
        {
            NoteStop(JournalRun.Interrupted);
            return new PipelineStoppedException();
        }

        /// <summary>Once per run, however the stop reached the cmdlet: the journal says how the run ended, the console and -InformationVariable get the summary.</summary>
        private void NoteStop(string how)
        {
            if (_stopNoted || _run == null) return;
            _stopNoted = true;
            if (_sawRow) _journal?.RecordRun(how, _run.Summary());
            WriteStopNote();
        }

        /// <summary>What a stop left behind, on the console: the pipeline takes no output once it is stopping.</summary>
        private void WriteStopNote()
        {
            int notOutput = _run.AnsweredNotOutput();
            string kept = notOutput == 0 ? string.Empty : _journal != null
                ? Text.Format(CmdletMessages.Stopped_NotOutputKept, notOutput, _journal.Path)
                : Text.Format(CmdletMessages.Stopped_NotOutputLost, notOutput);
            string summary = _run.Summary() + kept + (_journal != null ? CmdletMessages.Stopped_Resume : CmdletMessages.Stopped_UseJournal);
            try { Host?.UI?.WriteLine(summary); }
            catch (Exception ex) when (ex is NotImplementedException || ex is System.Management.Automation.Host.HostException) { /* a host without a console */ }
            CaptureSummary(_run.Summary());
        }

        /// <summary>
        /// A stopping pipeline takes no WriteInformation, so -InformationVariable would stay empty exactly when
        /// its numbers matter most: the summary is added to the caller's variable directly, as PowerShell would have.
        /// </summary>
        private void CaptureSummary(RunSummary summary)
        {
            if (!MyInvocation.BoundParameters.TryGetValue("InformationVariable", out var name) || !(name is string variable)) return;
            variable = variable.TrimStart('+');
            try
            {
                if (!(SessionState.PSVariable.GetValue(variable) is System.Collections.IList list)) return;
                var record = new InformationRecord(summary, MyInvocation.MyCommand.Name);
                record.Tags.Add(SummaryTag);
                list.Add(record);
            }
            catch (Exception ex) when (ex is NotSupportedException || ex is InvalidOperationException || ex is SessionStateException) { /* a fixed or read-only variable: the console has the summary */ }
        }

        /// <summary>The summary, then the terminating error if the run stopped itself.</summary>
        private void Finish()
        {
            _progress.Complete(this);
            var summary = _run.Summary();
            if (_sawRow) _journal?.RecordRun(_run.Stopped != null ? JournalRun.Stopped : JournalRun.Finished, summary);
            // Shown by default, as Write-Host text is (the PSHOST tag); a caller who chose
            // -InformationAction gets exactly that choice, SilentlyContinue included, which
            // Write-Host itself would ignore.
            bool chosen = MyInvocation.BoundParameters.ContainsKey("InformationAction");
            // -Quiet is for `if (Test-TelecomIdentity … -Quiet)`: the summary is still captured, not shown.
            WriteInformation(summary, chosen || Quiet ? new[] { SummaryTag } : new[] { SummaryTag, "PSHOST" });
            var stopped = _run.Stopped;
            if (stopped != null)
                throw Fail(ErrorRecords.ForRunStop(stopped, summary.StoppedAtRow,
                    _journal != null ? Text.Format(CmdletMessages.Stop_NextWithJournal, _journal.Path) : CmdletMessages.Stop_NextWithoutJournal));
        }

        private void FlushLog()
        {
            while (_run.Log.TryDequeue(out var line)) WriteVerbose(line);
            _progress.Update(this, _run);
        }

        private void Emit(RowOutcome outcome)
        {
            var result = outcome.Result;
            _progress.Count(result);
            try
            {
                if (Quiet) WriteObject(result.IsMatch == true);
                else WriteObject(WithColumns(result));
                if (outcome.Warning != null) WriteWarning(outcome.Warning);
                if (outcome.Error != null) WriteError(ErrorRecords.ForRun(outcome.Error, new RowReference(result.Row, result.Mobile, result.SourceFile, result.SourceRow)));
            }
            // The caller ended the pipeline, not Ctrl+C (no StopProcessing came first): $ErrorActionPreference = 'Stop'
            // on a failed row (Windows PowerShell throws ActionPreferenceStopException, PowerShell 7 records the failure
            // and throws PipelineStoppedException), or Select-Object -First and a break downstream (FlowControlException).
            catch (Exception ex) when ((ex is ActionPreferenceStopException || ex is PipelineStoppedException || ex is FlowControlException) && !_stopping.IsCancellationRequested)
            {
                // PowerShell now takes no more output, so the run stops as a Ctrl+C does, except that what is in
                // flight is awaited rather than abandoned: its answers reach the journal instead of being bought again tomorrow.
                _run.StopForCaller();
                _run.AwaitInFlight(TimeSpan.FromSeconds(TimeoutSec + 1), _stopping.Token);
                NoteStop(JournalRun.Stopped);
                throw;
            }
        }

        /// <summary>
        /// The result as PowerShell shows it: a row from a file carries File and FileRow, and the columns
        /// -KeepColumn asked for, first, so that Export-Csv puts HR's 工号 beside its verdict.
        /// </summary>
        private static object WithColumns(IdentityCheckResult result)
        {
            if (result.SourceFile == null && result.KeptColumns == null) return result;
            var shown = PSObject.AsPSObject(result);
            if (result.KeptColumns != null)
                foreach (var column in result.KeptColumns) shown.Properties.Add(new PSNoteProperty(column.Key, column.Value));
            if (result.SourceFile != null)
            {
                shown.Properties.Add(new PSNoteProperty(KeptColumns.FileProperty, result.SourceFile));
                shown.Properties.Add(new PSNoteProperty(KeptColumns.FileRowProperty, result.SourceRow));
            }
            return shown;
        }

        /// <summary>PowerShell disposes the cmdlet when the pipeline ends, however it ends: in-flight calls are abandoned.</summary>
        public void Dispose()
        {
            _run?.Dispose();
            _journal?.Dispose();
            _stopping.Dispose();
        }
    }
}
