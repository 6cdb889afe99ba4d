using System.Management.Automation;
using TelecomVerify.Journal;
using TelecomVerify.Verification;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>A row's way through Test-TelecomIdentity once it is read: paging, planning, consent, submission.</summary>
    public sealed partial class TestTelecomIdentityCommand
    {
        /// <summary>
        /// One row's way through the run: paging (-Skip, -First), planning, consent (-WhatIf, -Confirm), submission;
        /// then whatever rows have finished are written, and a run that stopped itself ends here.
        /// </summary>
        /// <param name="first">The input's first row, or a file's: its columns are every row's.</param>
        private void ProcessRow(BoundRow input, bool first)
        {
            if (first) CheckFirstRow(input);
            EnsureRun();
            // The journal says that a run began; a run that never says how it ended was killed.
            if (!_sawRow) _journal?.RecordRun(JournalRun.Started, null);
            _sawRow = true;
            switch (_paging.Next())
            {
                case RowPage.PassOver: _run.PassOver(); return;
                case RowPage.Beyond: return;
            }
            var planned = _run.Plan(input);
            if (!Consented(planned)) return;
            _run.Submit(planned);
            WriteFinished(full: true);
            if (_run.Stopped != null) Finish();
        }

        /// <summary>What the first row's columns say for every row: a field with no column stops the run before any call; the notes on columns are said once.</summary>
        private void CheckFirstRow(BoundRow input)
        {
            if (input.MissingColumn) throw MissingColumn(input);
            if (input.ColumnNotes != null) foreach (var note in input.ColumnNotes) WriteWarning(note);
            if (_kept == null) return;
            foreach (var pattern in _kept.Unmatched(input.InputObject as PSObject))
                WriteWarning(input.SourceFile == null ? Text.Format(CmdletMessages.KeepColumn_NoMatchInput, Protocol.SafeText.Clean(pattern))
                    : Text.Format(CmdletMessages.KeepColumn_NoMatch, Protocol.SafeText.Clean(pattern), ShownName(input.SourceFile)));
        }

        /// <summary>-WhatIf and -Confirm: false when the row is only estimated or declined (the run counts it as such).</summary>
        private bool Consented(PlannedRow planned)
        {
            // Free rows need no consent; under -WhatIf they still get their line, so the estimate reads whole.
            bool ask = planned.Plan == RowPlan.Call || _whatIf;
            // Under -WhatIf a large file would print a "What if:" line per row (20 000 lines before the one that
            // matters, the estimate): the first rows show what a line means, -Verbose shows them all.
            if (_whatIf && planned.Row > WhatIfLines && !IsVerbose())
            {
                _run.Skip(planned, estimate: true);
                return false;
            }
            if (ask && !ShouldProcess(planned.Reference.ToString(), ActionFor(planned)))
            {
                _run.Skip(planned, estimate: _whatIf);
                return false;
            }
            return true;
        }

        private static string ActionFor(PlannedRow planned)
        {
            switch (planned.Plan)
            {
                case RowPlan.Call: return CmdletMessages.WhatIf_Call;
                case RowPlan.Duplicate: return CmdletMessages.WhatIf_Duplicate;
                case RowPlan.Journal: return CmdletMessages.WhatIf_Journal;
                default: return CmdletMessages.WhatIf_Local;
            }
        }

        private bool IsVerbose()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var v)) return ((SwitchParameter)v).IsPresent;
            return GetVariableValue("VerbosePreference") is ActionPreference p && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
        }
    }
}
