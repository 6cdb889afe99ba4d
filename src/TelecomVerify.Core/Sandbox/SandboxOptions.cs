namespace TelecomVerify.Sandbox
{
    public sealed class SandboxOptions
    {
        /// <summary>0: any free port.</summary>
        public int Port { get; set; }
        /// <summary>Added before every answer, to imitate the provider's round trip.</summary>
        public int LatencyMs { get; set; }
        public string ApiKey { get; set; } = SandboxData.DefaultApiKey;
        public string OpenId { get; set; } = SandboxData.DefaultOpenId;
        /// <summary>"user:password": the sandbox then acts as a proxy that demands Basic authentication
        /// (407 first, as real proxies do), so a test can show -ProxyCredential is really sent.</summary>
        public string ProxyCredential { get; set; }
    }
}
