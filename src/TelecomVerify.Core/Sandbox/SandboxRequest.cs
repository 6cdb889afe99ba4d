using System;

namespace TelecomVerify.Sandbox
{
    /// <summary>What the sandbox saw of one request, so tests can check how the module sends.</summary>
    public sealed class SandboxRequest
    {
        public string Method { get; internal set; }
        /// <summary>When the request arrived, by the sandbox's clock: tests measure retry intervals here, not on the client.</summary>
        public DateTime ReceivedUtc { get; internal set; }
        /// <summary>Path and query string exactly as requested.</summary>
        public string Target { get; internal set; }
        public string ContentType { get; internal set; }
        public string UserAgent { get; internal set; }
        /// <summary>The raw body as received (before form decoding).</summary>
        public string Body { get; internal set; }
    }
}
