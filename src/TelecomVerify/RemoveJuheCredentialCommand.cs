using System.Management.Automation;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>Remove-JuheCredential: forgets the session credential, or deletes the saved one.</summary>
    [Cmdlet(VerbsCommon.Remove, "JuheCredential", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    public sealed class RemoveJuheCredentialCommand : JuheCmdlet
    {
        [Parameter, ValidateSet("Session", "CurrentUser")]
        public string Scope { get; set; } = "Session";

        protected override void EndProcessing()
        {
            if (Scope == "Session")
            {
                if (!ShouldProcess(CmdletMessages.SessionCredential, CmdletMessages.Action_Remove)) return;
                if (!SessionCredentialStore.Remove()) WriteVerbose(CmdletMessages.Verbose_NoSession);
                return;
            }
            var file = SavedCredentialFile();
            if (!ShouldProcess(file.Path, CmdletMessages.Action_Delete)) return;
            if (!file.Delete()) WriteVerbose(Text.Format(CmdletMessages.Verbose_NothingSaved, file.Path));
        }
    }
}
