using System;
using TelecomVerify.Masking;

namespace TelecomVerify.Credentials
{
    /// <summary>Key, OpenID and base URI as one store holds them; any may be missing.</summary>
    internal sealed class JuheCredential
    {
        public string ApiKey { get; set; }
        public string OpenId { get; set; }
        public Uri BaseUri { get; set; }
        /// <summary>The user chose plain HTTP to a host other than loopback, knowing the key crosses the network in clear.</summary>
        public bool AllowUnencryptedAuthentication { get; set; }

        // Never the secrets themselves: this object can end up in a log through string conversion.
        public override string ToString() => "ApiKey " + (IdentityMasker.MaskSecret(ApiKey) ?? "(none)") + ", OpenId " + (string.IsNullOrEmpty(OpenId) ? "(none)" : "(set)");
    }
}
