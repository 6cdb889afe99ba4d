using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using TelecomVerify.Journal;
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
    internal sealed partial class VerificationRun : IDisposable
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
        private readonly RowNames _names = new RowNames();
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
            _builder = new ResultBuilder(options, journal, _names);
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
        /// provider unreachable) and every row that could still be written has been drained. Reading it
        /// changes nothing: the row it names is the one <see cref="Summary"/> will name.</summary>
        public RunFailure Stopped => _drainedToStop ? _stop.Failure(_summary.StoppedAtRow ?? FirstRowWithoutResult()) : null;

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

        /// <summary>
        /// After <see cref="Cancel"/>: waits (at most <paramref name="limit"/>, whatever has been cancelled) until every
        /// worker has ended, so that each abandoned request has its possibly billed line queued for the journal and is
        /// counted in the summary. A cancelled request ends at once; the limit only bounds a worker stuck elsewhere.
        /// </summary>
        public void AwaitWorkers(TimeSpan limit)
        {
            var clock = Stopwatch.StartNew();
            while (Volatile.Read(ref _inFlight) > 0 && clock.Elapsed < limit) Thread.Sleep(10);
        }

        /// <summary>Requests abandoned on the wire so far: their rows are never output.</summary>
        public long Abandoned => Interlocked.Read(ref _abandoned);

        /// <summary>Reads the row's values, normalizes and checks them, and decides what it will cost. Sends nothing.</summary>
        public PlannedRow Plan(RowInput input)
        {
            long row = ++_rows;
            if (input.SourceRow > 0) _names.Note(row, input.SourceLabel);
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

        /// <summary>A row -Skip passes over: it gets no result, and the rows after it keep their numbers.</summary>
        public void PassOver() => ++_rows;

        /// <summary>Plans the row and queues it; a paid call starts as soon as a slot is free.</summary>
        public void Submit(RowInput input) => Submit(Plan(input));

        public void Submit(PlannedRow planned)
        {
            if (planned.Plan == RowPlan.Call)
            {
                if (_client == null) throw new InvalidOperationException("This run has no client: it can only plan.");
                var call = new CallOutcome(planned.Row, planned.Input.SourceRow);
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
                    _asked.Add(planned.Key, new CallOutcome(planned.Row, planned.Input.SourceRow));
                    break;
                case RowPlan.Duplicate: _summary.Duplicates++; break;
                case RowPlan.Journal: _summary.FromJournal++; break;
                default: _summary.RejectedLocally++; break;
            }
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

        public void Dispose()
        {
            // The workers end before the caller's journal lets go of its keys: an answer or an abandoned
            // request that arrives during the stop is recorded, not dropped.
            _cancel.Cancel();
            AwaitWorkers(TimeSpan.FromSeconds(2));
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
