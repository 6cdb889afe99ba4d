namespace TelecomVerify.Sandbox
{
    /// <summary>What the sandbox sends back for one request.</summary>
    internal sealed class SandboxResponse
    {
        public int Status = 200;
        public string Reason = "OK";
        public string ContentType = "application/json;charset=utf-8";
        public string Body = string.Empty;
        public bool Hang;
        /// <summary>Extra delay before this answer is sent.</summary>
        public int DelayMs;
        /// <summary>Send the body one byte at a time, this far apart.</summary>
        public int DripMs;
        public string RetryAfter;
        public string Location;
        public string ProxyAuthenticate;

        public static SandboxResponse Json(string body) => new SandboxResponse { Body = body };

        public static SandboxResponse Error(int code, string reason) =>
            Json("{\"reason\":" + Protocol.JsonText.Quote(reason) + ",\"result\":null,\"error_code\":" + code + "}");
    }
}
