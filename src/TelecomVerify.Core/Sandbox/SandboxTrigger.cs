namespace TelecomVerify.Sandbox
{
    /// <summary>A mobile number that makes the sandbox misbehave in one documented way.</summary>
    public sealed class SandboxTrigger
    {
        internal SandboxTrigger(string mobile, SandboxFault fault, bool once, int? code = null)
        {
            Mobile = mobile;
            Fault = fault;
            Once = once;
            _code = code;
        }

        public string Mobile { get; }
        public SandboxFault Fault { get; }
        /// <summary>True: misbehaves the first time an identity is asked, then answers as the provider would.</summary>
        public bool Once { get; }
        private readonly int? _code;

        /// <summary>What the trigger does, in the user's language (the about topic's table).</summary>
        public string Note => _code.HasValue
            ? Resources.Text.Format(Once ? Resources.Messages.Sandbox_CodeOnce : Resources.Messages.Sandbox_CodeAlways, _code.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : Resources.Messages.ResourceManager.GetString("Sandbox_" + Mobile, Resources.Messages.Culture);
    }
}
