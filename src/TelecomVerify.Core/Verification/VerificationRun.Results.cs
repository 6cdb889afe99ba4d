using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace TelecomVerify.Verification
{
    /// <summary>The pipeline's side of a run: finished rows handed back in input order, counted into the summary.</summary>
    internal sealed partial class VerificationRun
    {
        /// <summary>
        /// Finished rows, oldest first, until no more than <paramref name="keep"/> are pending (0: all).
        /// Waits for the oldest while more are pending, calling <paramref name="tick"/> a few times a
        /// second meanwhile. After the run stops, rows whose request was sent are still awaited and
        /// given; the first row never sent ends the run, and <see cref="Stopped"/> says why.
        /// Lazy, and it takes: each row leaves the run and is counted into the summary as the caller
        /// reads it, so a row not read stays pending. Throws <see cref="OperationCanceledException"/> on <paramref name="token"/>.
        /// </summary>
        public IEnumerable<FinishedRow> TakeFinished(int keep, CancellationToken token, Action tick = null)
        {
            while (_pending.Count > 0 && !_takenToStop)
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
                    _takenToStop = true;
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
                _lastTaken = head.Row;
                yield return outcome;
            }
            if (_stop != null && _pending.Count == 0) _takenToStop = true;
        }

        /// <summary>
        /// What the caller takes back after each submitted row: nothing until the window is full, then
        /// down to half of it. Rows leave in batches, so one fsync of the journal covers a batch
        /// rather than every row; memory stays bounded by the window.
        /// </summary>
        public IEnumerable<FinishedRow> TakeFinishedWhenFull(CancellationToken token, Action tick = null) =>
            _pending.Count < Window && _stop == null ? Enumerable.Empty<FinishedRow>() : TakeFinished(Window / 2, token, tick);

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
                if (call != null && call.FirstRow == row.Row && row.IsDone && !call.Abandoned && (call.Answered || call.PossiblyBilled)) count++;
            }
            return count;
        }

        /// <summary>The totals so far; final once the last row is taken back.</summary>
        public RunSummary Summary()
        {
            if (!_summary.WhatIf)
            {
                _summary.Sent = Interlocked.Read(ref _sent);
                // Requests abandoned on the wire at a stop reached the provider as far as anyone knows.
                _summary.PossiblyBilled = _possiblyBilledRows + Interlocked.Read(ref _abandoned);
            }
            _summary.RequestLimit = _options.MaxRequests > 0 ? _options.MaxRequests : (long?)null;
            _summary.Elapsed = _clock.Elapsed;
            _summary.EndedUtc = _summary.StartedUtc + _summary.Elapsed;
            // Stopped: the first row left without a result, from which a resumed run picks up.
            if (_summary.StoppedAtRow == null && (_stop != null || _cancel.IsCancellationRequested))
                _summary.StoppedAtRow = FirstRowWithoutResult();
            return _summary;
        }

        private long FirstRowWithoutResult() => _pending.Count > 0 ? _pending.Peek().Row : _lastTaken + 1;

        private void Count(PlannedRow row, IdentityCheckResult result)
        {
            _summary.Rows++;
            // An abandoned request is counted once, when it is abandoned, whether its row is output or not; a
            // duplicate adds no request. What an earlier run may have paid for is counted as it is served again, so
            // that a resumed run's summary (and a nightly job's exit code) still shows it.
            if (result.PossiblyBilled && (row.Plan == RowPlan.Call && !row.Call.Abandoned || row.Plan == RowPlan.Journal)) _possiblyBilledRows++;
            if (row.Plan == RowPlan.Local) _summary.RejectedLocally++;
            else if (row.Plan == RowPlan.Journal)
            {
                _summary.FromJournal++;
                if (result.StatusKind == CheckStatus.Failed) _summary.Failed++;
            }
            else if (row.Plan == RowPlan.Duplicate) _summary.Duplicates++;
            else if (result.StatusKind == CheckStatus.Failed) _summary.Failed++;
            else _summary.Answered++;
        }

        private static void Wait(PlannedRow head, CancellationToken token)
        {
            try { head.Call.AsTask().Wait((int)Tick.TotalMilliseconds, token); }
            catch (AggregateException) { /* the outcome says what happened */ }
        }
    }
}
