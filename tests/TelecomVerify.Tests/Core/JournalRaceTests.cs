using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using TelecomVerify.Journal;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    /// <summary>A test that needs root: it runs another local user (nobody) against the module, and only root can start one.</summary>
    public sealed class RootFactAttribute : FactAttribute
    {
        [DllImport("libc", EntryPoint = "geteuid")]
        private static extern uint GetEffectiveUserId();

        public RootFactAttribute()
        {
            if (OperatingSystem.IsWindows()) Skip = "a Unix attack: another uid racing a path in a sticky folder";
            else if (GetEffectiveUserId() != 0) Skip = "needs root to run a second local user (nobody); CI runs as root";
        }
    }

    /// <summary>
    /// Another local user races the journal's name in a shared sticky folder (/tmp), between the module's check of
    /// the path and its open: a file of their own made in the gap, or a link to a file of root's. Whatever the
    /// timing, the run opens its own new file or refuses with JournalUnsafe; the racer never receives a journal and
    /// root's file behind the link is never written.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public sealed class JournalRaceTests : IDisposable
    {
        private const int Runs = 2000;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "tv-race-" + Guid.NewGuid().ToString("N"));
        private readonly string _shared, _loot, _victim, _path;

        public JournalRaceTests()
        {
            _shared = Path.Combine(_dir, "shared");
            _loot = Path.Combine(_dir, "loot");
            _victim = Path.Combine(_dir, "root-only.txt");
            _path = Path.Combine(_shared, "night.journal");
            Directory.CreateDirectory(_shared);
            Directory.CreateDirectory(_loot);
            File.SetUnixFileMode(_dir, (UnixFileMode)Convert.ToInt32("755", 8));
            // The shape of /tmp: anyone may create, only a file's owner may remove it.
            File.SetUnixFileMode(_shared, (UnixFileMode)Convert.ToInt32("1777", 8));
            File.SetUnixFileMode(_loot, (UnixFileMode)Convert.ToInt32("777", 8));
            File.WriteAllBytes(_victim, Array.Empty<byte>());
            File.SetUnixFileMode(_victim, (UnixFileMode)Convert.ToInt32("600", 8));
        }

        public void Dispose() => Directory.Delete(_dir, true);

        [RootFact]
        public void Another_user_who_plants_a_file_in_the_gap_gets_no_journal()
        {
            // Made 0666 in the gap, read for a journal's header, kept as loot if one is there, removed: again and again.
            var (opened, refused) = RaceWith($"umask 0; while :; do : > '{_path}' 2>/dev/null; "
                + $"if grep -qs TelecomVerify '{_path}'; then cp '{_path}' '{_loot}/'$$-$RANDOM; fi; rm -f '{_path}'; done");
            Assert.Empty(Directory.GetFiles(_loot));
            Assert.True(opened > 0 && refused > 0, $"the race was run: {opened} opened, {refused} refused");
        }

        [RootFact]
        public void Another_user_who_plants_a_link_in_the_gap_never_gets_root_s_file_written()
        {
            var (opened, refused) = RaceWith($"while :; do ln -s '{_victim}' '{_path}' 2>/dev/null; rm -f '{_path}'; done");
            Assert.Equal(0, new FileInfo(_victim).Length);
            Assert.True(opened > 0 && refused > 0, $"the race was run: {opened} opened, {refused} refused");
        }

        /// <summary>Opens and closes the journal <see cref="Runs"/> times while <paramref name="script"/> runs as nobody; every open ends in the module's own file or its own refusal.</summary>
        private (int Opened, int Refused) RaceWith(string script)
        {
            int opened = 0, refused = 0;
            // Two racers, so that one is always between its create and its remove.
            var racers = new[] { Racer(script), Racer(script) };
            {
                try
                {
                    for (int i = 0; i < Runs; i++)
                    {
                        try
                        {
                            using (var journal = AnswerJournal.Open(_path, JournalTests.Settings())) opened++;
                            // Ours, made owner-only by this run: removed so that the next run races a free name again.
                            File.Delete(_path);
                        }
                        catch (JournalException ex) when (ex.ErrorId == "JournalUnsafe") { refused++; }
                    }
                }
                finally
                {
                    foreach (var racer in racers)
                    {
                        racer.Kill(entireProcessTree: true);
                        racer.WaitForExit();
                        racer.Dispose();
                    }
                }
            }
            return (opened, refused);
        }

        private static Process Racer(string script) =>
            Process.Start(new ProcessStartInfo("setpriv", new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "bash", "-c", script }));
    }
}
