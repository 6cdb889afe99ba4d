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

        protected override void ProcessRecord()
        {
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!System.IO.File.Exists(path))
                throw Fail(ErrorRecords.Of(new ItemNotFoundException(Text.Format(CmdletMessages.NoJournal, path)), "JournalNotFound", ErrorCategory.ObjectNotFound, path));
            var warnings = new List<string>();
            try
            {
                foreach (var entry in AnswerJournal.ReadAll(path, warnings)) WriteObject(entry);
            }
            catch (JournalException ex) { throw Fail(ErrorRecords.Of(ex, ex.ErrorId, ErrorCategory.ReadError, path)); }
            foreach (var warning in warnings) WriteWarning(warning);
        }
    }
}
