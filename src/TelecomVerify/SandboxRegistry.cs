using System.Collections.Generic;
using TelecomVerify.Sandbox;

namespace TelecomVerify.Commands
{
    /// <summary>The sandboxes this process started, so Stop-JuheSandbox without arguments stops them all.</summary>
    internal static class SandboxRegistry
    {
        private static readonly List<SandboxServer> Servers = new List<SandboxServer>();

        public static void Add(SandboxServer server) { lock (Servers) Servers.Add(server); }

        public static void Remove(SandboxServer server) { lock (Servers) Servers.Remove(server); }

        public static SandboxServer[] All() { lock (Servers) return Servers.ToArray(); }
    }
}
