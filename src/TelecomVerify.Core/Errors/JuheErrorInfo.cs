using System.Globalization;
using TelecomVerify.Resources;

namespace TelecomVerify.Errors
{
    /// <summary>One documented <c>error_code</c> and what the module does when it arrives.</summary>
    public sealed class JuheErrorInfo
    {
        internal JuheErrorInfo(int code, JuheErrorKind kind, int? legacyCode, string providerText, CodePolicy policy)
        {
            Code = code;
            ErrorKind = kind;
            LegacyCode = legacyCode;
            ProviderText = providerText;
            Policy = policy;
        }

        /// <summary>A copy: PowerShell remembers the type names it adds to an object, so a view for one culture is added to a copy, never to the catalog's own entry.</summary>
        internal JuheErrorInfo Copy() => new JuheErrorInfo(Code, ErrorKind, LegacyCode, ProviderText, Policy);

        public int Code { get; }
        /// <summary>System or Service: a word, not an enum, so that ConvertTo-Json carries it (as for a result's Status).</summary>
        public string Kind => ErrorKind.ToString();
        internal JuheErrorKind ErrorKind { get; }

        /// <summary>The old <c>resultcode</c> of system codes; null for service codes.</summary>
        public int? LegacyCode { get; }

        /// <summary>The provider's Chinese text, verbatim from its document.</summary>
        public string ProviderText { get; }

        /// <summary>What the code means and what to do, in the UI culture's language (from the resources).</summary>
        public string Description => Text.Code(Code);

        internal CodePolicy Policy { get; }

        /// <summary>Transient: asked again with backoff, up to the retry limit.</summary>
        public bool IsRetried => Policy.IsRetried;

        /// <summary>Account-level: nothing further in the run can succeed, so the run stops at once.</summary>
        public bool StopsRun => Policy.StopsRun;

        /// <summary>The IP is over its rate: the whole run waits, not only the row that was told.</summary>
        public bool HoldsBackRun => Policy.HoldsBackRun;

        /// <summary>An answer about the identity (billed): a result, kept in the journal.</summary>
        public bool IsAnswer => Policy.IsAnswer;

        /// <summary>The row status a final answer with this code gives.</summary>
        public string Status => Policy.Status.ToString();

        /// <summary>The ErrorRecord category a failure with this code gets.</summary>
        public string Category => Policy.Category.ToString();

        /// <summary>The stable part of a FullyQualifiedErrorId, e.g. <c>Juhe227301</c>.</summary>
        public string ErrorId => ErrorIdFor(Code);

        internal static string ErrorIdFor(int code) => "Juhe" + code.ToString(CultureInfo.InvariantCulture);

        public override string ToString() => Code.ToString(CultureInfo.InvariantCulture) + " " + Description;
    }
}
