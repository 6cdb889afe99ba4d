using TelecomVerify.Resources;

namespace TelecomVerify.Errors
{
    /// <summary>Whether a failure with this id may have cost a paid query.</summary>
    public enum BilledWhen
    {
        /// <summary>No request reached the provider, or it refused to answer: nothing was billed.</summary>
        No,
        /// <summary>A request reached the provider and no readable answer came back.</summary>
        Possibly,
        /// <summary>A provider's code (Juhe&lt;code&gt;): Get-JuheErrorCode says.</summary>
        ByCode,
    }

    /// <summary>One of the ids a Failed row's ErrorId, or a run's stop, carries: what HR's export shows in its ErrorId column.</summary>
    public sealed class FailureId
    {
        internal FailureId(string id, string resourceName, BilledWhen billed)
        {
            Id = id;
            _resourceName = resourceName;
            Billed = billed;
        }

        private readonly string _resourceName;

        /// <summary>The id as the result's ErrorId and the error record's FullyQualifiedErrorId show it; HttpStatusNNN and JuheNNNNN stand for a family.</summary>
        public string Id { get; }

        public BilledWhen Billed { get; }

        /// <summary>What it means, in the UI culture.</summary>
        public string Meaning => Messages.ResourceManager.GetString("Failure_" + _resourceName, Messages.Culture);

        /// <summary>What to do about it, in the UI culture.</summary>
        public string Action => Messages.ResourceManager.GetString("FailureAction_" + _resourceName, Messages.Culture);
    }
}
