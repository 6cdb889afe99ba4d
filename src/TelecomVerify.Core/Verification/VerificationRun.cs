using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using TelecomVerify.Journal;
using TelecomVerify.Protocol;
using TelecomVerify.Resources;

namespace TelecomVerify.Verification
{
    /// <summary>
    /// The bulk engine's front door. The caller (the pipeline thread) plans and submits rows, and
    /// takes finished ones back in input order; calls run on worker tasks, at most ThrottleLimit at once,
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
        private readonly RowPlanner _planner;
        private readonly Random _random = new Random();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly RunSummary _summary = new RunSummary { StartedUtc = DateTime.UtcNow };
        private long _sent, _abandoned, _lastTaken, _unjournalled, _possiblyBilledRows;
        private int _inFlight, _consecutiveFailures;
        private StopCause _stop;
        private bool _takenToStop;

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
            var names = new RowNames();
            _builder = new ResultBuilder(options, journal, names);
            _planner = new RowPlanner(options, journal, _asked, names);
            _noNewCalls = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
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

        /// <summary>How many submitted rows the caller lets wait before it takes finished rows back.</summary>
        public int Window { get; }

        /// <summary>Rows submitted and not yet taken back.</summary>
        public int Pending => _pending.Count;

        /// <summary>Requests on the wire now.</summary>
        public int InFlight => Volatile.Read(ref _inFlight);

        /// <summary>Set once the run has stopped for a reason of its own (an account-level code, the
        /// provider unreachable) and every row that could still be written has been taken back. Reading it
        /// changes nothing: the row it names is the one <see cref="Summary"/> will name.</summary>
        public RunFailure Stopped => _takenToStop ? _stop.Failure(_summary.StoppedAtRow ?? FirstRowWithoutResult()) : null;

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

        /// <summary>What the row will cost (<see cref="RowPlanner"/>). Sends nothing.</summary>
        public PlannedRow Plan(BoundRow input) => _planner.Plan(input);

        /// <summary>A row -Skip passes over: it gets no result, and the rows after it keep their numbers.</summary>
        public void PassOver() => _planner.PassOver();

        /// <summary>Plans the row and queues it; a paid call starts as soon as a slot is free.</summary>
        public void Submit(BoundRow input) => Submit(Plan(input));

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

        public void Dispose()
        {
            // The workers end before the caller's journal lets go of its keys: an answer or an abandoned
            // request that arrives during the stop is recorded, not dropped.
            _cancel.Cancel();
            AwaitWorkers(TimeSpan.FromSeconds(2));
            if (_ownsClient) _client?.Dispose();
            _noNewCalls.Dispose();
            _cancel.Dispose();
            _planner.Dispose();
        }
    }
}
