using System;
using System.Management.Automation;
using System.Security;
using TelecomVerify.Credentials;

namespace TelecomVerify.Commands
{
    /// <summary>The shared base: resolving the credential in force and ending a command with a terminating error.</summary>
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
            catch (ArgumentException ex) { throw Fail(ErrorRecords.Of(ex, "InvalidBaseUriVariable")); }
            // Without a home folder there is no saved file, which matters only when the key must come from it.
            CredentialFile file = null;
            Func<JuheCredential> saved;
            try
            {
                file = NewCredentialFile();
                saved = file.Load;
            }
            catch (CredentialFileException noHome) { saved = () => throw noHome; }
            ResolvedCredential resolved;
            try { resolved = CredentialResolver.Resolve(parameter, SessionCredentialStore.Get(), environment, saved, file?.Path); }
            catch (CredentialFileException ex) { throw Fail(ErrorRecords.Of(ex, "CredentialFileUnusable", file?.Path)); }
            catch (PlatformNotSupportedException ex) { throw Fail(ErrorRecords.Of(ex, "CredentialFileUnsupported", file?.Path)); }
            foreach (var note in resolved.Notes) WriteWarning(note);
            return resolved;
        }

        /// <summary>-WhatIf in force: the switch, or $WhatIfPreference (a script's, or the caller's).</summary>
        internal bool IsWhatIf() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) ? ((SwitchParameter)w).IsPresent
                : GetVariableValue("WhatIfPreference") is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>The current user's saved credential, its owner checked with PowerShell's own stat(2).</summary>
        internal CredentialFile SavedCredentialFile()
        {
            try { return NewCredentialFile(); }
            catch (CredentialFileException ex) { throw Fail(ErrorRecords.Of(ex, "CredentialFileUnusable")); }
        }

        private CredentialFile NewCredentialFile()
        {
            var file = CredentialFile.ForCurrentUser();
            file.Ownership = Ownership();
            return file;
        }

        /// <summary>Who owns a path, by uid, as PowerShell's own stat(2) reads it (UnixStat.UserId, PowerShell 7.3 and later).</summary>
        internal FileOwnership Ownership() => new FileOwnership { UserIdOf = path => UnixStat(path)?.Properties["UserId"]?.Value is int id ? id : (long?)null };

        private PSObject UnixStat(string path)
        {
            if (PrivateFiles.IsWindows || !(System.IO.File.Exists(path) || System.IO.Directory.Exists(path))) return null;
            try
            {
                var item = InvokeProvider.Item.Get(new[] { path }, true, true);
                var stat = item.Count == 1 ? item[0].Properties["UnixStat"]?.Value : null;
                return stat == null ? null : PSObject.AsPSObject(stat);
            }
            catch (Exception ex) when (ex is ProviderInvocationException || ex is ItemNotFoundException)
            {
                return null;
            }
        }

        internal JuheCredential LoadSaved(CredentialFile file)
        {
            try { return file.Load(); }
            catch (CredentialFileException ex) { throw Fail(ErrorRecords.Of(ex, "CredentialFileUnusable", file.Path)); }
            catch (PlatformNotSupportedException ex) { throw Fail(ErrorRecords.Of(ex, "CredentialFileUnsupported", file.Path)); }
        }

        /// <summary>-BaseUri as every cmdlet checks it: one parameter error, before anything else happens.</summary>
        internal void ValidateBaseUri(Uri baseUri)
        {
            if (baseUri == null) return;
            var problem = CredentialResolver.CheckBaseUri(baseUri, "-BaseUri");
            if (problem != null) throw Fail(ErrorRecords.InvalidArgument(problem, "InvalidBaseUri"));
        }

        /// <summary>
        /// Ends the command with a terminating error. Never returns; callers write <c>throw Fail(...)</c>
        /// so that the compiler, and the reader, see that flow stops.
        /// </summary>
        internal Exception Fail(ErrorRecord record)
        {
            ThrowTerminatingError(record);
            return record.Exception;
        }
    }
}
