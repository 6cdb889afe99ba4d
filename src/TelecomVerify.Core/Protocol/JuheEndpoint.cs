using System;

namespace TelecomVerify.Protocol
{
    /// <summary>The provider's two endpoints and its host.</summary>
    public static class JuheEndpoint
    {
        /// <summary>The provider's host over HTTPS: the key and identities are not sent in clear text by default.</summary>
        public static readonly Uri DefaultBaseUri = new Uri("https://v.juhe.cn/");

        public const string QueryPath = "telecomCmcc/query";
        public const string EncryptedQueryPath = "telecomCmcc/queryEncry";

        public static Uri For(Uri baseUri, bool encrypted)
        {
            var root = baseUri ?? DefaultBaseUri;
            if (!root.AbsoluteUri.EndsWith("/", StringComparison.Ordinal)) root = new Uri(root.AbsoluteUri + "/");
            return new Uri(root, encrypted ? EncryptedQueryPath : QueryPath);
        }
    }
}
