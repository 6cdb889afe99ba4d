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

        /// <summary>Submits every row and drains the finished ones, through the same path the cmdlet uses.</summary>
        internal List<RowOutcome> Run(VerificationOptions options, IEnumerable<RowInput> rows, TimeSpan? timeout = null, string key = null) =>
            Run(options, rows, out _, out _, timeout, key);

        internal List<RowOutcome> Run(VerificationOptions options, IEnumerable<RowInput> rows, out RunFailure stopped, out RunSummary summary,
            TimeSpan? timeout = null, string key = null)
        {
            var outcomes = new List<RowOutcome>();
            using (var run = new VerificationRun(options, Client(timeout, key), ownsClient: true))
            {
                foreach (var row in rows)
                {
                    run.Submit(row);
                    outcomes.AddRange(run.Drain(run.Window, CancellationToken.None));
                    if (run.Stopped != null) break;
                }
                if (run.Stopped == null) outcomes.AddRange(run.Drain(0, CancellationToken.None));
                stopped = run.Stopped;
                summary = run.Summary();
            }
            return outcomes;
        }

        internal static RowInput Row(string name, string id, string mobile) => new RowInput { RealName = name, IdCard = id, Mobile = mobile };

        public void Dispose() => Server.Dispose();
    }
}
