using System.Management.Automation;
using TelecomVerify.Sandbox;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>Stop-JuheSandbox: stops the given sandboxes, or every one this session started.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "JuheSandbox")]
    public sealed class StopJuheSandboxCommand : JuheCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public SandboxServer[] InputObject { get; set; }

        private bool _any;

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            _any = true;
            foreach (var s in InputObject) Stop(s);
        }

        protected override void EndProcessing()
        {
            if (_any) return;
            foreach (var s in SandboxRegistry.All()) Stop(s);
        }

        private void Stop(SandboxServer server)
        {
            server.Stop();
            SandboxRegistry.Remove(server);
            WriteVerbose(Text.Format(CmdletMessages.Verbose_SandboxStopped, server.BaseUri.AbsoluteUri));
        }
    }
}
