using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using TelecomVerify.Sandbox;

namespace TelecomVerify.Commands
{
    /// <summary>
    /// The sandboxes each runspace started, so Stop-JuheSandbox without arguments stops this
    /// session's and never another runspace's.
    /// </summary>
    internal static class SandboxRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, List<SandboxServer>> Started = new ConditionalWeakTable<Runspace, List<SandboxServer>>();

        private static List<SandboxServer> Mine() =>
            Started.GetValue(Runspace.DefaultRunspace ?? throw new System.InvalidOperationException("No runspace."), _ => new List<SandboxServer>());

        public static void Add(SandboxServer server) { var list = Mine(); lock (list) list.Add(server); }

        public static void Remove(SandboxServer server) { var list = Mine(); lock (list) list.Remove(server); }

        public static SandboxServer[] All() { var list = Mine(); lock (list) return list.ToArray(); }
    }
}
