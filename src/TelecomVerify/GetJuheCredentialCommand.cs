using System.Management.Automation;
using TelecomVerify.Credentials;

namespace TelecomVerify.Commands
{
    /// <summary>Get-JuheCredential: which credential is in force and where it comes from; never the key.</summary>
    [Cmdlet(VerbsCommon.Get, "JuheCredential")]
    [OutputType(typeof(ResolvedCredential))]
    public sealed class GetJuheCredentialCommand : JuheCmdlet
    {
        protected override void EndProcessing() => WriteObject(ResolveCredential(null, null, null));
    }
}
