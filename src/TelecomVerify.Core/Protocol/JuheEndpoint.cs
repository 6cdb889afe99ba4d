using System;
using System.Collections.Generic;

namespace TelecomVerify.Protocol
{
    /// <summary>
    /// One of the provider's endpoints: its path under the base URI, and whether the three values travel
    /// encrypted with the OpenID. A request names its endpoint; nothing else in the module knows the paths.
    /// </summary>
    public sealed class JuheEndpoint
    {
        /// <summary>The provider's host over HTTPS: the key and identities are not sent in clear text by default.</summary>
        public static readonly Uri DefaultBaseUri = new Uri("https://v.juhe.cn/");

        /// <summary>telecomCmcc/query: the values as they are.</summary>
        public static readonly JuheEndpoint Plain = new JuheEndpoint("telecomCmcc/query", encryptsValues: false);

        /// <summary>telecomCmcc/queryEncry: the values AES-encrypted with a key derived from the OpenID.</summary>
        public static readonly JuheEndpoint Encrypted = new JuheEndpoint("telecomCmcc/queryEncry", encryptsValues: true);

        public static IReadOnlyList<JuheEndpoint> All { get; } = new[] { Plain, Encrypted };

        private JuheEndpoint(string path, bool encryptsValues)
        {
            Path = path;
            EncryptsValues = encryptsValues;
        }

        /// <summary>Relative to the base URI.</summary>
        public string Path { get; }

        /// <summary>The values are sent encrypted: the client needs the OpenID.</summary>
        public bool EncryptsValues { get; }

        /// <summary>The endpoint's address under <paramref name="baseUri"/> (the provider's when null).</summary>
        public Uri On(Uri baseUri)
        {
            var root = baseUri ?? DefaultBaseUri;
            if (!root.AbsoluteUri.EndsWith("/", StringComparison.Ordinal)) root = new Uri(root.AbsoluteUri + "/");
            return new Uri(root, Path);
        }

        /// <summary>The endpoint a request path names, as the sandbox reads it; null for any other path.</summary>
        public static JuheEndpoint ForRequestPath(string path)
        {
            foreach (var endpoint in All)
                if (path != null && path.EndsWith("/" + endpoint.Path, StringComparison.Ordinal)) return endpoint;
            return null;
        }

        public override string ToString() => Path;
    }
}
