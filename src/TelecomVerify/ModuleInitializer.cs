using System;
using System.Management.Automation;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>
    /// Refuses the import on a PowerShell the module does not support, with a message that says what
    /// to install, rather than failing later in the middle of a run (PowerShell 6 to 7.3 lack the
    /// owner-only file APIs of .NET 8, and 7.0/7.1 fail in the Windows access-list path). Windows
    /// PowerShell 5.1 is checked by the manifest (PowerShellVersion, DotNetFrameworkVersion).
    /// Remove-Module stops the sandboxes the session started: a removed module leaves nothing listening.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport()
        {
            string problem = Problem(typeof(PSObject).Assembly.GetName().Version);
            if (problem != null) throw new PlatformNotSupportedException(problem);
        }

        public void OnRemove(PSModuleInfo module)
        {
            foreach (var server in SandboxRegistry.All())
            {
                server.Stop();
                SandboxRegistry.Remove(server);
            }
        }

        /// <param name="engine">The version of System.Management.Automation: 3.0 in Windows PowerShell 5.1, 7.x in PowerShell 7.</param>
        internal static string Problem(Version engine) =>
            engine.Major >= 6 && engine < new Version(7, 4)
                ? Text.Format(CmdletMessages.UnsupportedPowerShell, engine.ToString(2))
                : null;
    }
}
