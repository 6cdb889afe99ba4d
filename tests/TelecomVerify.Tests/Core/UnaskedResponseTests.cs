using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TelecomVerify.Protocol;
using TelecomVerify.Sandbox;
using TelecomVerify.Verification;
using Xunit;
using static TelecomVerify.Tests.Core.SandboxFixture;

namespace TelecomVerify.Tests.Core
{
    /// <summary>
    /// A hostile server that answers every request twice on a kept-alive connection: the right answer
    /// (its order ID names the mobile asked about), then at once a second, unasked one. No row may take
    /// the second: the connection holds unread bytes after a response, and is not used again.
    /// </summary>
    [Collection(TimingSensitive.Name)]
    public sealed class UnaskedResponseTests : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _requests, _connections;

        public UnaskedResponseTests()
        {
            _listener.Start();
            Task.Run(AcceptAsync);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }

        private Uri BaseUri => new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/");

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(); } catch { return; }
                Interlocked.Increment(ref _connections);
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            using (var stream = client.GetStream())
            {
                var wire = new HttpWire(stream, _stop.Token);
                try
                {
                    HttpRequestLine request;
                    while ((request = await wire.ReadAsync()) != null)
                    {
                        Interlocked.Increment(ref _requests);
                        string mobile = FormDecoder.Decode(request.Body)["mobile"];
                        string Answer(string order) => "{\"reason\":\"ok\",\"result\":{\"orderid\":\"" + order + "\",\"res\":1},\"error_code\":0}";
                        // Both in one write: the second is already waiting when the first is read. The order ID
                        // names the row by the number's last four digits (a whole number echoed back would be masked).
                        var both = Encoding.ASCII.GetBytes(Response(Answer("FOR" + mobile.Substring(7))) + Response(Answer("UNASKED")));
                        await stream.WriteAsync(both, 0, both.Length);
                    }
                }
                catch (Exception ex) when (ex is System.IO.IOException || ex is ObjectDisposedException || ex is OperationCanceledException) { }
            }
        }

        private static string Response(string body) =>
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + Encoding.UTF8.GetByteCount(body) + "\r\n\r\n" + body;

        [Fact]
        public void No_row_takes_an_answer_it_never_asked_for()
        {
            var client = new JuheClient(new JuheClientOptions { BaseUri = BaseUri, ApiKey = "k", Timeout = TimeSpan.FromSeconds(10), MaxConnections = 2 });
            var options = FastOptions(throttle: 2);
            var rows = Enumerable.Range(0, 40).Select(i => Row("李雷", "44030619851212123X", "1890007" + i.ToString("D4"))).ToList();
            using (var run = new VerificationRun(options, client, ownsClient: true))
            {
                foreach (var row in rows) run.Submit(row);
                var results = run.TakeFinished(0, CancellationToken.None).Select(o => o.Result).ToList();
                Assert.Equal(40, results.Count);
                Assert.All(results, r => Assert.Equal(CheckStatus.Match, r.StatusKind));
                // Each row's order ID is the one its own request got.
                for (int i = 0; i < 40; i++) Assert.Equal("FOR" + i.ToString("D4"), results[i].OrderId);
                Assert.Equal(40, _requests);
                // Why: every connection was dropped after its one answer, since the unasked bytes stayed unread.
                Assert.Equal(40, _connections);
            }
        }
    }
}
