namespace TelecomVerify.Verification
{
    /// <summary>The kinds of failure the engine reports; the cmdlets map each to PowerShell's ErrorCategory.</summary>
    public enum FailureCategory
    {
        ConnectionError,
        OperationTimeout,
        OperationStopped,
        InvalidResult,
        ProtocolError,
        AuthenticationError,
        PermissionDenied,
        QuotaExceeded,
        ResourceUnavailable,
        LimitsExceeded,
        /// <summary>The journal could not be written (disk full, I/O error).</summary>
        WriteError,
    }
}
