using System;
using System.Management.Automation;
using TelecomVerify.Journal;
using TelecomVerify.Verification;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>What Test-TelecomIdentity writes: finished rows in input order with their warnings and errors, the progress, the verbose log and the summary.</summary>
    public sealed partial class TestTelecomIdentityCommand
    {
        /// <summary>Writes finished rows in order: in batches while rows come in (<paramref name="full"/>), then all of them.</summary>
        private void WriteFinished(bool full)
        {
            try
            {
                var finished = full ? _run.TakeFinishedWhenFull(_stopping.Token, FlushLog) : _run.TakeFinished(0, _stopping.Token, FlushLog);
                foreach (var done in finished) Emit(done);
                FlushLog();
            }
            catch (OperationCanceledException) { throw Stopped(); }
        }

        /// <summary>The summary, then the terminating error if the run stopped itself.</summary>
        private void Finish()
        {
            _progress.Complete(this);
            var summary = _run.Summary();
            if (_sawRow) _journal?.RecordRun(_run.Stopped != null ? JournalRun.Stopped : JournalRun.Finished, summary);
            WriteSummary(summary);
            var stopped = _run.Stopped;
            if (stopped != null)
                throw Fail(ErrorRecords.ForRunStop(stopped, summary.StoppedAtRow,
                    _journal != null ? Text.Format(CmdletMessages.Stop_NextWithJournal, _journal.Path) : CmdletMessages.Stop_NextWithoutJournal));
        }

        private void WriteSummary(RunSummary summary)
        {
            // Shown by default, as Write-Host text is (the PSHOST tag); a caller who chose
            // -InformationAction gets exactly that choice, SilentlyContinue included, which
            // Write-Host itself would ignore.
            bool chosen = MyInvocation.BoundParameters.ContainsKey("InformationAction");
            // -Quiet is for `if (Test-TelecomIdentity … -Quiet)`: the summary is still captured, not shown.
            WriteInformation(summary, chosen || Quiet ? new[] { SummaryTag } : new[] { SummaryTag, "PSHOST" });
        }

        /// <summary>
        /// A run the journal refused before any call (in use, unsafe, another account's, no room) still ends with its
        /// summary, as every run does: a runbook that reads it sees that nothing was sent and where the run stopped.
        /// </summary>
        private void WriteRefusalSummary()
        {
            var now = DateTime.UtcNow;
            WriteSummary(new RunSummary { StoppedAtRow = 1, StartedUtc = now, EndedUtc = now, WhatIf = _whatIf });
        }

        private void FlushLog()
        {
            while (_run.Log.TryDequeue(out var line)) WriteVerbose(line);
            _progress.Update(this, _run);
        }

        private void Emit(FinishedRow outcome)
        {
            var result = outcome.Result;
            _progress.Count(result);
            try
            {
                if (Quiet) WriteObject(result.IsMatch == true);
                else WriteObject(WithColumns(result));
                if (outcome.Warning != null) WriteWarning(outcome.Warning);
                if (outcome.Error != null) WriteError(ErrorRecords.ForRun(outcome.Error, new RowReference(result.Row, result.Mobile, result.SourceFile, result.SourceRow)));
            }
            // The caller ended the pipeline, not Ctrl+C (no StopProcessing came first): $ErrorActionPreference = 'Stop'
            // on a failed row (Windows PowerShell throws ActionPreferenceStopException, PowerShell 7 records the failure
            // and throws PipelineStoppedException), or Select-Object -First and a break downstream (FlowControlException).
            catch (Exception ex) when ((ex is ActionPreferenceStopException || ex is PipelineStoppedException || ex is FlowControlException) && !_stopping.IsCancellationRequested)
            {
                // PowerShell now takes no more output, so the run stops as a Ctrl+C does, except that what is in
                // flight is awaited rather than abandoned: its answers reach the journal instead of being bought again tomorrow.
                _run.StopForCaller();
                _run.AwaitInFlight(TimeSpan.FromSeconds(TimeoutSec + 1), _stopping.Token);
                NoteStop(JournalRun.Stopped);
                throw;
            }
        }

        /// <summary>
        /// The result as PowerShell shows it: a row from a file carries File and FileRow, and the columns
        /// -KeepColumn asked for, first, so that Export-Csv puts HR's 工号 beside its verdict.
        /// </summary>
        private static object WithColumns(IdentityCheckResult result)
        {
            if (result.SourceFile == null && result.KeptColumns == null) return result;
            var shown = PSObject.AsPSObject(result);
            if (result.KeptColumns != null)
                foreach (var column in result.KeptColumns) shown.Properties.Add(new PSNoteProperty(column.Key, column.Value));
            if (result.SourceFile != null)
            {
                // A file's name is text from outside: no control character reaches a terminal or a spreadsheet through it.
                shown.Properties.Add(new PSNoteProperty(KeptColumns.FileProperty, Protocol.SafeText.ForCell(Protocol.SafeText.Clean(result.SourceFile, 4096))));
                shown.Properties.Add(new PSNoteProperty(KeptColumns.FileRowProperty, result.SourceRow));
            }
            return shown;
        }
    }
}
