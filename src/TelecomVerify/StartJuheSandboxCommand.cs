using System.Management.Automation;
using System.Net.Sockets;
using System.Threading;
using TelecomVerify.Sandbox;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>Start-JuheSandbox: a loopback server that answers like the provider, for free.</summary>
    [Cmdlet(VerbsLifecycle.Start, "JuheSandbox")]
    [OutputType(typeof(SandboxServer))]
    public sealed class StartJuheSandboxCommand : JuheCmdlet
    {
        private readonly ManualResetEventSlim _stopped = new ManualResetEventSlim();

        /// <summary>0 (the default): any free port.</summary>
        [Parameter, ValidateRange(0, 65535)]
        public int Port { get; set; }

        [Parameter, ValidateRange(0, 600000)]
        public int LatencyMs { get; set; }

        /// <summary>The key the sandbox accepts; any other gets 10001. Not a secret.</summary>
        [Parameter]
        public string ApiKey { get; set; } = SandboxData.DefaultApiKey;

        [Parameter]
        public string OpenId { get; set; } = SandboxData.DefaultOpenId;

        /// <summary>Serve until Ctrl+C, for a benchmark or a runbook in another process.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        protected override void EndProcessing()
        {
            SandboxServer server = null;
            try { server = new SandboxServer(new SandboxOptions { Port = Port, LatencyMs = LatencyMs, ApiKey = ApiKey, OpenId = OpenId }); }
            catch (SocketException ex) { throw Fail(ErrorRecords.Of(ex, "SandboxPortUnavailable", Port)); }

            if (!Wait)
            {
                SandboxRegistry.Add(server);
                WriteVerbose(Text.Format(CmdletMessages.Verbose_SandboxListens, server.BaseUri.AbsoluteUri, server.ApiKey));
                WriteObject(server);
                return;
            }
            try
            {
                // Host output, not the pipeline: a process waiting for this line must see it now.
                Host.UI.WriteLine(Text.Format(CmdletMessages.SandboxListening, server.BaseUri.AbsoluteUri));
                _stopped.Wait();
            }
            finally
            {
                server.Stop();
            }
        }

        protected override void StopProcessing() => _stopped.Set();
    }
}
