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

        internal JuheClient Client(TimeSpan? timeout = null, string key = null) => new JuheClient(new JuheClientOptions
        {
            BaseUri = Server.BaseUri,
            ApiKey = key ?? Server.ApiKey,
            OpenId = Server.OpenId,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        });

        internal static VerificationOptions FastOptions(int throttle = 4) => new VerificationOptions
        {
            ThrottleLimit = throttle,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            Detail = true,
        };

        /// <summary>Submits every row and takes the finished ones back, through the same path the cmdlet uses.</summary>
        internal List<FinishedRow> Run(VerificationOptions options, IEnumerable<BoundRow> rows, TimeSpan? timeout = null, string key = null) =>
            Run(options, rows, out _, out _, timeout, key);

        internal List<FinishedRow> Run(VerificationOptions options, IEnumerable<BoundRow> rows, out RunFailure stopped, out RunSummary summary,
            TimeSpan? timeout = null, string key = null)
        {
            var outcomes = new List<FinishedRow>();
            using (var run = new VerificationRun(options, Client(timeout, key), ownsClient: true))
            {
                foreach (var row in rows)
                {
                    run.Submit(row);
                    outcomes.AddRange(run.TakeFinished(run.Window, CancellationToken.None));
                    if (run.Stopped != null) break;
                }
                if (run.Stopped == null) outcomes.AddRange(run.TakeFinished(0, CancellationToken.None));
                stopped = run.Stopped;
                summary = run.Summary();
            }
            return outcomes;
        }

        internal static BoundRow Row(string name, string id, string mobile) => new BoundRow { RealName = name, IdCard = id, Mobile = mobile };

        public void Dispose() => Server.Dispose();
    }
}
