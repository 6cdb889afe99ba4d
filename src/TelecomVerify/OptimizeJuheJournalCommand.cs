using System;
using System.IO;
using System.Management.Automation;
using TelecomVerify.Journal;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>
    /// Optimize-JuheJournal: keeps a nightly job's journal to one entry per identity within the retention an
    /// organisation's policy sets, so that it neither grows for ever nor keeps personal data longer than needed.
    /// </summary>
    [Cmdlet(VerbsCommon.Optimize, "JuheJournal", SupportsShouldProcess = true)]
    [OutputType(typeof(JournalOptimization))]
    public sealed class OptimizeJuheJournalCommand : JuheCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string Path { get; set; }

        /// <summary>Entries older than this are dropped; without it, none expires.</summary>
        [Parameter]
        public TimeSpan RetainFor { get; set; }

        /// <summary>The key the journal was written with, when it is not the one in force.</summary>
        [Parameter, SecureStringTransformation]
        public System.Security.SecureString ApiKey { get; set; }

        /// <summary>The provider the journal was written for, when it is not the one in force.</summary>
        [Parameter]
        public Uri BaseUri { get; set; }

        protected override void ProcessRecord()
        {
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!File.Exists(path))
                throw Fail(ErrorRecords.Of(new ItemNotFoundException(Text.Format(CmdletMessages.NoJournal, path)), "JournalNotFound", path));
            bool retains = MyInvocation.BoundParameters.ContainsKey(nameof(RetainFor));
            if (retains && RetainFor <= TimeSpan.Zero)
                throw Fail(ErrorRecords.InvalidArgument(CmdletMessages.InvalidRetainFor, "InvalidRetainFor"));
            ValidateBaseUri(BaseUri);
            var credential = ResolveCredential(ApiKey, null, BaseUri, allowUnencrypted: true);
            // Without the key no line can be authenticated, and every one of them would go as untrusted.
            if (!credential.HasApiKey) throw Fail(ErrorRecords.Of(new InvalidOperationException(CmdletMessages.NoApiKey), "NoApiKey"));
            bool whatIf = IsWhatIf();
            if (!whatIf && !ShouldProcess(path, CmdletMessages.Optimize_Action)) return;
            var settings = new JournalSettings
            {
                ApiKey = credential.ApiKeyValue,
                Host = credential.BaseUri.Host,
                Origin = JournalSettings.OriginOf(credential.BaseUri),
                UtcNow = DateTime.UtcNow,
                ReadOnly = whatIf,
                Ownership = Ownership(),
            };
            JournalOptimization result;
            try { result = AnswerJournal.Optimize(path, settings, retains ? RetainFor : (TimeSpan?)null); }
            catch (JournalException ex) { throw Fail(ErrorRecords.Of(ex, ex.ErrorId, path)); }
            if (whatIf)
                ShouldProcess(path, Text.Format(CmdletMessages.Optimize_WhatIf, result.Kept, result.Superseded, result.Expired, result.Untrusted, result.BytesBefore, result.BytesAfter));
            WriteObject(result);
        }
    }
}
