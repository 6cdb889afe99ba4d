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
    /// purpose, and count exactly how many requests are in flight.
    /// </summary>
    public sealed class SandboxServer : IDisposable
    {
        private const int MaxHeaderBytes = 16 * 1024;
        private const int MaxBodyBytes = 1024 * 1024;
        private const int RecentCapacity = 256;

        private readonly TcpListener _listener;
        private readonly SandboxProvider _provider;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentQueue<SandboxRequest> _recent = new ConcurrentQueue<SandboxRequest>();
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

        public void ResetStatistics()
        {
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
                    var buffer = new byte[8192];
                    int length = 0;
                    while (!_stop.IsCancellationRequested)
                    {
                        int headerEnd;
                        while ((headerEnd = IndexOfHeaderEnd(buffer, length)) < 0)
                        {
                            if (length >= MaxHeaderBytes) { await WriteAsync(stream, Plain(431, "Request Header Fields Too Large"), true).ConfigureAwait(false); return; }
                            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                            int n = await stream.ReadAsync(buffer, length, buffer.Length - length, _stop.Token).ConfigureAwait(false);
                            if (n == 0) return;
                            length += n;
                        }

                        var lines = Encoding.ASCII.GetString(buffer, 0, headerEnd).Split(new[] { "\r\n" }, StringSplitOptions.None);
                        var start = lines[0].Split(' ');
                        if (start.Length != 3) { await WriteAsync(stream, Plain(400, "Bad Request"), true).ConfigureAwait(false); return; }
                        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                        for (int i = 1; i < lines.Length; i++)
                        {
                            int colon = lines[i].IndexOf(':');
                            if (colon > 0) headers[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
                        }
                        int contentLength = 0;
                        if (headers.TryGetValue("Transfer-Encoding", out var te) && te.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0)
                        { await WriteAsync(stream, Plain(411, "Length Required"), true).ConfigureAwait(false); return; }
                        if (headers.TryGetValue("Content-Length", out var cl) && (!int.TryParse(cl, NumberStyles.None, CultureInfo.InvariantCulture, out contentLength) || contentLength > MaxBodyBytes))
                        { await WriteAsync(stream, Plain(413, "Payload Too Large"), true).ConfigureAwait(false); return; }

                        int bodyStart = headerEnd + 4, end = bodyStart + contentLength;
                        if (end > buffer.Length) Array.Resize(ref buffer, end);
                        while (length < end)
                        {
                            int n = await stream.ReadAsync(buffer, length, end - length, _stop.Token).ConfigureAwait(false);
                            if (n == 0) return;
                            length += n;
                        }
                        string body = Encoding.UTF8.GetString(buffer, bodyStart, contentLength);
                        Buffer.BlockCopy(buffer, end, buffer, 0, length - end);
                        length -= end;

                        bool close = headers.TryGetValue("Connection", out var conn) && conn.Equals("close", StringComparison.OrdinalIgnoreCase);
                        var response = await HandleAsync(start[0], start[1], headers, body).ConfigureAwait(false);
                        if (response == null) return; // hung until stopped
                        if (response.DripMs > 0) await DripAsync(stream, response).ConfigureAwait(false);
                        else await WriteAsync(stream, response, close).ConfigureAwait(false);
                        if (close) return;
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
                _recent.Enqueue(new SandboxRequest { Method = method, Target = target, ContentType = contentType, UserAgent = userAgent, Body = body });
                while (_recent.Count > RecentCapacity) _recent.TryDequeue(out _);

                int q = target.IndexOf('?');
                string path = q < 0 ? target : target.Substring(0, q);
                Dictionary<string, string> form;
                if (method == "GET") form = FormDecoder.Decode(q < 0 ? null : target.Substring(q + 1));
                else if (method == "POST") form = FormDecoder.Decode(body);
                else return Plain(405, "Method Not Allowed");

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

        private static SandboxResponse Plain(int status, string reason) =>
            new SandboxResponse { Status = status, Reason = reason, ContentType = "text/plain", Body = reason };

        private async Task DripAsync(Stream stream, SandboxResponse r)
        {
            var body = Encoding.UTF8.GetBytes(r.Body);
            var head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: " + r.ContentType + "\r\nContent-Length: "
                + body.Length.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n");
            await stream.WriteAsync(head, 0, head.Length, _stop.Token).ConfigureAwait(false);
            for (int i = 0; i < body.Length; i++)
            {
                await Task.Delay(r.DripMs, _stop.Token).ConfigureAwait(false);
                await stream.WriteAsync(body, i, 1, _stop.Token).ConfigureAwait(false);
            }
        }

        private static Task WriteAsync(Stream stream, SandboxResponse r, bool close)
        {
            var body = Encoding.UTF8.GetBytes(r.Body);
            var head = new StringBuilder()
                .Append("HTTP/1.1 ").Append(r.Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(r.Reason).Append("\r\n")
                .Append("Content-Type: ").Append(r.ContentType).Append("\r\n")
                .Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            if (r.RetryAfter != null) head.Append("Retry-After: ").Append(r.RetryAfter).Append("\r\n");
            if (close) head.Append("Connection: close\r\n");
            head.Append("\r\n");
            var headBytes = Encoding.ASCII.GetBytes(head.ToString());
            var all = new byte[headBytes.Length + body.Length];
            Buffer.BlockCopy(headBytes, 0, all, 0, headBytes.Length);
            Buffer.BlockCopy(body, 0, all, headBytes.Length, body.Length);
            return stream.WriteAsync(all, 0, all.Length);
        }

        private static int IndexOfHeaderEnd(byte[] b, int length)
        {
            for (int i = 3; i < length; i++)
                if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') return i - 3;
            return -1;
        }
    }
}
