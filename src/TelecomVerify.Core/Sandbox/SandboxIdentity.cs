namespace TelecomVerify.Sandbox
{
    /// <summary>A person the sandbox's carrier knows: asking with all three gives a match.</summary>
    public sealed class SandboxIdentity
    {
        internal SandboxIdentity(string realName, string idCard, string mobile, bool detailKnown)
        {
            RealName = realName;
            IdCard = idCard;
            Mobile = mobile;
            DetailKnown = detailKnown;
        }

        public string RealName { get; }
        public string IdCard { get; }
        public string Mobile { get; }
        /// <summary>False: a mismatch is reported as rescode 24 (which element is not said).</summary>
        public bool DetailKnown { get; }
        /// <summary>What the identity shows, in the user's language (the about topic's table).</summary>
        public string Note => Resources.Messages.ResourceManager.GetString("Sandbox_" + Mobile, Resources.Messages.Culture);
    }
}
