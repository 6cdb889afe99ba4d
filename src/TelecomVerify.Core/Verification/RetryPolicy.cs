using System;
using TelecomVerify.Errors;
using TelecomVerify.Protocol;
using TelecomVerify.Resources;

namespace TelecomVerify.Verification
{
    public enum RetryVerdict
    {
        /// <summary>This attempt's outcome is the row's.</summary>
        Done,
        /// <summary>Ask again after <see cref="RetryDecision.Delay"/>.</summary>
        Retry,
        /// <summary>Nothing further in the run can succeed: start no new call.</summary>
        StopRun,
    }

    internal readonly struct RetryDecision
    {
        public RetryDecision(RetryVerdict verdict, TimeSpan delay = default, bool holdBackRun = false, string note = null)
        {
            Verdict = verdict;
            Delay = delay;
            HoldBackRun = holdBackRun;
            Note = note;
        }

        public RetryVerdict Verdict { get; }
        public TimeSpan Delay { get; }
        /// <summary>Every request of the run waits out <see cref="Delay"/>, not only this row's.</summary>
        public bool HoldBackRun { get; }
        /// <summary>Why a retry was refused when one was asked for (a Retry-After too long).</summary>
        public string Note { get; }
    }

    /// <summary>
    /// Money first: what happens after one attempt, decided from the answer or the fault and the
    /// attempt number alone, with no clock and no socket. Asked again only when the provider says
    /// so (a code the catalog marks retried, HTTP 429/5xx) or the request never left; never when an answer may
    /// have been billed, unless the user said -RetryUnconfirmed.
    /// </summary>
    internal sealed class RetryPolicy
    {
        /// <summary>A longer Retry-After stops the run rather than stalling it or failing rows one by one.</summary>
        public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

        private readonly int _maxRetries;
        private readonly bool _retryUnconfirmed;
        private readonly TimeSpan _baseDelay, _maxDelay;
        private readonly Func<double> _jitter;

        /// <param name="jitter">A number in [0, 1) per call; a test passes a fixed one.</param>
        public RetryPolicy(int maxRetries, bool retryUnconfirmed, TimeSpan baseDelay, TimeSpan maxDelay, Func<double> jitter)
        {
            _maxRetries = Math.Max(0, maxRetries);
            _retryUnconfirmed = retryUnconfirmed;
            _baseDelay = baseDelay;
            _maxDelay = maxDelay;
            _jitter = jitter ?? throw new ArgumentNullException(nameof(jitter));
        }

        /// <param name="attempt">Attempts made so far, this one included (1 after the first).</param>
        public RetryDecision ForAnswer(int errorCode, int attempt)
        {
            if (errorCode == 0) return new RetryDecision(RetryVerdict.Done);
            var policy = JuheErrorCatalog.PolicyFor(errorCode);
            if (policy.StopsRun) return new RetryDecision(RetryVerdict.StopRun);
            if (!policy.IsRetried || attempt > _maxRetries) return new RetryDecision(RetryVerdict.Done);
            return new RetryDecision(RetryVerdict.Retry, Backoff(attempt), policy.HoldsBackRun);
        }

        public RetryDecision ForFault(TransportFault fault, int? httpStatus, TimeSpan? retryAfter, int attempt)
        {
            if (!IsRetried(fault, httpStatus)) return new RetryDecision(RetryVerdict.Done);
            // Asked to wait longer than a run can: every other row would meet the same wall, so the run stops
            // (ProviderThrottled) rather than failing rows while others are still sent.
            if (retryAfter > MaxRetryAfter)
                return new RetryDecision(RetryVerdict.StopRun, note: Text.Format(Messages.Retry_TooLong, Math.Round(retryAfter.Value.TotalSeconds), MaxRetryAfter.TotalSeconds));
            if (attempt > _maxRetries) return new RetryDecision(RetryVerdict.Done);
            var delay = Backoff(attempt);
            // 429 is "slow down", as 10011 and 10014 are: the whole run waits, not only this row.
            return new RetryDecision(RetryVerdict.Retry, retryAfter > delay ? retryAfter.Value : delay, holdBackRun: httpStatus == 429);
        }

        private bool IsRetried(TransportFault fault, int? httpStatus)
        {
            switch (fault)
            {
                case TransportFault.NotSent: return true;
                case TransportFault.HttpStatus: return httpStatus.HasValue && TransportFaults.IsRetriedStatus(httpStatus.Value);
                case TransportFault.Timeout:
                case TransportFault.ConnectionBroken: return _retryUnconfirmed;
                default: return false;
            }
        }

        /// <summary>Doubling from the base delay up to the ceiling; half fixed, half random, so that
        /// the retries of many rows spread out instead of arriving together.</summary>
        public TimeSpan Backoff(int attempt)
        {
            double ceiling = Math.Min(_maxDelay.TotalMilliseconds, _baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(30, attempt - 1)));
            return TimeSpan.FromMilliseconds(ceiling / 2 + _jitter() * ceiling / 2);
        }
    }
}
