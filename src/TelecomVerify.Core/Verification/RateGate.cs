using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace TelecomVerify.Verification
{
    /// <summary>
    /// Spaces request starts evenly to stay under a rate, shared by every worker of a run; and
    /// holds them all back after the provider says the IP is over its limit, so the whole run
    /// slows down rather than each row discovering the limit for itself.
    /// </summary>
    internal sealed class RateGate
    {
        private readonly object _lock = new object();
        private readonly long _intervalTicks;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _next;

        /// <summary>One request every 100 s; slower rates overflow the interval and are no use to anyone.</summary>
        public const double MinPerSecond = 0.01;

        /// <param name="perSecond">0: no limit; otherwise at least <see cref="MinPerSecond"/>.</param>
        public RateGate(double perSecond)
        {
            if (double.IsNaN(perSecond) || perSecond < 0 || (perSecond > 0 && perSecond < MinPerSecond))
                throw new ArgumentOutOfRangeException(nameof(perSecond), "A rate is 0 (no limit) or at least " + MinPerSecond + " per second.");
            _intervalTicks = perSecond > 0 ? (long)(Stopwatch.Frequency / perSecond) : 0;
        }

        public Task WaitAsync(CancellationToken token)
        {
            long wait;
            lock (_lock)
            {
                long now = _clock.ElapsedTicks;
                long slot = Math.Max(now, _next);
                _next = slot + _intervalTicks;
                wait = slot - now;
            }
            return wait <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), token);
        }

        public void HoldBack(TimeSpan delay)
        {
            lock (_lock)
            {
                long until = _clock.ElapsedTicks + (long)(delay.TotalSeconds * Stopwatch.Frequency);
                if (until > _next) _next = until;
            }
        }
    }
}
