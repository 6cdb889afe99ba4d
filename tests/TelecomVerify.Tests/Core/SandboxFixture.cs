using System;
using System.Collections.Generic;
using System.Threading;
using TelecomVerify.Protocol;
using TelecomVerify.Sandbox;
using TelecomVerify.Verification;

namespace TelecomVerify.Tests.Core
{
    /// <summary>A sandbox on a free loopback port, and helpers to run rows through the engine against it.</summary>
    public sealed class SandboxFixture : IDisposable
    {
        public SandboxFixture() : this(0) { }

        internal SandboxFixture(int latencyMs) => Server = new SandboxServer(new SandboxOptions { LatencyMs = latencyMs });

        public SandboxServer Server { get; }

        public JuheClient Client(TimeSpan? timeout = null, string key = null) => new JuheClient(new JuheClientOptions
        {
            BaseUri = Server.BaseUri,
            ApiKey = key ?? Server.ApiKey,
            OpenId = Server.OpenId,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        });

        public static VerificationOptions FastOptions(int throttle = 4) => new VerificationOptions
        {
            ThrottleLimit = throttle,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            Detail = true,
        };

        /// <summary>Submits every row, then takes every outcome, as the cmdlet does.</summary>
        public List<RowOutcome> Run(VerificationOptions options, IEnumerable<RowInput> rows, TimeSpan? timeout = null, string key = null)
        {
            var outcomes = new List<RowOutcome>();
            using (var run = new VerificationRun(options, Client(timeout, key), ownsClient: true))
            {
                // As the cmdlet does: the first outcome that stops the run is the last one taken.
                bool stopped = false;
                foreach (var row in rows)
                {
                    run.Submit(row);
                    while (!stopped && run.TryTake(out var o)) { outcomes.Add(o); stopped = o.Stop != null; }
                    if (stopped) break;
                }
                while (!stopped && run.Pending > 0)
                {
                    var o = run.Take(CancellationToken.None);
                    outcomes.Add(o);
                    stopped = o.Stop != null;
                }
            }
            return outcomes;
        }

        public static RowInput Row(string name, string id, string mobile) => new RowInput { RealName = name, IdCard = id, Mobile = mobile };

        public void Dispose() => Server.Dispose();
    }
}
