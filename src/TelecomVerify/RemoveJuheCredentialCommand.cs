using System.Management.Automation;

namespace TelecomVerify.Commands
{
    /// <summary>Remove-JuheCredential: forgets the session credential.</summary>
    [Cmdlet(VerbsCommon.Remove, "JuheCredential", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class RemoveJuheCredentialCommand : JuheCmdlet
    {
        [Parameter, ValidateSet("Session")]
        public string Scope { get; set; } = "Session";

        protected override void EndProcessing()
        {
            if (!ShouldProcess("the " + Scope + " credential", "Remove")) return;
            if (!SessionCredentialStore.Remove()) WriteVerbose("No session credential was set.");
        }
    }
}
