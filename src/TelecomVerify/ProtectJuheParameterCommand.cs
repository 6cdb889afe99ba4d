using System;
using System.Management.Automation;

namespace TelecomVerify.Commands
{
    /// <summary>Protect-JuheParameter: encrypts values the way the queryEncry endpoint expects them.</summary>
    [Cmdlet(VerbsSecurity.Protect, "JuheParameter")]
    [OutputType(typeof(string))]
    public sealed class ProtectJuheParameterCommand : JuheCipherCmdlet
    {
        internal override void Transform(string value)
        {
            try { WriteObject(Cipher.Encrypt(value)); }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.Of(ex, "InvalidPlainText", null));
            }
        }
    }
}
