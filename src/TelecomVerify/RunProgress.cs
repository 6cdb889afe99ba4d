using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using TelecomVerify.Verification;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>
    /// Progress for a run, written from the pipeline thread at most four times a second so that
    /// it costs nothing next to the work (a record per row slows a big run down noticeably).
    /// </summary>
    internal sealed class RunProgress
    {
        private static readonly long Interval = Stopwatch.Frequency / 4;
        private readonly string _activity;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _lastWrite = -Interval;
        private long _done, _failed, _asked;
        private bool _written;

        public RunProgress(string activity) => _activity = activity;

        /// <summary>Rows in the input, when known; 0 when streaming.</summary>
        public long Total { get; set; }

        public void Count(IdentityCheckResult result)
        {
            _done++;
            if (result.StatusKind == CheckStatus.Failed) _failed++;
            // Rows the provider was asked about: the ones that take time. A resumed run's journal rows do not.
            if (result.SourceKind == ResultSource.Remote && result.Attempts > 0) _asked++;
        }

        /// <summary>
        /// Seconds left, at the pace of the rows that were asked: a resumed run answers its first
        /// thousands from the journal in a moment, and a rate over all rows would promise seconds for hours.
        /// </summary>
        internal static double? SecondsRemaining(long total, long done, long asked, double seconds)
        {
            if (total <= 0 || seconds <= 0) return null;
            double rate = asked > 0 ? asked / seconds : done / seconds;
            return rate > 0 ? Math.Max(0, total - done) / rate : (double?)null;
        }

        public void Update(PSCmdlet cmdlet, VerificationRun run)
        {
            long now = _clock.ElapsedTicks;
            if (now - _lastWrite < Interval) return;
            _lastWrite = now;
            double seconds = _clock.Elapsed.TotalSeconds;
            double rate = seconds > 0 ? _done / seconds : 0;
            string done = Total > 0
                ? Text.Format(CmdletMessages.Progress_OfTotal, _done, Total)
                : Text.Format(_done == 1 ? CmdletMessages.Progress_One : CmdletMessages.Progress_Many, _done);
            var record = new ProgressRecord(0x7E1E, _activity, StatusText(done, rate, _failed, run.InFlight));
            if (Total > 0)
            {
                record.PercentComplete = (int)Math.Min(100, _done * 100 / Total);
                var left = SecondsRemaining(Total, _done, _asked, seconds);
                if (left.HasValue) record.SecondsRemaining = (int)Math.Min(int.MaxValue, left.Value);
            }
            int width = MinimalViewWidth(cmdlet);
            if (width > 0) record.StatusDescription = FitMinimalView(_activity, record.StatusDescription, record.SecondsRemaining, width);
            cmdlet.WriteProgress(record);
            _written = true;
        }

        /// <summary>
        /// The width PowerShell 7's one-line progress view (PSStyle.Progress.View = Minimal, its default) draws in:
        /// the console's, at most PSStyle.Progress.MaxWidth. 0 for any other view or host: Windows PowerShell and
        /// the Classic view measure text in cells themselves.
        /// </summary>
        private static int MinimalViewWidth(PSCmdlet cmdlet)
        {
            try
            {
                var progress = (cmdlet.GetVariableValue("PSStyle") is object style ? PSObject.AsPSObject(style).Properties["Progress"]?.Value : null) is object p ? PSObject.AsPSObject(p) : null;
                if (progress == null || !string.Equals(Convert.ToString(progress.Properties["View"]?.Value, CultureInfo.InvariantCulture), "Minimal", StringComparison.Ordinal)) return 0;
                int width = cmdlet.Host?.UI?.RawUI?.BufferSize.Width ?? 0;
                int max = progress.Properties["MaxWidth"]?.Value is int m ? m : 0;
                return max > 0 && (width <= 0 || max < width) ? max : width;
            }
            catch (Exception ex) when (ex is NotImplementedException || ex is System.Management.Automation.Host.HostException || ex is System.IO.IOException || ex is PSInvalidOperationException) { return 0; }
        }

        /// <summary>
        /// The status as the Minimal view should get it. That view lays the line out counting characters, so a
        /// Chinese status (two cells a character) overruns the console by one cell per character, wraps, and leaves
        /// its tail ("255s]") on screen after the run. The status is cut to the cells the bar has, and zero-width
        /// spaces make its character count equal its cells, so the view's own arithmetic fits the line exactly.
        /// </summary>
        internal static string FitMinimalView(string activity, string status, int secondsRemaining, int width)
        {
            int secondsLength = secondsRemaining >= 0 ? secondsRemaining.ToString(CultureInfo.InvariantCulture).Length + 2 : 0;
            int bar = width - Math.Min(activity.Length, width / 2 + 1) - 4;
            int room = bar - secondsLength - 1;
            if (room <= 1) return status;
            if (ConsoleCells.Of(status) > room) status = ConsoleCells.Cut(status, room - 1) + "\u2026";
            int extra = ConsoleCells.Of(status) - status.Length;
            return extra > 0 ? status + new string('\u200B', extra) : status;
        }

        /// <summary>"12 of 40 rows checked, 6 rows/s, 0 failed, 4 in flight"; "1 row/s" when the rate rounds to one.</summary>
        internal static string StatusText(string done, double rate, long failed, int inFlight) =>
            Text.Format(CmdletMessages.Progress_Status, done,
                Text.Format(Math.Round(rate, MidpointRounding.AwayFromZero) == 1 ? CmdletMessages.Progress_RateOne : CmdletMessages.Progress_RateMany, rate), failed, inFlight);

        public void Complete(Cmdlet cmdlet)
        {
            if (!_written) return;
            cmdlet.WriteProgress(new ProgressRecord(0x7E1E, _activity, CmdletMessages.Progress_Done) { RecordType = ProgressRecordType.Completed });
        }
    }
}
