using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TelecomVerify.Sandbox
{
    /// <summary>One parsed HTTP/1.1 request.</summary>
    internal sealed class HttpRequestLine
    {
        public string Method, Target, Body;
        public Dictionary<string, string> Headers;
        public bool Close;
    }

    /// <summary>
    /// The sandbox's HTTP/1.1 on one kept-alive connection: reading requests within limits, writing
    /// responses whole or dripped. Knows nothing of the provider; <see cref="SandboxServer"/> decides
    /// what each request gets.
    /// </summary>
    internal sealed class HttpWire
    {
        private const int MaxHeaderBytes = 16 * 1024;
        private const int MaxBodyBytes = 1024 * 1024;

        private readonly Stream _stream;
        private readonly CancellationToken _stop;
        private byte[] _buffer = new byte[8192];
        private int _length;

        public HttpWire(Stream stream, CancellationToken stop)
        {
            _stream = stream;
            _stop = stop;
        }

        /// <summary>The next request; null when the client closed the connection or was refused (the refusal is sent).</summary>
        public async Task<HttpRequestLine> ReadAsync()
        {
            int headerEnd;
            while ((headerEnd = IndexOfHeaderEnd(_buffer, _length)) < 0)
            {
                if (_length >= MaxHeaderBytes) return await RefuseAsync(431, "Request Header Fields Too Large").ConfigureAwait(false);
                if (_length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
                int n = await _stream.ReadAsync(_buffer, _length, _buffer.Length - _length, _stop).ConfigureAwait(false);
                if (n == 0) return null;
                _length += n;
            }

            var lines = Encoding.ASCII.GetString(_buffer, 0, headerEnd).Split(new[] { "\r\n" }, StringSplitOptions.None);
            var start = lines[0].Split(' ');
            if (start.Length != 3) return await RefuseAsync(400, "Bad Request").ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 1; i < lines.Length; i++)
            {
                int colon = lines[i].IndexOf(':');
                if (colon > 0) headers[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
            }
            int contentLength = 0;
            if (headers.TryGetValue("Transfer-Encoding", out var te) && te.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0)
                return await RefuseAsync(411, "Length Required").ConfigureAwait(false);
            if (headers.TryGetValue("Content-Length", out var cl) && (!int.TryParse(cl, NumberStyles.None, CultureInfo.InvariantCulture, out contentLength) || contentLength > MaxBodyBytes))
                return await RefuseAsync(413, "Payload Too Large").ConfigureAwait(false);

            int bodyStart = headerEnd + 4, end = bodyStart + contentLength;
            if (end > _buffer.Length) Array.Resize(ref _buffer, end);
            while (_length < end)
            {
                int n = await _stream.ReadAsync(_buffer, _length, end - _length, _stop).ConfigureAwait(false);
                if (n == 0) return null;
                _length += n;
            }
            var request = new HttpRequestLine
            {
                Method = start[0],
                Target = start[1],
                Headers = headers,
                Body = Encoding.UTF8.GetString(_buffer, bodyStart, contentLength),
                Close = headers.TryGetValue("Connection", out var conn) && conn.Equals("close", StringComparison.OrdinalIgnoreCase),
            };
            // Keep what came after this request: the next one on the connection.
            Buffer.BlockCopy(_buffer, end, _buffer, 0, _length - end);
            _length -= end;
            return request;
        }

        public Task WriteAsync(SandboxResponse r, bool close)
        {
            var body = Encoding.UTF8.GetBytes(r.Body);
            var head = Encoding.ASCII.GetBytes(Head(r, body.Length, close));
            var all = new byte[head.Length + body.Length];
            Buffer.BlockCopy(head, 0, all, 0, head.Length);
            Buffer.BlockCopy(body, 0, all, head.Length, body.Length);
            return _stream.WriteAsync(all, 0, all.Length, _stop);
        }

        public async Task DripAsync(SandboxResponse r)
        {
            var body = Encoding.UTF8.GetBytes(r.Body);
            var head = Encoding.ASCII.GetBytes(Head(r, body.Length, false));
            await _stream.WriteAsync(head, 0, head.Length, _stop).ConfigureAwait(false);
            for (int i = 0; i < body.Length; i++)
            {
                await Task.Delay(r.DripMs, _stop).ConfigureAwait(false);
                await _stream.WriteAsync(body, i, 1, _stop).ConfigureAwait(false);
            }
        }

        public static SandboxResponse Plain(int status, string reason) =>
            new SandboxResponse { Status = status, Reason = reason, ContentType = "text/plain", Body = reason };

        private async Task<HttpRequestLine> RefuseAsync(int status, string reason)
        {
            await WriteAsync(Plain(status, reason), true).ConfigureAwait(false);
            return null;
        }

        private static string Head(SandboxResponse r, int length, bool close)
        {
            var head = new StringBuilder()
                .Append("HTTP/1.1 ").Append(r.Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(r.Reason).Append("\r\n")
                .Append("Content-Type: ").Append(r.ContentType).Append("\r\n")
                .Append("Content-Length: ").Append(length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            if (r.RetryAfter != null) head.Append("Retry-After: ").Append(r.RetryAfter).Append("\r\n");
            if (r.Location != null) head.Append("Location: ").Append(r.Location).Append("\r\n");
            if (r.ProxyAuthenticate != null) head.Append("Proxy-Authenticate: ").Append(r.ProxyAuthenticate).Append("\r\n");
            if (close) head.Append("Connection: close\r\n");
            return head.Append("\r\n").ToString();
        }

        private static int IndexOfHeaderEnd(byte[] b, int length)
        {
            for (int i = 3; i < length; i++)
                if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') return i - 3;
            return -1;
        }
    }
}
