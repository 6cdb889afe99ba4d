namespace TelecomVerify.Validation
{
    /// <summary>The three elements, named as the cmdlet's parameters name them.</summary>
    internal enum IdentityField
    {
        RealName,
        IdCard,
        Mobile,
    }
}
