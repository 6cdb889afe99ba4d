using System;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;

namespace TelecomVerify.Commands
{
    /// <summary>
    /// SIGTERM during a run (a scheduler's time limit, systemd's stop, docker stop) is handled as Ctrl+C is: the
    /// runtime would otherwise end the process at once, with the requests in flight unrecorded, no summary, no run
    /// line in the journal and a script's finally blocks never run. Registered for the run only, and only in pwsh's
    /// own console host, which turns the SIGINT sent here into a stop of the pipeline (another host may not).
    /// The handler waits until the run has recorded its stop and let go of its journal, gives the script's finally
    /// blocks a moment (the nightly sample logs and exits there), and then lets SIGTERM end the process as it asks.
    /// PosixSignalRegistration arrived in .NET 6; this assembly targets netstandard2.0, so it is reached by reflection.
    /// </summary>
    internal sealed class SchedulerStop : IDisposable
    {
        private const int SigTerm = -4; // PosixSignal.SIGTERM
        private const int SigInt = 2;
        private static readonly TimeSpan MostForTheRun = TimeSpan.FromSeconds(15), ForFinallyBlocks = TimeSpan.FromSeconds(2);
        private readonly ManualResetEventSlim _ended = new ManualResetEventSlim();
        private IDisposable _registration;

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);

        [DllImport("libc", EntryPoint = "getpid")]
        private static extern int GetProcessId();

        /// <summary>Null where SIGTERM cannot be heard (Windows, .NET before 6) or the host is not pwsh's console.</summary>
        public static SchedulerStop ForRun(string hostName)
        {
            if (Credentials.PrivateFiles.IsWindows || hostName != "ConsoleHost") return null;
            var core = typeof(object).Assembly;
            var registrationType = core.GetType("System.Runtime.InteropServices.PosixSignalRegistration");
            var contextType = core.GetType("System.Runtime.InteropServices.PosixSignalContext");
            var signalType = core.GetType("System.Runtime.InteropServices.PosixSignal");
            if (registrationType == null || contextType == null || signalType == null) return null;
            var stop = new SchedulerStop();
            var actionType = typeof(Action<>).MakeGenericType(contextType);
            var handler = Delegate.CreateDelegate(actionType, stop, typeof(SchedulerStop).GetMethod(nameof(OnTerminate), BindingFlags.NonPublic | BindingFlags.Instance));
            try
            {
                stop._registration = (IDisposable)registrationType.GetMethod("Create", new[] { signalType, actionType })
                    .Invoke(null, new object[] { Enum.ToObject(signalType, SigTerm), handler });
            }
            catch (TargetInvocationException) { return null; /* a platform without signals */ }
            return stop;
        }

        private void OnTerminate(object context)
        {
            try
            {
                // Ctrl+C's own path: the console host stops the pipeline, and the cmdlet records what was in flight.
                if (Kill(GetProcessId(), SigInt) != 0) return;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException) { return; }
            if (_ended.Wait(MostForTheRun)) Thread.Sleep(ForFinallyBlocks);
        }

        /// <summary>The run has ended and let go of its journal: a SIGTERM being handled may now end the process.</summary>
        public void Dispose()
        {
            _registration?.Dispose();
            _ended.Set();
        }
    }
}
