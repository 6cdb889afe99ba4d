namespace TelecomVerify.Errors
{
    /// <summary>One documented <c>error_code</c> and what the module does when it arrives.</summary>
    public sealed class JuheErrorInfo
    {
        internal JuheErrorInfo(int code, JuheErrorKind kind, int? legacyCode, string providerText,
            string description, bool isRetried, bool stopsRun, CheckStatus status)
        {
            Code = code;
            Kind = kind;
            LegacyCode = legacyCode;
            ProviderText = providerText;
            Description = description;
            IsRetried = isRetried;
            StopsRun = stopsRun;
            Status = status;
        }

        public int Code { get; }
        public JuheErrorKind Kind { get; }

        /// <summary>The old <c>resultcode</c> of system codes; null for service codes.</summary>
        public int? LegacyCode { get; }

        /// <summary>The provider's Chinese text, verbatim from its document.</summary>
        public string ProviderText { get; }

        public string Description { get; }

        /// <summary>Transient: asked again with backoff, up to the retry limit.</summary>
        public bool IsRetried { get; }

        /// <summary>Account-level: nothing further in the run can succeed, so the run stops at once.</summary>
        public bool StopsRun { get; }

        /// <summary>The row status a final answer with this code gives.</summary>
        public CheckStatus Status { get; }

        /// <summary>The stable part of a FullyQualifiedErrorId, e.g. <c>Juhe227301</c>.</summary>
        public string ErrorId => "Juhe" + Code.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public override string ToString() => Code.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + Description;
    }
}
