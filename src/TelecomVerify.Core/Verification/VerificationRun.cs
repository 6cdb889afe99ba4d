using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using TelecomVerify.Errors;
using TelecomVerify.Journal;
using TelecomVerify.Masking;
using TelecomVerify.Protocol;
using TelecomVerify.Validation;
using TelecomVerify.Resources;

namespace TelecomVerify.Verification
{
    /// <summary>
    /// The bulk engine's front door. The caller (the pipeline thread) plans and submits rows, and
    /// drains finished ones in input order; calls run on worker tasks, at most ThrottleLimit at once,
    /// and never touch the caller's streams: what they have to say goes to <see cref="Log"/>.
    /// What is retried is <see cref="RetryPolicy"/>'s decision; what a row shows is <see cref="ResultBuilder"/>'s;
    /// identical rows share one call through <see cref="AskedIdentities"/>.
    /// </summary>
    public sealed class VerificationRun : IDisposable
    {
        private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

        private readonly VerificationOptions _options;
        private readonly JuheClient _client;
        private readonly bool _ownsClient;
        private readonly AnswerJournal _journal;
        private readonly SemaphoreSlim _throttle;
        private readonly RateGate _gate;
        private readonly RetryPolicy _policy;
        private readonly ResultBuilder _builder;
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private readonly CancellationTokenSource _noNewCalls;
        private readonly Queue<PlannedRow> _pending = new Queue<PlannedRow>();
        private readonly AskedIdentities _asked = new AskedIdentities();
        private readonly HMACSHA256 _keyHash;
        private readonly Random _random = new Random();
        private readonly DateTime _today;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly RunSummary _summary = new RunSummary { StartedUtc = DateTime.UtcNow };
        private long _rows, _sent, _abandoned, _lastDrained, _unjournalled, _possiblyBilledRows;
        private int _inFlight, _consecutiveFailures;
        private StopCause _stop;
        private bool _drainedToStop;

        /// <param name="client">Null when nothing will be sent (-WhatIf).</param>
        /// <param name="journal">Answers of earlier runs, and where this run's answers go; the caller disposes it.</param>
        public VerificationRun(VerificationOptions options, JuheClient client, bool ownsClient = false, AnswerJournal journal = null)
        {
            _journal = journal;
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _client = client;
            _ownsClient = ownsClient;
            _throttle = new SemaphoreSlim(Math.Max(1, options.ThrottleLimit));
            _gate = new RateGate(options.MaxRequestsPerSecond);
            _policy = new RetryPolicy(options.MaxRetries, options.RetryUnconfirmed, options.RetryBaseDelay, options.RetryMaxDelay, NextJitter);
            _builder = new ResultBuilder(options, journal);
            _noNewCalls = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
            _today = options.Today();
            // The journal's secret, so its entries are found again; else one of the run's own.
            var secret = journal?.Secret;
            if (secret == null)
            {
                secret = new byte[32];
                using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(secret);
            }
            _keyHash = new HMACSHA256(secret);
            // A write that fails (disk full) stops the run as an account stop does: no answer is bought that cannot be kept.
            if (journal != null && !journal.IsReadOnly)
                journal.WriteFailed = ex => StopRun(new StopCause(() => new RunFailure("JournalWriteFailed", FailureCategory.WriteError,
                    Text.Format(Messages.Journal_WriteFailed, journal.Path, Credentials.FileFailure.Describe(ex), Interlocked.Read(ref _unjournalled)))));
            // Enough rows queued to keep every slot busy, few enough that memory stays flat.
            Window = Math.Max(16, options.ThrottleLimit * 4);
        }

        /// <summary>Verbose lines from the workers, masked, for the pipeline thread to write.</summary>
        public ConcurrentQueue<string> Log { get; } = new ConcurrentQueue<string>();

        /// <summary>False (the default): no line is built at all; a run of 50 000 rows makes 50 000 of them.</summary>
        public bool LogEnabled { get; set; }

        /// <summary>How many submitted rows the caller lets wait before it drains.</summary>
        public int Window { get; }

        /// <summary>Rows submitted and not yet drained.</summary>
        public int Pending => _pending.Count;

        /// <summary>Requests on the wire now.</summary>
        public int InFlight => Volatile.Read(ref _inFlight);

        /// <summary>Set once the run has stopped for a reason of its own (an account-level code, the
        /// provider unreachable) and every row that could still be written has been drained.</summary>
        public RunFailure Stopped => _drainedToStop ? _stop.Failure(Summary().StoppedAtRow ?? _lastDrained + 1) : null;

        /// <summary>
        /// The caller turned a row's error into a stop ($ErrorActionPreference = 'Stop'): the run stops as
        /// an account stop does. Nothing new starts, the requests in flight are awaited and their rows
        /// given, so what they cost is kept (and journalled) rather than abandoned and bought again.
        /// </summary>
        public void StopForCaller() =>
            StopRun(new StopCause(new RunFailure("StoppedByErrorAction", FailureCategory.OperationStopped, Messages.Run_StoppedByErrorAction)));

        /// <summary>Waits (at most <paramref name="limit"/>) until no request is on the wire: their answers are then in the journal.</summary>
        public void AwaitInFlight(TimeSpan limit, CancellationToken token)
        {
            var clock = Stopwatch.StartNew();
            while (Volatile.Read(ref _inFlight) > 0 && clock.Elapsed < limit && !token.IsCancellationRequested) Thread.Sleep(20);
        }

        /// <summary>Ctrl+C: abandon what is in flight and start nothing new.</summary>
        public void Cancel() => _cancel.Cancel();

        /// <summary>Reads the row's values, normalizes and checks them, and decides what it will cost. Sends nothing.</summary>
        public PlannedRow Plan(RowInput input)
        {
            long row = ++_rows;
            // What normalization changed beyond the form goes into the row's message.
            var notes = new List<string>(0);
            string name = IdentityNormalizer.NormalizeName(input.RealName, notes);
            string id = IdentityNormalizer.NormalizeIdCard(input.IdCard, notes);
            string mobile = IdentityNormalizer.NormalizeMobile(input.Mobile, notes);

            var problems = new List<ValidationProblem>();
            if (input.BindingProblems != null) problems.AddRange(input.BindingProblems);
            if (problems.Count == 0 && !_options.SkipLocalValidation)
                problems.AddRange(IdentityValidator.Validate(name, id, mobile, _today));
            else if (problems.Count == 0)
                problems.AddRange(MissingOnly(name, id, mobile));

            var planned = new PlannedRow(row, input, name, id, mobile, problems) { Plan = RowPlan.Local, Notes = notes.Count > 0 ? notes : null };
            if (problems.Count > 0) return planned;
            planned.Key = IdentityKey.Of(_keyHash, name, id, mobile);
            if (_asked.TryGet(planned.Key, out var known))
            {
                planned.Plan = RowPlan.Duplicate;
                planned.Call = known;
            }
            else if (_journal != null && _journal.TryFind(planned.Key, _options.Detail, out planned.JournalOffset, out bool possiblyBilled)
                && !(possiblyBilled && _options.RetryUnconfirmed))
            {
                // Money first across runs too: a request an earlier run may have paid for is not asked again unless told.
                planned.Plan = RowPlan.Journal;
            }
            else planned.Plan = RowPlan.Call;
            return planned;
        }

        /// <summary>Plans the row and queues it; a paid call starts as soon as a slot is free.</summary>
        public void Submit(RowInput input) => Submit(Plan(input));

        public void Submit(PlannedRow planned)
        {
            if (planned.Plan == RowPlan.Call)
            {
                if (_client == null) throw new InvalidOperationException("This run has no client: it can only plan.");
                var call = new CallOutcome(planned.Row);
                // Queue for a slot here, on the submitting thread: SemaphoreSlim hands slots to
                // async waiters first come, first served, so calls start in input order.
                var slot = _throttle.WaitAsync(_noNewCalls.Token);
                call.Flight.Running = CallAsync(planned, call, slot);
                _asked.Add(planned.Key, call);
                planned.Call = call;
            }
            _pending.Enqueue(planned);
        }

        /// <summary>
        /// A row that gets no result: declined at -Confirm (its number stays used), or only
        /// estimated under -WhatIf, where it is counted and remembered as if asked.
        /// </summary>
        public void Skip(PlannedRow planned, bool estimate)
        {
            if (!estimate) return;
            _summary.WhatIf = true;
            _summary.Rows++;
            switch (planned.Plan)
            {
                case RowPlan.Call:
                    _summary.Sent++;
                    _asked.Add(planned.Key, new CallOutcome(planned.Row));
                    break;
                case RowPlan.Duplicate: _summary.Duplicates++; break;
                case RowPlan.Journal: _summary.FromJournal++; break;
                default: _summary.RejectedLocally++; break;
            }
        }

        /// <summary>
        /// Finished rows, oldest first, until no more than <paramref name="keep"/> are pending (0: all).
        /// Waits for the oldest while more are pending, calling <paramref name="tick"/> a few times a
        /// second meanwhile. After the run stops, rows whose request was sent are still awaited and
        /// given; the first row never sent ends the run, and <see cref="Stopped"/> says why.
        /// Throws <see cref="OperationCanceledException"/> on <paramref name="token"/>.
        /// </summary>
        public IEnumerable<RowOutcome> Drain(int keep, CancellationToken token, Action tick = null)
        {
            while (_pending.Count > 0 && !_drainedToStop)
            {
                var head = _pending.Peek();
                if (!head.IsDone)
                {
                    if (_pending.Count <= keep && _stop == null) yield break;
                    tick?.Invoke();
                    Wait(head, token);
                    continue;
                }
                if (_stop != null && head.Call != null && head.Call.NeverSent)
                {
                    _summary.StoppedAtRow = head.Row;
                    _drainedToStop = true;
                    yield break;
                }
                // Money first: a paid answer is on disk before its row is written anywhere. The
                // journal's flusher has usually put it there already; if not, this waits for it.
                if (head.Call != null && head.Call.JournalSequence > 0) _journal.EnsureDurable(head.Call.JournalSequence);
                _pending.Dequeue();
                var outcome = _builder.Build(head);
                // From now on the run keeps the flat answer, not the finished task and its state.
                if (head.Call != null && head.Call.FirstRow == head.Row) head.Call.Settle();
                Count(head, outcome.Result);
                _lastDrained = head.Row;
                yield return outcome;
            }
            if (_stop != null && _pending.Count == 0) _drainedToStop = true;
        }

        /// <summary>
        /// What the caller drains after each submitted row: nothing until the window is full, then
        /// down to half of it. Rows leave in batches, so one fsync of the journal covers a batch
        /// rather than every row; memory stays bounded by the window.
        /// </summary>
        public IEnumerable<RowOutcome> DrainWhenFull(CancellationToken token, Action tick = null) =>
            _pending.Count < Window && _stop == null ? Enumerable.Empty<RowOutcome>() : Drain(Window / 2, token, tick);

        /// <summary>
        /// Rows whose answer arrived (or whose request may have been billed) but that were not written
        /// when the run was stopped: PowerShell takes no output once a pipeline stops, so only the
        /// journal keeps them.
        /// </summary>
        public int AnsweredNotOutput()
        {
            int count = 0;
            foreach (var row in _pending)
            {
                var call = row.Call;
                if (call != null && call.FirstRow == row.Row && row.IsDone && (call.Answered || call.PossiblyBilled)) count++;
            }
            return count;
        }

        /// <summary>The totals so far; final once the last row is drained.</summary>
        public RunSummary Summary()
        {
            if (!_summary.WhatIf)
            {
                _summary.Sent = Interlocked.Read(ref _sent);
                // Requests abandoned on the wire at a stop reached the provider as far as anyone knows.
                _summary.PossiblyBilled = _possiblyBilledRows + Interlocked.Read(ref _abandoned);
            }
            _summary.Elapsed = _clock.Elapsed;
            _summary.EndedUtc = _summary.StartedUtc + _summary.Elapsed;
            // Stopped: the first row left without a result, from which a resumed run picks up.
            if (_summary.StoppedAtRow == null && (_stop != null || _cancel.IsCancellationRequested))
                _summary.StoppedAtRow = _pending.Count > 0 ? _pending.Peek().Row : _lastDrained + 1;
            return _summary;
        }

        private void Count(PlannedRow row, IdentityCheckResult result)
        {
            _summary.Rows++;
            // An earlier run's possibly billed request cost nothing in this one.
            if (result.PossiblyBilled && row.Plan != RowPlan.Journal) _possiblyBilledRows++;
            if (row.Plan == RowPlan.Local) _summary.RejectedLocally++;
            else if (row.Plan == RowPlan.Journal) _summary.FromJournal++;
            else if (row.Plan == RowPlan.Duplicate) _summary.Duplicates++;
            else if (result.StatusKind == CheckStatus.Failed) _summary.Failed++;
            else _summary.Answered++;
        }

        private static void Wait(PlannedRow head, CancellationToken token)
        {
            try { head.Call.AsTask().Wait((int)Tick.TotalMilliseconds, token); }
            catch (AggregateException) { /* the outcome says what happened */ }
        }

        private static IEnumerable<ValidationProblem> MissingOnly(string name, string id, string mobile)
        {
            // Even when told to skip validation, an empty value or a control character is never sent.
            foreach (var (field, value) in new[] { (IdentityField.RealName, name), (IdentityField.IdCard, id), (IdentityField.Mobile, mobile) })
            {
                if (string.IsNullOrEmpty(value)) yield return new ValidationProblem(field, Messages.Value_Empty);
                else if (value.Any(char.IsControl)) yield return new ValidationProblem(field, Messages.Value_Control);
            }
        }

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
            bool onTheWire = false;
            try
            {
                string who = LogEnabled ? row.Reference.ToString() : null;
                for (int attempt = 1; ; attempt++)
                {
                    if (_noNewCalls.IsCancellationRequested) return outcome;
                    await _gate.WaitAsync(_noNewCalls.Token).ConfigureAwait(false);
                    if (_noNewCalls.IsCancellationRequested) return outcome;
                    outcome.Attempts = attempt;
                    if (LogEnabled) Log.Enqueue(Text.Format(Messages.Log_Post, _client.AddressOf(_options.Endpoint).AbsoluteUri, who, attempt));
                    // Counted as it leaves, so that a request abandoned at a stop is in the summary too.
                    Interlocked.Increment(ref _sent);
                    onTheWire = true;
                    RetryDecision decision;
                    string said;
                    try
                    {
                        var reply = await _client.QueryAsync(row.Name, row.IdCard, row.Mobile, _options.Detail, _options.Endpoint, _cancel.Token).ConfigureAwait(false);
                        onTheWire = false;
                        outcome.Reached = true;
                        outcome.SetReply(reply);
                        decision = _policy.ForAnswer(reply.ErrorCode, attempt);
                        said = Text.Format(Messages.Log_Code, reply.ErrorCode.ToString(CultureInfo.InvariantCulture), OutcomeMessages.ForCode(reply.ErrorCode));
                        if (decision.Verdict == RetryVerdict.StopRun)
                        {
                            var info = JuheErrorCatalog.Find(reply.ErrorCode);
                            StopRun(new StopCause(new RunFailure(info.ErrorId, info.Policy.Category, said, reply.ErrorCode)));
                        }
                    }
                    catch (JuheTransportException ex)
                    {
                        onTheWire = false;
                        if (ex.Fault == TransportFault.NotSent) Interlocked.Decrement(ref _sent);
                        else outcome.Reached = true;
                        if (ex.PossiblyBilled) outcome.PossiblyBilled = true;
                        decision = _policy.ForFault(ex.Fault, ex.HttpStatus, ex.RetryAfter, attempt);
                        said = ex.Message + (decision.Note == null ? string.Empty : " " + decision.Note)
                            + (ex.PossiblyBilled ? Messages.Http_PossiblyBilled : string.Empty);
                        outcome.SetFailure(new RunFailure(ex.ErrorId, TransportFaults.Category(ex.Fault), said));
                        if (decision.Verdict == RetryVerdict.StopRun)
                            StopRun(new StopCause(new RunFailure("ProviderThrottled", FailureCategory.LimitsExceeded, said)));
                    }
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
                // Ctrl+C while the request was out: it may have reached the provider and been billed.
                if (onTheWire) Interlocked.Increment(ref _abandoned);
                return outcome;
            }
            finally
            {
                outcome.Flight.ElapsedMs = clock.ElapsedMilliseconds;
                Interlocked.Decrement(ref _inFlight);
                _throttle.Release();
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

        public void Dispose()
        {
            _cancel.Cancel();
            if (_ownsClient) _client?.Dispose();
            _noNewCalls.Dispose();
            _cancel.Dispose();
            _keyHash.Dispose();
        }

        /// <summary>Why the run stopped, and what the terminating error says once the rows in flight are written.</summary>
        private sealed class StopCause
        {
            private readonly Func<RunFailure> _reason;

            public StopCause(RunFailure reason) : this(() => reason) { }

            /// <param name="reason">Read when the error is written: a failed journal counts the answers it could not keep until then.</param>
            public StopCause(Func<RunFailure> reason) => _reason = reason;

            public int InFlight;

            /// <param name="row">The first row left without a result: the summary's StoppedAtRow, so the two agree.</param>
            public RunFailure Failure(long row)
            {
                var reason = _reason();
                return new RunFailure(reason.ErrorId, reason.Category,
                    Text.Format(Messages.Run_Stopped, reason.Message, row,
                        InFlight == 0 ? Messages.Run_NoneInFlight : InFlight == 1 ? Messages.Run_OneInFlight : Text.Format(Messages.Run_ManyInFlight, InFlight)),
                    reason.ErrorCode);
            }
        }
    }
}
