using System;
using System.Management.Automation;
using System.Security;
using TelecomVerify.Credentials;

namespace TelecomVerify.Commands
{
    /// <summary>The shared base: resolving the credential in force and reporting failures consistently.</summary>
    public abstract class JuheCmdlet : PSCmdlet
    {
        internal ResolvedCredential ResolveCredential(SecureString apiKey, SecureString openId, Uri baseUri, bool allowUnencrypted = false)
        {
            var parameter = new JuheCredential
            {
                ApiKey = SecureStringTransformationAttribute.Reveal(apiKey),
                OpenId = SecureStringTransformationAttribute.Reveal(openId),
                BaseUri = baseUri,
                AllowUnencryptedAuthentication = allowUnencrypted,
            };
            JuheCredential environment;
            try { environment = CredentialResolver.FromEnvironment(); }
            catch (ArgumentException ex) { throw Terminate(ex, "InvalidBaseUriVariable", ErrorCategory.InvalidArgument, null); }
            var file = CredentialFile.ForCurrentUser();
            return CredentialResolver.Resolve(parameter, SessionCredentialStore.Get(), environment, () => LoadSaved(file), file.Path);
        }

        internal JuheCredential LoadSaved(CredentialFile file)
        {
            try { return file.Load(); }
            catch (CredentialFileException ex) { throw Terminate(ex, "CredentialFileUnusable", ErrorCategory.SecurityError, file.Path); }
            catch (PlatformNotSupportedException ex) { throw Terminate(ex, "CredentialFileUnsupported", ErrorCategory.NotImplemented, file.Path); }
        }

        internal void Fail(Exception exception, string errorId, ErrorCategory category, object target) =>
            ThrowTerminatingError(new ErrorRecord(exception, errorId, category, target));

        internal PipelineStoppedException Terminate(Exception exception, string errorId, ErrorCategory category, object target)
        {
            ThrowTerminatingError(new ErrorRecord(exception, errorId, category, target));
            return new PipelineStoppedException(); // not reached: ThrowTerminatingError always throws
        }

        internal static ErrorCategory ToCategory(Verification.FailureCategory category) =>
            Enum.TryParse<ErrorCategory>(category.ToString(), out var c) ? c : ErrorCategory.NotSpecified;
    }
}
