using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using TelecomVerify.Verification;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    public class RateGateTests
    {
        [Fact]
        public void Without_a_rate_every_start_passes_at_once()
        {
            var gate = new RateGate(0);
            for (int i = 0; i < 1000; i++) Assert.True(gate.WaitAsync(CancellationToken.None).IsCompleted);
        }

        [Fact]
        public async Task Starts_are_spaced_by_the_interval()
        {
            var gate = new RateGate(20);
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < 6; i++) await gate.WaitAsync(CancellationToken.None);
            // Five gaps of 50 ms; Task.Delay never ends early.
            Assert.True(clock.ElapsedMilliseconds >= 240, clock.ElapsedMilliseconds + " ms");
        }

        [Fact]
        public void A_hold_back_delays_the_next_start()
        {
            var gate = new RateGate(0);
            gate.HoldBack(TimeSpan.FromSeconds(5));
            Assert.False(gate.WaitAsync(CancellationToken.None).IsCompleted);
        }

        [Theory]
        [InlineData(1e-12)]
        [InlineData(1e-9)]
        [InlineData(1e-6)]
        [InlineData(0.0099)]
        [InlineData(-1)]
        [InlineData(double.NaN)]
        public void A_rate_below_the_minimum_is_refused_rather_than_overflowing(double perSecond)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new RateGate(perSecond));
        }

        [Fact]
        public void The_slowest_rate_waits_its_interval_and_can_be_cancelled()
        {
            var gate = new RateGate(RateGate.MinPerSecond);
            Assert.True(gate.WaitAsync(CancellationToken.None).IsCompleted);
            using (var cancel = new CancellationTokenSource())
            {
                var second = gate.WaitAsync(cancel.Token);
                Assert.False(second.IsCompleted);
                cancel.Cancel();
                Assert.ThrowsAny<OperationCanceledException>(() => second.GetAwaiter().GetResult());
            }
        }
    }
}
