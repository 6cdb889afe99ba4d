using System;
using System.Management.Automation;
using System.Security;
using TelecomVerify.Credentials;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>Set-JuheCredential: the key (and OpenID, base URI) that later calls use, for this session or saved for the user.</summary>
    [Cmdlet(VerbsCommon.Set, "JuheCredential", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = KeySet)]
    public sealed class SetJuheCredentialCommand : JuheCmdlet
    {
        private const string KeySet = "Values";
        private const string CredentialSet = "Credential";

        // Never positional: a key typed without -ApiKey beside it would reach the history file unfiltered.
        [Parameter(ParameterSetName = KeySet), SecureStringTransformation]
        public SecureString ApiKey { get; set; }

        [Parameter(ParameterSetName = KeySet), SecureStringTransformation]
        public SecureString OpenId { get; set; }

        /// <summary>A runbook credential asset: the password is the API key, the user name the OpenID ('-' for none).</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet), Credential]
        public PSCredential Credential { get; set; }

        [Parameter]
        public Uri BaseUri { get; set; }

        [Parameter, ValidateSet("Session", "CurrentUser")]
        public string Scope { get; set; } = "Session";

        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        protected override void ProcessRecord()
        {
            ValidateBaseUri(BaseUri);
            if (BaseUri != null)
            {
                var refusal = CredentialResolver.RefuseInsecure(BaseUri, AllowUnencryptedAuthentication);
                if (refusal != null) throw Fail(ErrorRecords.Of(new InvalidOperationException(refusal), "InsecureBaseUri"));
            }

            var given = MyInvocation.BoundParameters;
            if (Credential == null && !given.ContainsKey(nameof(ApiKey)) && !given.ContainsKey(nameof(OpenId)) && !given.ContainsKey(nameof(BaseUri)))
                throw Fail(ErrorRecords.InvalidArgument(CmdletMessages.NothingToSet, "NothingToSet"));
            string key = SecureStringTransformationAttribute.Reveal(Credential?.Password ?? ApiKey);
            if ((Credential != null || given.ContainsKey(nameof(ApiKey))) && string.IsNullOrEmpty(key))
                throw Fail(ErrorRecords.InvalidArgument(CmdletMessages.EmptyApiKey, "EmptyApiKey"));

            // Only what is given changes: -BaseUri alone keeps the key, -ApiKey alone keeps a custom base URI.
            var current = Scope == "Session" ? SessionCredentialStore.Get() : LoadSaved(SavedCredentialFile());
            var credential = new JuheCredential
            {
                ApiKey = key ?? current?.ApiKey,
                OpenId = Credential != null ? OpenIdFrom(Credential.UserName) : given.ContainsKey(nameof(OpenId)) ? SecureStringTransformationAttribute.Reveal(OpenId) : current?.OpenId,
                BaseUri = BaseUri ?? current?.BaseUri,
                AllowUnencryptedAuthentication = BaseUri != null ? AllowUnencryptedAuthentication.IsPresent : AllowUnencryptedAuthentication || current?.AllowUnencryptedAuthentication == true,
            };

            if (Scope == "Session")
            {
                if (!ShouldProcess(CmdletMessages.SessionCredential, CmdletMessages.Action_Set)) return;
                SessionCredentialStore.Set(credential);
                WriteVerbose(credential.OpenId != null ? CmdletMessages.Verbose_SessionSetOpenId : CmdletMessages.Verbose_SessionSet);
                return;
            }

            var file = SavedCredentialFile();
            if (!ShouldProcess(file.Path, CmdletMessages.Action_Save)) return;
            try { file.Save(credential); }
            catch (PlatformNotSupportedException ex) { throw Fail(ErrorRecords.Of(ex, "CredentialFileUnsupported", file.Path)); }
            catch (Exception ex) when (ex is UnauthorizedAccessException || ex is System.IO.IOException || ex is System.Reflection.TargetInvocationException)
            {
                // In the module's words (a read-only or missing home folder, a full disk), never the framework's.
                var cause = ex is System.Reflection.TargetInvocationException && ex.InnerException != null ? ex.InnerException : ex;
                throw Fail(ErrorRecords.Of(new System.IO.IOException(Text.Format(CmdletMessages.CredentialNotSaved, file.Path, FileFailure.Describe(cause)), cause), "CredentialFileNotSaved", file.Path));
            }
            WriteVerbose(Text.Format(CredentialFile.Encrypts ? CmdletMessages.Verbose_SavedDpapi : CmdletMessages.Verbose_SavedPrivate, file.Path));
        }

        // A credential asset needs some user name; '-' (or nothing) means no OpenID.
        private static string OpenIdFrom(string userName) =>
            string.IsNullOrWhiteSpace(userName) || userName.Trim() == "-" ? null : userName.Trim();
    }
}
