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
        private readonly RunSummary _summary = new RunSummary();
        private long _rows, _sent, _lastDrained;
        private int _inFlight, _consecutiveUnreachable;
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
        public RunFailure Stopped => _drainedToStop ? _stop.Failure : null;

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
            else if (_journal != null && _journal.TryFind(planned.Key, _options.Detail, out planned.JournalOffset)) planned.Plan = RowPlan.Journal;
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
                _pending.Dequeue();
                // Money first: a paid answer is on disk before its row is written anywhere; one
                // fsync covers every finished row at the head, not one row each.
                // The scan for the batch runs only when this row is not on disk yet.
                if (head.Call != null && head.Call.JournalSequence > 0 && !_journal.IsDurable(head.Call.JournalSequence)) _journal.EnsureDurable(FinishedSequence());
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

        /// <summary>The highest journal sequence among the finished rows at the head of the queue.</summary>
        private long FinishedSequence()
        {
            long max = 0;
            foreach (var row in _pending)
            {
                if (!row.IsDone) break;
                if (row.Call != null && row.Call.JournalSequence > max) max = row.Call.JournalSequence;
            }
            return max;
        }

        /// <summary>The totals so far; final once the last row is drained.</summary>
        public RunSummary Summary()
        {
            if (!_summary.WhatIf) _summary.Sent = Interlocked.Read(ref _sent);
            _summary.Elapsed = _clock.Elapsed;
            // Stopped: the first row left without a result, from which a resumed run picks up.
            if (_summary.StoppedAtRow == null && (_stop != null || _cancel.IsCancellationRequested))
                _summary.StoppedAtRow = _pending.Count > 0 ? _pending.Peek().Row : _lastDrained + 1;
            return _summary;
        }

        private void Count(PlannedRow row, IdentityCheckResult result)
        {
            _summary.Rows++;
            if (result.PossiblyBilled) _summary.PossiblyBilled++;
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
            try
            {
                string who = LogEnabled ? row.Reference.ToString() : null;
                for (int attempt = 1; ; attempt++)
                {
                    if (_noNewCalls.IsCancellationRequested) return outcome;
                    await _gate.WaitAsync(_noNewCalls.Token).ConfigureAwait(false);
                    if (_noNewCalls.IsCancellationRequested) return outcome;
                    outcome.Attempts = attempt;
                    if (LogEnabled) Log.Enqueue(Text.Format(Messages.Log_Post, _client.EndpointFor(_options.Encrypt).AbsoluteUri, who, attempt));
                    RetryDecision decision;
                    string said;
                    try
                    {
                        var reply = await _client.QueryAsync(row.Name, row.IdCard, row.Mobile, _options.Detail, _options.Encrypt, _cancel.Token).ConfigureAwait(false);
                        Interlocked.Increment(ref _sent);
                        Interlocked.Exchange(ref _consecutiveUnreachable, 0);
                        outcome.SetReply(reply);
                        decision = _policy.ForAnswer(reply.ErrorCode, attempt);
                        said = Text.Format(Messages.Log_Code, reply.ErrorCode.ToString(CultureInfo.InvariantCulture), OutcomeMessages.ForCode(reply.ErrorCode));
                        if (decision.Verdict == RetryVerdict.StopRun)
                        {
                            var info = JuheErrorCatalog.Find(reply.ErrorCode);
                            StopRun(new StopCause(row.Row, new RunFailure(info.ErrorId, info.Policy.Category, said, reply.ErrorCode)));
                        }
                    }
                    catch (JuheTransportException ex)
                    {
                        if (ex.Fault != TransportFault.NotSent) Interlocked.Increment(ref _sent);
                        if (ex.PossiblyBilled) outcome.PossiblyBilled = true;
                        decision = _policy.ForFault(ex.Fault, ex.HttpStatus, ex.RetryAfter, attempt);
                        said = ex.Message + (decision.Note == null ? string.Empty : " " + decision.Note)
                            + (ex.PossiblyBilled ? Messages.Http_PossiblyBilled : string.Empty);
                        outcome.SetFailure(new RunFailure(ex.ErrorId, TransportFaults.Category(ex.Fault), said));
                        if (decision.Verdict == RetryVerdict.Done && TransportFaults.IsUnreachable(ex.Fault)) CountUnreachable(row, said);
                        else if (!TransportFaults.IsUnreachable(ex.Fault)) Interlocked.Exchange(ref _consecutiveUnreachable, 0);
                    }
                    if (decision.Verdict != RetryVerdict.Retry)
                    {
                        if (_journal != null && outcome.Answered) Record(row, outcome);
                        return outcome;
                    }
                    if (decision.HoldBackRun) _gate.HoldBack(decision.Delay);
                    if (LogEnabled) Log.Enqueue(Text.Format(Messages.Retry_In, who, said, decision.Delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)));
                    // Cut short by a stop: the row keeps what its last attempt brought.
                    await Task.Delay(decision.Delay, _noNewCalls.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return outcome;
            }
            finally
            {
                outcome.Flight.ElapsedMs = clock.ElapsedMilliseconds;
                Interlocked.Decrement(ref _inFlight);
                _throttle.Release();
            }
        }

        /// <summary>Appends a billed answer (error_code 0, 227303–227307) to the journal, from the worker, as soon as it arrives.</summary>
        private void Record(PlannedRow row, CallOutcome outcome)
        {
            var policy = outcome.ErrorCode == 0 ? null : JuheErrorCatalog.PolicyFor(outcome.ErrorCode);
            if (policy != null && !policy.IsAnswer) return;
            var entry = new JournalEntry
            {
                Mobile = IdentityMasker.MaskMobile(row.Mobile),
                StatusKind = policy?.Status ?? (outcome.Res == 1 ? CheckStatus.Match : CheckStatus.Mismatch),
                ErrorCode = outcome.ErrorCode,
                OrderId = outcome.OrderId,
                AskedWithDetail = _options.Detail,
                DetailKind = _options.Detail && outcome.ErrorCode == 0 ? OutcomeMessages.Reconciled(outcome.Res, outcome.ResCode) : (MatchDetail?)null,
                Res = outcome.Res,
                ResCode = outcome.ResCode,
                ResMessage = outcome.ResMessage,
                Reason = outcome.Reason,
            };
            outcome.Flight.JournalSequence = _journal.Append(row.Key, DateTime.UtcNow, entry);
        }

        private void CountUnreachable(PlannedRow row, string said)
        {
            int max = _options.MaxConsecutiveFailures;
            if (max <= 0 || Interlocked.Increment(ref _consecutiveUnreachable) < max) return;
            StopRun(new StopCause(row.Row, new RunFailure("ProviderUnreachable", FailureCategory.ConnectionError,
                Text.Format(Messages.Run_Unreachable, max, said))));
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
            private readonly long _row;
            private readonly RunFailure _reason;

            public StopCause(long row, RunFailure reason) { _row = row; _reason = reason; }

            public int InFlight;

            public RunFailure Failure => new RunFailure(_reason.ErrorId, _reason.Category,
                Text.Format(Messages.Run_Stopped, _reason.Message, _row,
                    InFlight == 0 ? Messages.Run_NoneInFlight : InFlight == 1 ? Messages.Run_OneInFlight : Text.Format(Messages.Run_ManyInFlight, InFlight)),
                _reason.ErrorCode);
        }
    }
}
