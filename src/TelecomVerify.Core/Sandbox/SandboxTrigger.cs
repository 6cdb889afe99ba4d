namespace TelecomVerify.Sandbox
{
    /// <summary>A mobile number that makes the sandbox misbehave in one documented way.</summary>
    public sealed class SandboxTrigger
    {
        internal SandboxTrigger(string mobile, SandboxFault fault, int code, bool once, string note)
        {
            Mobile = mobile;
            Fault = fault;
            Code = code;
            Once = once;
            Note = note;
        }

        public string Mobile { get; }
        public SandboxFault Fault { get; }
        /// <summary>The error_code or HTTP status the fault answers with.</summary>
        public int Code { get; }
        /// <summary>True: fails the first time an identity is asked, then answers a match.</summary>
        public bool Once { get; }
        public string Note { get; }
    }

    public enum SandboxFault
    {
        ErrorCode,
        HttpStatus,
        NotJson,
        Hang,
        /// <summary>Answers a match, but only after <see cref="SandboxData.SlowAnswerMs"/>.</summary>
        Slow,
        /// <summary>A broken answer; <see cref="SandboxTrigger.Code"/> says which (see SandboxData).</summary>
        Hostile,
        /// <summary>Sends a valid answer one byte every 200 ms.</summary>
        Drip,
    }
}
