using System;
using System.Net;

namespace TelecomVerify.Protocol
{
    public sealed class JuheClientOptions
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
    }
}
