using System;
using System.Linq;
using System.Management.Automation;
using System.Collections.Generic;
using System.Security;
using System.Threading;
using TelecomVerify.Input;
using TelecomVerify.Journal;
using TelecomVerify.Verification;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>Test-TelecomIdentity: is this name, ID number and China Telecom mobile number one person's?</summary>
    [Cmdlet(VerbsDiagnostic.Test, "TelecomIdentity", SupportsShouldProcess = true, SupportsPaging = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ResultSet)]
    [OutputType(typeof(IdentityCheckResult), ParameterSetName = new[] { ResultSet })]
    [OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
    public sealed partial class TestTelecomIdentityCommand : JuheCmdlet, IDisposable
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
        private SchedulerStop _schedulerStop;
        private KeptColumns _kept;
        private RowPaging _paging;
        private bool _severalFiles;
        private long _fileRows;
        private List<RowFile> _openedFiles;
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

        /// <summary>The line (or Excel row) of a -Path file that holds the column names; found when omitted (below a roster's title).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int HeaderRow { get; set; }

        /// <summary>The delimiter of a text file given by -Path, as Import-Csv's -Delimiter; found when omitted (TAB or comma).</summary>
        [Parameter]
        public char Delimiter { get; set; }

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

        /// <summary>A spending limit for the run: requests sent, retries included.</summary>
        [Parameter, ValidateRange(1L, long.MaxValue)]
        public long MaxRequests { get; set; }

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
            _schedulerStop = SchedulerStop.ForRun(Host?.Name);
            if (KeepColumn != null) _kept = new KeptColumns(KeepColumn);
            _paging = new RowPaging(PagingParameters);
            // Passed by parameter (not piped), the input's size is known up front.
            if (!MyInvocation.ExpectingInput && InputObject != null) _progress.Total = _paging.Taken(InputObject.Length);
            _files = _openedFiles = ResolveFiles();
            _fileRows = _files?.Sum(f => f.Rows) ?? 0;
            if (_files != null) _progress.Total = _paging.Taken(_fileRows);
            _severalFiles = _files != null && _files.Count > 1;
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
                if (_paging.Full) return;
                ProcessRow(Read(null, !_sawRow), first: !_sawRow);
                return;
            }
            foreach (var item in InputObject)
            {
                if (_paging.Full) break;
                ProcessRow(Read(item, !_sawRow), first: !_sawRow);
            }
        }

        protected override void EndProcessing()
        {
            if (_run == null) return;
            try
            {
                WriteFinished(full: false);
                Finish();
                if (PagingParameters.IncludeTotalCount)
                    WriteObject(PagingParameters.NewTotalCount(Path != null || LiteralPath != null ? (ulong)_fileRows : _paging.Seen, 1.0));
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

        /// <summary>PowerShell disposes the cmdlet when the pipeline ends, however it ends: in-flight calls are abandoned.</summary>
        public void Dispose()
        {
            _run?.Dispose();
            _journal?.Dispose();
            _stopping.Dispose();
            // Last: a SIGTERM being handled ends the process once the journal is closed.
            _schedulerStop?.Dispose();
        }
    }
}
