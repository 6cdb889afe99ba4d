using System.Collections.Generic;
using System.Management.Automation;
using TelecomVerify.Journal;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>Get-JuheJournal: the answers a journal holds, for an audit or to reconcile the provider's bill. Never a whole identity.</summary>
    [Cmdlet(VerbsCommon.Get, "JuheJournal")]
    [OutputType(typeof(JournalEntry))]
    public sealed class GetJuheJournalCommand : JuheCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string Path { get; set; }

        /// <summary>The key the journal was written with, when it is not the one in force: its lines are authenticated with it.</summary>
        [Parameter, SecureStringTransformation]
        public System.Security.SecureString ApiKey { get; set; }

        /// <summary>The provider the journal was written for, when it is not the one in force.</summary>
        [Parameter]
        public System.Uri BaseUri { get; set; }

        /// <summary>Entries from this moment on (inclusive): a date without a zone is local time, as PowerShell reads it.</summary>
        [Parameter]
        public System.DateTime After { get; set; }

        /// <summary>Entries before this moment (exclusive), so that -After 2026-11-01 -Before 2026-12-01 is November exactly.</summary>
        [Parameter]
        public System.DateTime Before { get; set; }

        protected override void ProcessRecord()
        {
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!System.IO.File.Exists(path))
                throw Fail(ErrorRecords.Of(new ItemNotFoundException(Text.Format(CmdletMessages.NoJournal, path)), "JournalNotFound", path));
            var warnings = new List<string>();
            // The key in force authenticates the lines: an entry edited or forged by hand is skipped, as a run skips it.
            ValidateBaseUri(BaseUri);
            var credential = ResolveCredential(ApiKey, null, BaseUri, allowUnencrypted: true);
            var settings = new JournalSettings
            {
                ApiKey = credential.HasApiKey ? credential.ApiKeyValue : null,
                Host = credential.BaseUri.Host,
                Origin = JournalSettings.OriginOf(credential.BaseUri),
                ReadOnly = true,
                Ownership = Ownership(),
            };
            try
            {
                // Compared in UTC, as the journal keeps times: [datetime]'2026-11-01' is local midnight.
                var from = MyInvocation.BoundParameters.ContainsKey(nameof(After)) ? After.ToUniversalTime() : System.DateTime.MinValue;
                var to = MyInvocation.BoundParameters.ContainsKey(nameof(Before)) ? Before.ToUniversalTime() : System.DateTime.MaxValue;
                foreach (var entry in AnswerJournal.ReadAll(path, settings, warnings))
                    if (entry.Time >= from && entry.Time < to) WriteObject(entry);
            }
            catch (JournalException ex) { throw Fail(ErrorRecords.Of(ex, ex.ErrorId, path)); }
            foreach (var warning in warnings) WriteWarning(warning);
        }
    }
}
