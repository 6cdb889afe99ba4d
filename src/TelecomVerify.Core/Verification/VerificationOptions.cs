using System;

namespace TelecomVerify.Verification
{
    /// <summary>How a run asks: everything the cmdlet's parameters decide.</summary>
    public sealed class VerificationOptions
    {
        public bool Detail { get; set; }
        public bool Encrypt { get; set; }
        public bool ShowIdentity { get; set; }
        public bool SkipLocalValidation { get; set; }
        /// <summary>Requests in flight at once.</summary>
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;
        /// <summary>0: no rate limit beyond the throttle.</summary>
        public double MaxRequestsPerSecond { get; set; }
        public int MaxRetries { get; set; } = 3;
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>Today's date for the birth-date check (a test can fix it).</summary>
        public Func<DateTime> Today { get; set; } = () => DateTime.Today;

        public const int DefaultThrottleLimit = 4;
    }
}
