using System;
using System.Net;

namespace TelecomVerify.Protocol
{
    internal sealed class JuheClientOptions
    {
        public Uri BaseUri { get; set; } = JuheEndpoint.DefaultBaseUri;
        public string ApiKey { get; set; }
        /// <summary>Needed only for the encrypted endpoint.</summary>
        public string OpenId { get; set; }
        /// <summary>Per attempt.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>Null: the system proxy, as Invoke-RestMethod does.</summary>
        public IWebProxy Proxy { get; set; }
        public int MaxConnections { get; set; } = 16;
        /// <summary>The answer is a few hundred bytes; anything far larger is not the provider talking.</summary>
        public int MaxResponseBytes { get; set; } = 64 * 1024;
        public string UserAgent { get; set; } = ModuleInfo.UserAgent;

        /// <summary>The credential in force, as the client sends it: its base URI, key and OpenID.</summary>
        public static JuheClientOptions For(Credentials.ResolvedCredential credential) => new JuheClientOptions
        {
            BaseUri = credential.BaseUri,
            ApiKey = credential.ApiKeyValue,
            OpenId = credential.OpenIdValue,
        };

        /// <summary>An explicit proxy, as Invoke-RestMethod's -Proxy, -ProxyCredential and -ProxyUseDefaultCredentials make it.</summary>
        public static IWebProxy ProxyFor(Uri proxy, NetworkCredential credential, bool useDefaultCredentials)
        {
            if (proxy == null) return null;
            // UseDefaultCredentials first: its setter clears Credentials, so the order matters.
            var web = new WebProxy(proxy) { UseDefaultCredentials = useDefaultCredentials && credential == null };
            if (credential != null) web.Credentials = credential;
            return web;
        }
    }
}
