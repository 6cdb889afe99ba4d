using System;
using System.Management.Automation;
using System.Security;
using TelecomVerify.Credentials;

namespace TelecomVerify.Commands
{
    /// <summary>Set-JuheCredential: the key (and OpenID, base URI) that later calls use.</summary>
    [Cmdlet(VerbsCommon.Set, "JuheCredential", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class SetJuheCredentialCommand : JuheCmdlet
    {
        [Parameter(Mandatory = true, Position = 0), SecureStringTransformation]
        public SecureString ApiKey { get; set; }

        [Parameter, SecureStringTransformation]
        public SecureString OpenId { get; set; }

        [Parameter]
        public Uri BaseUri { get; set; }

        [Parameter, ValidateSet("Session")]
        public string Scope { get; set; } = "Session";

        protected override void ProcessRecord()
        {
            if (BaseUri != null && !BaseUri.IsAbsoluteUri)
                Fail(new ArgumentException("-BaseUri must be an absolute http or https URI."), "InvalidBaseUri", ErrorCategory.InvalidArgument, BaseUri);
            if (!ShouldProcess("the " + Scope + " credential", "Set")) return;
            if (BaseUri != null && CredentialResolver.IsInsecure(BaseUri))
                WriteWarning("The base URI " + BaseUri.GetLeftPart(UriPartial.Authority) + " is plain HTTP: the key and the identities would cross the network unencrypted.");
            SessionCredentialStore.Set(new JuheCredential
            {
                ApiKey = SecureStringTransformationAttribute.Reveal(ApiKey),
                OpenId = SecureStringTransformationAttribute.Reveal(OpenId),
                BaseUri = BaseUri,
            });
            WriteVerbose("The session credential is set" + (OpenId != null ? ", with an OpenID." : "."));
        }
    }
}
