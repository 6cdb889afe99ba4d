namespace TelecomVerify.Errors
{
    /// <summary>The provider's two families of codes: 1xxxx are the platform's, 2273xx this service's.</summary>
    public enum JuheErrorKind
    {
        System,
        Service,
    }
}
