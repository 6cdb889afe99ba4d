using TelecomVerify.Resources;

namespace TelecomVerify.Verification
{
    /// <summary>What an error record says: a stable id, a category, and a message free of secrets and identities.</summary>
    internal sealed class RunFailure
    {
        public RunFailure(string errorId, FailureCategory category, string message, int? errorCode = null)
        {
            ErrorId = errorId;
            Category = category;
            Message = message;
            ErrorCode = errorCode;
        }

        /// <summary>The run stopped (an account-level code, Ctrl+C) before this row's request was sent.</summary>
        internal static RunFailure NotAsked => new RunFailure("NotAsked", FailureCategory.OperationStopped, Messages.NotAsked);

        /// <summary>E.g. <c>Juhe227301</c>, <c>HttpStatus500</c>, <c>Timeout</c>, <c>Juhe10001</c>.</summary>
        public string ErrorId { get; }
        public FailureCategory Category { get; }
        public string Message { get; }
        public int? ErrorCode { get; }

        public override string ToString() => Message;
    }
}
