using System;
using TelecomVerify.Masking;

namespace TelecomVerify.Credentials
{
    /// <summary>The credential in force for a call, each value with the source it came from.</summary>
    public sealed class ResolvedCredential
    {
        internal string ApiKeyValue { get; set; }
        internal string OpenIdValue { get; set; }

        // The sources are words (Parameter, Session, Environment, SavedFile…), not enums, so that
        // ConvertTo-Json in a runbook's log carries the word, as it does for a result's Status.
        public string Source => ApiKeySource;
        public string ApiKeySource => ApiKeyFrom.ToString();
        public string OpenIdSource => OpenIdFrom.ToString();
        public string BaseUriSource => BaseUriFrom.ToString();
        internal CredentialSource ApiKeyFrom { get; set; } = CredentialSource.None;
        internal CredentialSource OpenIdFrom { get; set; } = CredentialSource.None;
        internal CredentialSource BaseUriFrom { get; set; } = CredentialSource.Default;
        public Uri BaseUri { get; internal set; }
        /// <summary>Whoever supplied the base URI allowed plain HTTP to a host other than loopback.</summary>
        public bool AllowUnencryptedAuthentication { get; internal set; }
        /// <summary>What was passed over on the way, for the caller to warn about: a saved file that could
        /// not be read though nothing needed it, a base URI a lower source set but the key's source outranks.</summary>
        internal System.Collections.Generic.List<string> Notes { get; } = new System.Collections.Generic.List<string>();

        /// <summary>The CurrentUser credential's file, when there is one: a path shown for a deleted file reads as a credential still saved.</summary>
        public string SavedFile { get; internal set; }

        /// <summary>The key masked: safe to print.</summary>
        public string ApiKey => IdentityMasker.MaskSecret(ApiKeyValue);
        public bool HasApiKey => !string.IsNullOrEmpty(ApiKeyValue);
        public bool HasOpenId => !string.IsNullOrEmpty(OpenIdValue);

        public override string ToString() => "ApiKey " + (ApiKey ?? "(none)") + " from " + ApiKeySource + ", " + BaseUri;
    }
}
