using System;
using TelecomVerify.Protocol;
using TelecomVerify.Verification;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    /// <summary>The retry policy as a pure decision: no clock, no socket. Money first.</summary>
    public class RetryPolicyTests
    {
        private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(500);

        private static RetryPolicy Policy(int maxRetries = 3, bool retryUnconfirmed = false, double jitter = 0.5) =>
            new RetryPolicy(maxRetries, retryUnconfirmed, Base, TimeSpan.FromSeconds(30), () => jitter);

        [Theory]
        [InlineData(0, RetryVerdict.Done)]
        [InlineData(227303, RetryVerdict.Done)]      // an answer about the identity
        [InlineData(227302, RetryVerdict.Done)]      // failed, and asking again would not help
        [InlineData(227301, RetryVerdict.Retry)]     // the provider says try again
        [InlineData(10014, RetryVerdict.Retry)]
        [InlineData(10011, RetryVerdict.Retry)]
        [InlineData(10001, RetryVerdict.StopRun)]
        [InlineData(10012, RetryVerdict.StopRun)]
        [InlineData(10020, RetryVerdict.StopRun)]
        [InlineData(299999, RetryVerdict.Done)]      // unlisted: a failed row, not a guess
        public void An_answer_is_retried_only_when_the_provider_says_so(int code, RetryVerdict verdict)
        {
            Assert.Equal(verdict, Policy().ForAnswer(code, 1).Verdict);
        }

        [Fact]
        public void A_slow_down_holds_back_the_whole_run_as_the_design_says()
        {
            // DESIGN: a "slow down" (429, 10011, 10014) holds back the whole run; a carrier's "try again" is one row's.
            Assert.True(Policy().ForAnswer(10011, 1).HoldBackRun);
            Assert.True(Policy().ForAnswer(10014, 1).HoldBackRun);
            Assert.False(Policy().ForAnswer(227301, 1).HoldBackRun);
        }

        [Theory]
        [InlineData(TransportFault.NotSent, null, false, RetryVerdict.Retry)]
        [InlineData(TransportFault.HttpStatus, 429, false, RetryVerdict.Retry)]
        [InlineData(TransportFault.HttpStatus, 500, false, RetryVerdict.Retry)]
        [InlineData(TransportFault.HttpStatus, 502, false, RetryVerdict.Retry)]
        [InlineData(TransportFault.HttpStatus, 503, false, RetryVerdict.Retry)]
        [InlineData(TransportFault.HttpStatus, 504, false, RetryVerdict.Retry)]
        [InlineData(TransportFault.HttpStatus, 404, false, RetryVerdict.Done)]
        [InlineData(TransportFault.HttpStatus, 408, false, RetryVerdict.Done)]
        [InlineData(TransportFault.UnreadableAnswer, null, false, RetryVerdict.Done)]
        [InlineData(TransportFault.UnreadableAnswer, null, true, RetryVerdict.Done)]
        [InlineData(TransportFault.Timeout, null, false, RetryVerdict.Done)]
        [InlineData(TransportFault.Timeout, null, true, RetryVerdict.Retry)]
        [InlineData(TransportFault.ConnectionBroken, null, false, RetryVerdict.Done)]
        [InlineData(TransportFault.ConnectionBroken, null, true, RetryVerdict.Retry)]
        public void A_fault_that_may_have_been_billed_is_not_retried_unless_asked(TransportFault fault, int? status, bool retryUnconfirmed, RetryVerdict verdict)
        {
            Assert.Equal(verdict, Policy(retryUnconfirmed: retryUnconfirmed).ForFault(fault, status, null, 1).Verdict);
        }

        [Fact]
        public void Retries_end_at_the_limit()
        {
            var policy = Policy(maxRetries: 2);
            Assert.Equal(RetryVerdict.Retry, policy.ForAnswer(227301, 2).Verdict);
            Assert.Equal(RetryVerdict.Done, policy.ForAnswer(227301, 3).Verdict);
            Assert.Equal(RetryVerdict.Done, Policy(maxRetries: 0).ForFault(TransportFault.NotSent, null, null, 1).Verdict);
        }

        [Fact]
        public void Backoff_doubles_to_the_ceiling_half_fixed_half_random()
        {
            var low = Policy(jitter: 0);
            var high = Policy(jitter: 0.999999);
            Assert.Equal(TimeSpan.FromMilliseconds(250), low.Backoff(1));
            Assert.Equal(TimeSpan.FromMilliseconds(500), low.Backoff(2));
            Assert.Equal(TimeSpan.FromMilliseconds(1000), low.Backoff(3));
            Assert.InRange(high.Backoff(3).TotalMilliseconds, 1999, 2000);
            Assert.Equal(TimeSpan.FromSeconds(15), low.Backoff(20));
            Assert.Equal(TimeSpan.FromSeconds(15), low.Backoff(int.MaxValue));
        }

        [Fact]
        public void Retry_after_is_honoured_up_to_thirty_seconds_429_holds_the_run_and_a_longer_wait_stops_it()
        {
            var policy = Policy(jitter: 0);
            var soon = policy.ForFault(TransportFault.HttpStatus, 429, TimeSpan.FromSeconds(7), 1);
            Assert.Equal((RetryVerdict.Retry, TimeSpan.FromSeconds(7), true), (soon.Verdict, soon.Delay, soon.HoldBackRun));
            Assert.False(policy.ForFault(TransportFault.HttpStatus, 503, null, 1).HoldBackRun);
            // A Retry-After shorter than the backoff does not make the retry come sooner.
            Assert.Equal(TimeSpan.FromMilliseconds(1000), policy.ForFault(TransportFault.HttpStatus, 503, TimeSpan.FromMilliseconds(1), 3).Delay);
            foreach (var huge in new[] { TimeSpan.FromSeconds(31), TimeSpan.FromDays(1), TimeSpan.FromSeconds(99999999) })
            {
                var d = policy.ForFault(TransportFault.HttpStatus, 429, huge, 1);
                Assert.Equal(RetryVerdict.StopRun, d.Verdict);
                Assert.Contains("longer than the 30 s", d.Note);
            }
        }
    }
}
