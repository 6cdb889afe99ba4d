namespace TelecomVerify.Verification
{
    /// <summary>Named as PowerShell's ErrorCategory members, so the cmdlets map them by name.</summary>
    public enum FailureCategory
    {
        ConnectionError,
        OperationTimeout,
        InvalidResult,
        ProtocolError,
        AuthenticationError,
        PermissionDenied,
        QuotaExceeded,
        ResourceUnavailable,
        LimitsExceeded,
    }
}
