namespace TelecomVerify.Sandbox
{
    /// <summary>A person the sandbox's carrier knows: asking with all three gives a match.</summary>
    public sealed class SandboxIdentity
    {
        internal SandboxIdentity(string realName, string idCard, string mobile, bool detailKnown, string note)
        {
            RealName = realName;
            IdCard = idCard;
            Mobile = mobile;
            DetailKnown = detailKnown;
            Note = note;
        }

        public string RealName { get; }
        public string IdCard { get; }
        public string Mobile { get; }
        /// <summary>False: a mismatch is reported as rescode 24 (which element is not said).</summary>
        public bool DetailKnown { get; }
        public string Note { get; }
    }
}
