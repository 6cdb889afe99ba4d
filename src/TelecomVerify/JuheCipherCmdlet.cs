using System;
using System.Management.Automation;
using System.Security;
using TelecomVerify.Crypto;
using TelecomVerify.Commands.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>Protect- and Unprotect-JuheParameter: values in, one cipher from the OpenID in force.</summary>
    public abstract class JuheCipherCmdlet : JuheCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public string[] Value { get; set; }

        [Parameter, SecureStringTransformation]
        public SecureString OpenId { get; set; }

        internal JuheCipher Cipher { get; private set; }

        protected override void BeginProcessing()
        {
            var credential = ResolveCredential(null, OpenId, null);
            if (!credential.HasOpenId)
                throw Fail(ErrorRecords.Of(new InvalidOperationException(CmdletMessages.NoOpenIdCipher),
                    "NoOpenId"));
            Cipher = new JuheCipher(credential.OpenIdValue);
        }

        protected override void ProcessRecord()
        {
            foreach (var v in Value) Transform(v);
        }

        internal abstract void Transform(string value);
    }
}
