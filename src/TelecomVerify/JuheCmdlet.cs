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
            catch (ArgumentException ex) { throw Fail(ex, "InvalidBaseUriVariable", ErrorCategory.InvalidArgument, null); }
            var file = CredentialFile.ForCurrentUser();
            return CredentialResolver.Resolve(parameter, SessionCredentialStore.Get(), environment, () => LoadSaved(file), file.Path);
        }

        internal JuheCredential LoadSaved(CredentialFile file)
        {
            try { return file.Load(); }
            catch (CredentialFileException ex) { throw Fail(ex, "CredentialFileUnusable", ErrorCategory.SecurityError, file.Path); }
            catch (PlatformNotSupportedException ex) { throw Fail(ex, "CredentialFileUnsupported", ErrorCategory.NotImplemented, file.Path); }
        }

        /// <summary>
        /// Ends the command with a terminating error. Never returns; the return type lets a caller
        /// write <c>throw Fail(...)</c> where the compiler needs to see that flow stops.
        /// </summary>
        internal Exception Fail(Exception exception, string errorId, ErrorCategory category, object target)
        {
            ThrowTerminatingError(new ErrorRecord(exception, errorId, category, target));
            return exception;
        }

        internal static ErrorCategory ToCategory(Verification.FailureCategory category) =>
            Enum.TryParse<ErrorCategory>(category.ToString(), out var c) ? c : ErrorCategory.NotSpecified;
    }
}
