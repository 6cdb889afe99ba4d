using System.Management.Automation;
using TelecomVerify.Credentials;

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
                if (!ShouldProcess("the session credential", "Remove")) return;
                if (!SessionCredentialStore.Remove()) WriteVerbose("No session credential was set.");
                return;
            }
            var file = CredentialFile.ForCurrentUser();
            if (!ShouldProcess(file.Path, "Delete the saved credential")) return;
            if (!file.Delete()) WriteVerbose("No credential was saved at " + file.Path + ".");
        }
    }
}
