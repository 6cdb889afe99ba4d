using System.Management.Automation;

namespace TelecomVerify.Commands
{
    /// <summary>Protect-JuheParameter: encrypts values the way the queryEncry endpoint expects them.</summary>
    [Cmdlet(VerbsSecurity.Protect, "JuheParameter")]
    [OutputType(typeof(string))]
    public sealed class ProtectJuheParameterCommand : JuheCipherCmdlet
    {
        internal override void Transform(string value) => WriteObject(Cipher.Encrypt(value));
    }
}
