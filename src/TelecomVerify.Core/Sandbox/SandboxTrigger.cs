namespace TelecomVerify.Sandbox
{
    /// <summary>A mobile number that makes the sandbox misbehave in one documented way.</summary>
    public sealed class SandboxTrigger
    {
        internal SandboxTrigger(string mobile, SandboxFault fault, bool once, string note)
        {
            Mobile = mobile;
            Fault = fault;
            Once = once;
            Note = note;
        }

        public string Mobile { get; }
        public SandboxFault Fault { get; }
        /// <summary>True: misbehaves the first time an identity is asked, then answers as the provider would.</summary>
        public bool Once { get; }
        public string Note { get; }
    }
}
