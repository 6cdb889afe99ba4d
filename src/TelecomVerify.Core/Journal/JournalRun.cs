using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TelecomVerify.Protocol;

namespace TelecomVerify.Journal
{
    /// <summary>
    /// How a run that wrote the journal began and ended, kept in the journal itself (a line with its
    /// own MAC): a run that starts and never says how it ended was killed. The next run reads the
    /// last of these, so a scheduler, an auditor or the user resuming knows the night did not finish.
    /// <c>{"run":"started|finished|stopped|interrupted","t":"…","rows":N,"sent":N,"at":N|null}</c>, sealed as every line is.
    /// </summary>
    public sealed class JournalRun
    {
        public const string Started = "started", Finished = "finished", Stopped = "stopped", Interrupted = "interrupted";
        private static readonly byte[] Prefix = Encoding.ASCII.GetBytes("{\"run\":\"");

        /// <summary>started (the run never said how it ended: killed), finished, stopped (by itself or a row's error), interrupted (Ctrl+C).</summary>
        public string How { get; internal set; }
        public DateTime Time { get; internal set; }
        public long Rows { get; internal set; }
        public long Sent { get; internal set; }
        /// <summary>The first row left without a result, when the run did not finish.</summary>
        public long? StoppedAtRow { get; internal set; }

        internal static bool IsRunLine(byte[] b, int at, int length)
        {
            if (length < Prefix.Length) return false;
            for (int i = 0; i < Prefix.Length; i++) if (b[at + i] != Prefix[i]) return false;
            return true;
        }

        internal static byte[] Format(string how, DateTime utc, RunSummary summary, JournalKeys keys, long sequence) =>
            JournalEnvelope.Seal(new StringBuilder(160)
                .Append("{\"run\":\"").Append(how)
                .Append("\",\"t\":\"").Append(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                .Append("\",\"rows\":").Append((summary?.Rows ?? 0).ToString(CultureInfo.InvariantCulture))
                .Append(",\"sent\":").Append((summary?.Sent ?? 0).ToString(CultureInfo.InvariantCulture))
                .Append(",\"at\":").Append(summary?.StoppedAtRow?.ToString(CultureInfo.InvariantCulture) ?? "null")
                .Append('}')
                .ToString(), sequence, keys);

        internal static JournalRun TryParse(string line)
        {
            Dictionary<string, object> map;
            try { map = StrictJsonReader.Parse(line) as Dictionary<string, object>; }
            catch (FormatException) { return null; }
            if (map == null || !JsonFields.Text(map, "run", out var how) || !JsonFields.Time(map, "t", "yyyy-MM-dd'T'HH:mm:ss'Z'", out var time)
                || !JsonFields.Whole(map, "rows", 0, long.MaxValue, out long rows) || !JsonFields.Whole(map, "sent", 0, long.MaxValue, out long sent))
                return null;
            return new JournalRun
            {
                How = how,
                Time = time,
                Rows = rows,
                Sent = sent,
                StoppedAtRow = JsonFields.Whole(map, "at", 1, long.MaxValue, out long at) ? at : (long?)null,
            };
        }
    }
}
