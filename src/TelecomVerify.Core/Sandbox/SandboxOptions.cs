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
    }
}
