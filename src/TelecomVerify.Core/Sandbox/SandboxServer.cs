using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TelecomVerify.Sandbox
{
    /// <summary>
    /// A small HTTP/1.1 server on 127.0.0.1 that speaks the provider's protocol. Written on
    /// sockets rather than HttpListener so that it can take any free port, hang or break on
    /// purpose, and count exactly how many requests are in flight. The wire is <see cref="HttpWire"/>;
    /// the provider's behaviour is <see cref="SandboxProvider"/>; the faults are <see cref="SandboxData"/>'s.
    /// </summary>
    public sealed class SandboxServer : IDisposable
    {
        private const int RecentCapacity = 256;

        private readonly TcpListener _listener;
        private readonly SandboxProvider _provider;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentQueue<SandboxRequest> _recent = new ConcurrentQueue<SandboxRequest>();
        // Keys the hashes by which a test asks what a request carried; the values themselves are not kept.
        private readonly byte[] _requestHashKey = NewHashKey();

        private static byte[] NewHashKey()
        {
            var key = new byte[32];
            using (var rng = System.Security.Cryptography.RandomNumberGenerator.Create()) rng.GetBytes(key);
            return key;
        }
        private readonly ConcurrentDictionary<TcpClient, byte> _connections = new ConcurrentDictionary<TcpClient, byte>();
        private long _requests;
        private int _inFlight;
        private int _maxInFlight;

        public SandboxServer(SandboxOptions options = null)
        {
            Options = options ?? new SandboxOptions();
            _provider = new SandboxProvider(Options.ApiKey, Options.OpenId);
            _listener = new TcpListener(IPAddress.Loopback, Options.Port);
            _listener.Start(512);
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            BaseUri = new Uri("http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + "/");
            Task.Run(AcceptLoopAsync);
        }

        public SandboxOptions Options { get; }
        public int Port { get; }
        public Uri BaseUri { get; }
        public string ApiKey => Options.ApiKey;
        public string OpenId => Options.OpenId;
        public bool IsRunning => !_stop.IsCancellationRequested;

        /// <summary>Requests answered or being answered since start (or the last reset).</summary>
        public long RequestCount => Interlocked.Read(ref _requests);
        public int InFlight => Volatile.Read(ref _inFlight);
        /// <summary>The most requests ever in flight at once since start (or the last reset).</summary>
        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        /// <summary>The last requests, oldest first (at most 256).</summary>
        public SandboxRequest[] RecentRequests => _recent.ToArray();

        /// <summary>Requests that asked about this mobile number (after decryption): what one identity cost.
        /// The first 4096 distinct numbers since start or the last reset are counted.</summary>
        public int RequestsFor(string mobile) => _provider.RequestsFor(mobile);

        public void ResetStatistics()
        {
            _provider.Reset();
            Interlocked.Exchange(ref _requests, 0);
            Interlocked.Exchange(ref _maxInFlight, Volatile.Read(ref _inFlight));
            while (_recent.TryDequeue(out _)) { }
        }

        public void Stop()
        {
            if (_stop.IsCancellationRequested) return;
            _stop.Cancel();
            _listener.Stop();
            foreach (var c in _connections.Keys) c.Dispose();
        }

        public void Dispose() => Stop();

        public override string ToString() => BaseUri.AbsoluteUri;

        /// <summary>The sandbox stands for its base URI: -BaseUri (Start-JuheSandbox) works.</summary>
        public static implicit operator Uri(SandboxServer server) => server?.BaseUri;

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false); }
                catch (ObjectDisposedException) { return; }
                catch (SocketException) { if (_stop.IsCancellationRequested) return; continue; }
                client.NoDelay = true;
                _connections[client] = 0;
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            try
            {
                using (client)
                using (var stream = client.GetStream())
                {
                    var wire = new HttpWire(stream, _stop.Token);
                    while (!_stop.IsCancellationRequested)
                    {
                        var request = await wire.ReadAsync().ConfigureAwait(false);
                        if (request == null) return;
                        var response = await HandleAsync(request.Method, request.Target, request.Headers, request.Body).ConfigureAwait(false);
                        if (response == null) return; // hung until stopped
                        if (response.DripMs > 0) await wire.DripAsync(response).ConfigureAwait(false);
                        else await wire.WriteAsync(response, request.Close).ConfigureAwait(false);
                        if (request.Close) return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is OperationCanceledException)
            {
                // The client went away or the sandbox is stopping: nothing to answer.
            }
            finally
            {
                _connections.TryRemove(client, out _);
            }
        }

        private bool ProxyAuthorized(Dictionary<string, string> headers) =>
            headers.TryGetValue("Proxy-Authorization", out var value)
            && value == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Options.ProxyCredential));

        private async Task<SandboxResponse> HandleAsync(string method, string target, Dictionary<string, string> headers, string body)
        {
            int now = Interlocked.Increment(ref _inFlight);
            try
            {
                Interlocked.Increment(ref _requests);
                int seen;
                while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }

                headers.TryGetValue("Content-Type", out var contentType);
                headers.TryGetValue("User-Agent", out var userAgent);
                _recent.Enqueue(SandboxRequest.Of(method, target, contentType, userAgent, body, _requestHashKey));
                while (_recent.Count > RecentCapacity) _recent.TryDequeue(out _);

                if (Options.ProxyCredential != null && !ProxyAuthorized(headers))
                    return new SandboxResponse { Status = 407, Reason = "Proxy Authentication Required", ContentType = "text/plain", Body = "proxy authentication required", ProxyAuthenticate = "Basic realm=\"sandbox\"" };

                int q = target.IndexOf('?');
                string path = q < 0 ? target : target.Substring(0, q);
                Dictionary<string, string> form;
                if (method == "GET") form = FormDecoder.Decode(q < 0 ? null : target.Substring(q + 1));
                else if (method == "POST") form = FormDecoder.Decode(body);
                else return HttpWire.Plain(405, "Method Not Allowed");

                if (Options.LatencyMs > 0) await Task.Delay(Options.LatencyMs, _stop.Token).ConfigureAwait(false);
                var response = _provider.Answer(path, form);
                if (response.DelayMs > 0) await Task.Delay(response.DelayMs, _stop.Token).ConfigureAwait(false);
                if (response.Hang)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false);
                    return null;
                }
                return response;
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

    }
}
