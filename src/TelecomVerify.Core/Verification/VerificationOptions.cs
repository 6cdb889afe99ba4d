using System;

namespace TelecomVerify.Verification
{
    /// <summary>How a run asks: everything the cmdlet's parameters decide.</summary>
    internal sealed class VerificationOptions
    {
        public bool Detail { get; set; }
        /// <summary>Which of the provider's endpoints is asked: plain by default, encrypted with -Encrypt.</summary>
        public Protocol.JuheEndpoint Endpoint { get; set; } = Protocol.JuheEndpoint.Plain;
        public bool ShowIdentity { get; set; }
        public bool SkipLocalValidation { get; set; }
        /// <summary>Requests in flight at once.</summary>
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;
        /// <summary>0: no rate limit beyond the throttle; otherwise at least <see cref="RateGate.MinPerSecond"/>.</summary>
        public double MaxRequestsPerSecond { get; set; }
        public int MaxRetries { get; set; } = DefaultMaxRetries;
        /// <summary>A spending limit: requests the run may send, retries included; 0: no limit.</summary>
        public long MaxRequests { get; set; }
        /// <summary>Also ask again after a time-out or a broken connection once the request was sent (it may pay twice).</summary>
        public bool RetryUnconfirmed { get; set; }
        /// <summary>Rows in a row without any answer from the provider before the run stops; 0: never.</summary>
        public int MaxConsecutiveFailures { get; set; } = DefaultMaxConsecutiveFailures;
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>Today's date for the birth-date check (a test can fix it).</summary>
        public Func<DateTime> Today { get; set; } = () => DateTime.Today;

        public const int DefaultThrottleLimit = 4;
        public const int DefaultMaxRetries = 3;
        public const int DefaultMaxConsecutiveFailures = 10;
    }
}
