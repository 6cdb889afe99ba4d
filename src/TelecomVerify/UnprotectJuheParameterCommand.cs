using System;
using System.Management.Automation;
using System.Security.Cryptography;
using TelecomVerify.Commands.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>Unprotect-JuheParameter: decrypts what Protect-JuheParameter (or the provider's scheme) produced.</summary>
    [Cmdlet(VerbsSecurity.Unprotect, "JuheParameter")]
    [OutputType(typeof(string))]
    public sealed class UnprotectJuheParameterCommand : JuheCipherCmdlet
    {
        internal override void Transform(string value)
        {
            try { WriteObject(Cipher.Decrypt(value)); }
            catch (Exception ex) when (ex is FormatException || ex is CryptographicException || ex is ArgumentException)
            {
                // The cipher text is not echoed: it may be someone's encrypted identity.
                WriteError(ErrorRecords.Of(new ArgumentException(CmdletMessages.NotEncrypted),
                    "InvalidCipherText", null));
            }
        }
    }
}
