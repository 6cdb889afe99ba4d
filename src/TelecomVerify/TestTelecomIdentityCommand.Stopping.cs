using System;
using System.Management.Automation;
using TelecomVerify.Journal;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>How a run of Test-TelecomIdentity that is stopped (Ctrl+C, Select-Object -First, $ErrorActionPreference) still says what it leaves: the journal's last line, the summary on the console and in -InformationVariable.</summary>
    public sealed partial class TestTelecomIdentityCommand
    {
        private PipelineStoppedException Stopped()
        {
            NoteStop(JournalRun.Interrupted);
            return new PipelineStoppedException();
        }

        /// <summary>Once per run, however the stop reached the cmdlet: the journal says how the run ended, the console and -InformationVariable get the summary.</summary>
        private void NoteStop(string how)
        {
            if (_stopNoted || _run == null) return;
            _stopNoted = true;
            // Whatever stopped the run, what is still on the wire is abandoned now, and each such request is
            // recorded as possibly billed before the run's line: that line's fsync puts them on disk too.
            _run.Cancel();
            _run.AwaitWorkers(TimeSpan.FromSeconds(2));
            if (_sawRow) _journal?.RecordRun(how, _run.Summary());
            WriteStopNote();
        }

        /// <summary>What a stop left behind, on the console: the pipeline takes no output once it is stopping.</summary>
        private void WriteStopNote()
        {
            int notOutput = _run.AnsweredNotOutput();
            string kept = notOutput == 0 ? string.Empty : _journal != null
                ? Text.Format(CmdletMessages.Stopped_NotOutputKept, notOutput, _journal.Path)
                : Text.Format(CmdletMessages.Stopped_NotOutputLost, notOutput);
            long abandoned = _run.Abandoned;
            string doubt = abandoned == 0 ? string.Empty : _journal != null && !_journal.IsReadOnly
                ? Text.Format(CmdletMessages.Stopped_AbandonedKept, abandoned, _journal.Path)
                : Text.Format(CmdletMessages.Stopped_AbandonedLost, abandoned);
            string summary = _run.Summary() + kept + doubt + (_journal != null ? CmdletMessages.Stopped_Resume : CmdletMessages.Stopped_UseJournal);
            try { Host?.UI?.WriteLine(summary); }
            catch (Exception ex) when (ex is NotImplementedException || ex is System.Management.Automation.Host.HostException) { /* a host without a console */ }
            CaptureSummary(_run.Summary());
        }

        /// <summary>
        /// A stopping pipeline takes no WriteInformation, so -InformationVariable would stay empty exactly when
        /// its numbers matter most: the summary is added to the caller's variable directly, as PowerShell would have.
        /// </summary>
        private void CaptureSummary(RunSummary summary)
        {
            if (!MyInvocation.BoundParameters.TryGetValue("InformationVariable", out var name) || !(name is string variable)) return;
            variable = variable.TrimStart('+');
            try
            {
                if (!(SessionState.PSVariable.GetValue(variable) is System.Collections.IList list)) return;
                var record = new InformationRecord(summary, MyInvocation.MyCommand.Name);
                record.Tags.Add(SummaryTag);
                list.Add(record);
            }
            catch (Exception ex) when (ex is NotSupportedException || ex is InvalidOperationException || ex is SessionStateException) { /* a fixed or read-only variable: the console has the summary */ }
        }
    }
}
