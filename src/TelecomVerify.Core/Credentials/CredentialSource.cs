namespace TelecomVerify.Credentials
{
    /// <summary>Where a credential value came from, highest precedence first.</summary>
    public enum CredentialSource
    {
        Parameter,
        Session,
        Environment,
        SavedFile,
        Default,
        None,
    }
}
