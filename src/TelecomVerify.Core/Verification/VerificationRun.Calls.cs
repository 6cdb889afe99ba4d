using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using TelecomVerify.Errors;
using TelecomVerify.Journal;
using TelecomVerify.Masking;
using TelecomVerify.Protocol;
using TelecomVerify.Resources;

namespace TelecomVerify.Verification
{
    /// <summary>The worker's side of a run: a row's requests with their retries, the journal line of each answer as it arrives, the breaker and the stop.</summary>
    internal sealed partial class VerificationRun
    {
        private async Task<CallOutcome> CallAsync(PlannedRow row, CallOutcome outcome, Task slot)
        {
            try
            {
                await slot.ConfigureAwait(false);
                // Off the submitting thread from here on, even when the slot was free at once.
                await Task.Yield();
            }
            catch (OperationCanceledException)
            {
                return outcome;
            }
            var clock = Stopwatch.StartNew();
            Interlocked.Increment(ref _inFlight);
            try
            {
                string who = LogEnabled ? row.Reference.ToString() : null;
                if (!JournalHasRoom()) return outcome;
                for (int attempt = 1; ; attempt++)
                {
                    if (NothingNew) return outcome;
                    await _gate.WaitAsync(_noNewCalls.Token).ConfigureAwait(false);
                    if (NothingNew || !TrySend()) return outcome;
                    var (decision, said) = await AttemptAsync(row, outcome, attempt, who).ConfigureAwait(false);
                    if (decision.Verdict != RetryVerdict.Retry)
                    {
                        CountForBreaker(outcome, said);
                        if (_journal != null && !_journal.IsReadOnly && (outcome.Answered || outcome.PossiblyBilled)) Record(row, outcome);
                        return outcome;
                    }
                    // A "slow down" holds back every request of the run, not only this row's.
                    if (decision.HoldBackRun) _gate.HoldBack(decision.Delay);
                    if (LogEnabled) Log.Enqueue(Text.Format(Messages.Retry_In, who, said, decision.Delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)));
                    // Cut short by a stop: the row keeps what its last attempt brought.
                    await Task.Delay(decision.Delay, _noNewCalls.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return CutShort(row, outcome);
            }
            finally
            {
                outcome.Flight.ElapsedMs = clock.ElapsedMilliseconds;
                Interlocked.Decrement(ref _inFlight);
                _throttle.Release();
            }
        }

        /// <summary>
        /// Stopped while the request was out (Ctrl+C, a scheduler's stop, the cmdlet disposed): it may have reached
        /// the provider and been billed, so it is recorded as such, and no later run with this journal asks it again
        /// unless told. A stop that cut a retry's wait short keeps what the last attempt brought.
        /// </summary>
        private CallOutcome CutShort(PlannedRow row, CallOutcome outcome)
        {
            if (outcome.OnTheWire) Abandon(outcome);
            if (_journal != null && !_journal.IsReadOnly && outcome.PossiblyBilled) Record(row, outcome);
            return outcome;
        }

        /// <summary>
        /// Before a request leaves: room on disk for its line and for that of every other request that can be in
        /// flight, and the run's last line. A disk that fills stops the run here, before a request whose answer could
        /// not be kept, and every request already sent still has its line.
        /// </summary>
        private bool JournalHasRoom()
        {
            if (_journal == null || _journal.IsReadOnly || _journal.HasRoomFor(_options.ThrottleLimit + 1)) return true;
            StopRun(new StopCause(() => new RunFailure("JournalWriteFailed", FailureCategory.WriteError,
                Text.Format(Messages.Journal_NoRoom, _journal.Path, Credentials.FileFailure.Describe(_journal.RoomFailure)))));
            return false;
        }

        /// <summary>
        /// Counts the request as sent as it leaves (so a request abandoned at a stop is in the summary too), within
        /// -MaxRequests, retries included: the count is taken before the request leaves, so that workers racing for the
        /// last request cannot both send it; one that never left gives its place back (<see cref="AttemptAsync"/>).
        /// </summary>
        private bool TrySend()
        {
            long max = _options.MaxRequests;
            if (Interlocked.Increment(ref _sent) <= max || max <= 0) return true;
            Interlocked.Decrement(ref _sent);
            StopRun(new StopCause(new RunFailure("RequestLimitReached", FailureCategory.LimitsExceeded,
                Text.Format(Messages.Run_RequestLimit, max.ToString(CultureInfo.InvariantCulture)))));
            return false;
        }

        private void Abandon(CallOutcome outcome)
        {
            outcome.OnTheWire = false;
            outcome.Abandoned = outcome.Reached = outcome.PossiblyBilled = true;
            outcome.SetFailure(new RunFailure("RequestAbandoned", FailureCategory.OperationStopped, Messages.Run_Abandoned));
            Interlocked.Increment(ref _abandoned);
        }

        /// <summary>
        /// A stop of the run's own, or Ctrl+C: nothing new starts. A row whose slot comes free after Ctrl+C is not
        /// sent, and so neither counted as sent nor as possibly billed; only what was on the wire is abandoned.
        /// </summary>
        private bool NothingNew => _noNewCalls.IsCancellationRequested || _cancel.IsCancellationRequested;

        /// <summary>One request and what to do after it: the answer or the fault, read by the retry policy; a stop it calls for is raised here.</summary>
        private async Task<(RetryDecision Decision, string Said)> AttemptAsync(PlannedRow row, CallOutcome outcome, int attempt, string who)
        {
            outcome.Attempts = attempt;
            if (LogEnabled) Log.Enqueue(Text.Format(Messages.Log_Post, _client.AddressOf(_options.Endpoint).AbsoluteUri, who, attempt));
            outcome.OnTheWire = true;
            try
            {
                var reply = await _client.QueryAsync(row.Name, row.IdCard, row.Mobile, _options.Detail, _options.Endpoint, _cancel.Token).ConfigureAwait(false);
                outcome.OnTheWire = false;
                outcome.Reached = true;
                outcome.SetReply(reply);
                var decision = _policy.ForAnswer(reply.ErrorCode, attempt);
                string said = Text.Format(Messages.Log_Code, reply.ErrorCode.ToString(CultureInfo.InvariantCulture), OutcomeMessages.ForCode(reply.ErrorCode));
                if (decision.Verdict == RetryVerdict.StopRun)
                {
                    var info = JuheErrorCatalog.Find(reply.ErrorCode);
                    StopRun(new StopCause(new RunFailure(info.ErrorId, info.Policy.Category, said, reply.ErrorCode)));
                }
                return (decision, said);
            }
            catch (JuheTransportException ex)
            {
                outcome.OnTheWire = false;
                if (ex.Fault == TransportFault.NotSent) Interlocked.Decrement(ref _sent);
                else outcome.Reached = true;
                if (ex.PossiblyBilled) outcome.PossiblyBilled = true;
                var decision = _policy.ForFault(ex.Fault, ex.HttpStatus, ex.RetryAfter, attempt);
                string said = ex.Message + (decision.Note == null ? string.Empty : " " + decision.Note)
                    + (ex.PossiblyBilled ? Messages.Http_PossiblyBilled : string.Empty);
                outcome.SetFailure(new RunFailure(ex.ErrorId, TransportFaults.Category(ex.Fault), said));
                if (decision.Verdict == RetryVerdict.StopRun)
                    StopRun(new StopCause(new RunFailure("ProviderThrottled", FailureCategory.LimitsExceeded, said)));
                return (decision, said);
            }
        }

        /// <summary>
        /// Appends a billed answer (error_code 0, 227303–227307), or a request that may have been
        /// billed without a readable answer, to the journal, from the worker, as soon as it arrives.
        /// </summary>
        private void Record(PlannedRow row, CallOutcome outcome)
        {
            var policy = outcome.Answered && outcome.ErrorCode != 0 ? JuheErrorCatalog.PolicyFor(outcome.ErrorCode) : null;
            if (policy != null && !policy.IsAnswer) return;
            bool unconfirmed = !outcome.Answered;
            var entry = new JournalEntry
            {
                Mobile = IdentityMasker.MaskMobile(row.Mobile),
                StatusKind = unconfirmed ? CheckStatus.Failed : policy?.Status ?? (outcome.Res == 1 ? CheckStatus.Match : CheckStatus.Mismatch),
                ErrorCode = outcome.ErrorCode,
                OrderId = outcome.OrderId,
                // An answer code (no record, a refused value) has no detail to give, so it serves a -Detail run too.
                ServesDetail = _options.Detail || policy != null || unconfirmed,
                DetailKind = _options.Detail && !unconfirmed && outcome.ErrorCode == 0 ? OutcomeMessages.Reconciled(outcome.Res, outcome.ResCode) : (MatchDetail?)null,
                Res = outcome.Res,
                ResCode = outcome.ResCode,
                ResMessage = outcome.ResMessage,
                Reason = outcome.Reason,
                PossiblyBilled = unconfirmed,
                FailureId = unconfirmed ? outcome.Failure?.ErrorId : null,
            };
            long sequence = _journal.Append(row.Key, DateTime.UtcNow, entry);
            if (sequence == 0) Interlocked.Increment(ref _unjournalled);
            outcome.Flight.JournalSequence = sequence;
        }

        /// <summary>
        /// The breaker: rows that end without an answer for a reason on the provider's side or the
        /// network's (unreachable, time-out, HTTP 5xx or 429, "try again" codes after the retries)
        /// count; any answer resets the count. Enough in a row, and the provider is taken to be down.
        /// </summary>
        private void CountForBreaker(CallOutcome outcome, string said)
        {
            bool providerFailed = outcome.Failure != null || (outcome.Answered && outcome.ErrorCode != 0 && JuheErrorCatalog.PolicyFor(outcome.ErrorCode).IsRetried);
            if (!providerFailed)
            {
                Interlocked.Exchange(ref _consecutiveFailures, 0);
                return;
            }
            int max = _options.MaxConsecutiveFailures;
            if (max <= 0 || Interlocked.Increment(ref _consecutiveFailures) < max) return;
            StopRun(new StopCause(new RunFailure("ProviderUnreachable", FailureCategory.ConnectionError,
                Text.Format(Messages.Run_Unreachable, max, _client.AddressOf(_options.Endpoint).Host, said))));
        }

        private void StopRun(StopCause cause)
        {
            // The first stop is the one reported; later ones in flight add nothing.
            cause.InFlight = Math.Max(0, Volatile.Read(ref _inFlight) - 1);
            if (Interlocked.CompareExchange(ref _stop, cause, null) != null) return;
            _noNewCalls.Cancel();
        }

        private double NextJitter()
        {
            lock (_random) return _random.NextDouble();
        }
    }
}
