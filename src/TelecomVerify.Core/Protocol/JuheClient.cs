using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TelecomVerify.Crypto;
using TelecomVerify.Resources;

namespace TelecomVerify.Protocol
{
    /// <summary>
    /// One HTTP client for a run: POSTs a UTF-8 form, so that the key and the identity travel in the
    /// body and never in a URL that proxies and servers log. Thread-safe; reuses connections.
    /// </summary>
    internal sealed class JuheClient : IDisposable
    {
        private readonly HttpClient _http;
        private readonly JuheClientOptions _options;
        private readonly JuheCipher _cipher;


        public JuheClient(JuheClientOptions options)
        {
            OfferTls12();
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (string.IsNullOrEmpty(options.ApiKey)) throw new ArgumentException("An API key is needed.", nameof(options));
            var handler = new HttpClientHandler
            {
                MaxConnectionsPerServer = Math.Max(1, options.MaxConnections),
                AllowAutoRedirect = false, // a redirect would resend the form, key included, somewhere else
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            if (options.Proxy != null) { handler.Proxy = options.Proxy; handler.UseProxy = true; }
            _http = new HttpClient(handler, true) { Timeout = Timeout.InfiniteTimeSpan };
            // .NET Framework's handler asks "Expect: 100-continue" before every POST: a round trip more per
            // paid call, and a 350 ms wait against a server that never answers 100. The form is small; send it.
            _http.DefaultRequestHeaders.ExpectContinue = false;
            _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
            if (!string.IsNullOrEmpty(options.OpenId)) _cipher = new JuheCipher(options.OpenId);
        }

        /// <summary>
        /// Windows PowerShell 5.1 on .NET Framework offers only what ServicePointManager allows, which on
        /// older Windows is SSL 3 and TLS 1.0: the provider refuses both. TLS 1.2 is added (never
        /// removing what the machine allows); .NET Core ignores this setting and negotiates itself.
        /// </summary>
        internal static void OfferTls12()
        {
            // .NET Framework, and Mono (which stands in for it in this project's tests); .NET Core and .NET 5+ negotiate themselves.
            string runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
            if (!runtime.StartsWith(".NET Framework", StringComparison.Ordinal) && !runtime.StartsWith("Mono", StringComparison.Ordinal)) return;
            ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
        }

        /// <summary>The HTTP client, for tests of how requests are sent.</summary>
        internal HttpClient Http => _http;

        /// <summary>Where a request to <paramref name="endpoint"/> goes.</summary>
        public Uri AddressOf(JuheEndpoint endpoint) => endpoint.On(_options.BaseUri);

        public async Task<JuheReply> QueryAsync(string realName, string idCard, string mobile, bool detail, JuheEndpoint endpoint, CancellationToken cancellationToken)
        {
            var (form, sent) = FormFor(realName, idCard, mobile, detail, endpoint);
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (var content = new SentTrackingContent(new FormUrlEncodedContent(form)))
            {
                timeout.CancelAfter(_options.Timeout);
                try { return sent.Mask(await PostAsync(endpoint, content, timeout.Token).ConfigureAwait(false)); }
                catch (JuheTransportException ex)
                {
                    // A provider or proxy that quotes what it was sent gets its quote masked.
                    throw sent.Mask(ex);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    string limit = _options.Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (!content.Sent)
                        throw new JuheTransportException(TransportFault.NotSent, Text.Format(Messages.Http_ConnectTimeout, limit));
                    throw new JuheTransportException(TransportFault.Timeout, Text.Format(Messages.Http_Timeout, limit));
                }
                catch (Exception ex) when ((ex is HttpRequestException || ex is IOException || ex is ObjectDisposedException)
                    && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && content.Sent)
                {
                    // .NET Framework ends a body that stalls past the time-out by closing the stream under the
                    // read, not by cancelling it: the same time-out as on .NET, said the same way.
                    throw new JuheTransportException(TransportFault.Timeout, Text.Format(Messages.Http_Timeout, _options.Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)), inner: ex);
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
                {
                    // In the module's own words, naming the host: the framework's message is English and
                    // quotes whatever the other side sent (a header, a proxy's answer).
                    string why = NetworkFailure.Describe(ex), host = AddressOf(endpoint).Host;
                    if (!content.Sent)
                        throw new JuheTransportException(TransportFault.NotSent, Text.Format(Messages.Http_NotSent, host, why), inner: ex);
                    throw new JuheTransportException(TransportFault.ConnectionBroken, Text.Format(Messages.Http_Broken, host, why), inner: ex);
                }
            }
        }

        /// <summary>The form the provider reads (the values encrypted when the endpoint says so), and what was sent, to mask any echo of it.</summary>
        private (List<KeyValuePair<string, string>> Form, SentValues Sent) FormFor(string realName, string idCard, string mobile, bool detail, JuheEndpoint endpoint)
        {
            bool encrypt = endpoint.EncryptsValues;
            if (encrypt && _cipher == null) throw new InvalidOperationException("The encrypted endpoint needs an OpenID.");
            var form = new List<KeyValuePair<string, string>>(5)
            {
                new KeyValuePair<string, string>("key", _options.ApiKey),
                // Raw Base64 goes to the form encoder, which percent-encodes it exactly once.
                new KeyValuePair<string, string>("realname", encrypt ? _cipher.Encrypt(realName) : realName),
                new KeyValuePair<string, string>("idcard", encrypt ? _cipher.Encrypt(idCard) : idCard),
                new KeyValuePair<string, string>("mobile", encrypt ? _cipher.Encrypt(mobile) : mobile),
            };
            if (detail) form.Add(new KeyValuePair<string, string>("detail", "1"));
            var sent = new SentValues(_options.ApiKey, _options.OpenId, realName, idCard, mobile, encrypt ? new[] { form[1].Value, form[2].Value, form[3].Value } : new string[0]);
            return (form, sent);
        }

        /// <summary>One POST and its answer, read no further than the bound; a status or body that is not the answer is a transport fault.</summary>
        private async Task<JuheReply> PostAsync(JuheEndpoint endpoint, HttpContent content, CancellationToken token)
        {
            using (var request = new HttpRequestMessage(HttpMethod.Post, AddressOf(endpoint)) { Content = content })
            // Headers only: the body is then read here, and no further than the bound, instead
            // of HttpClient buffering whatever the server sends first.
            using (var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false))
            {
                int status = (int)response.StatusCode;
                if (status < 200 || status > 299)
                    throw new JuheTransportException(TransportFault.HttpStatus,
                        Text.Format(Messages.Http_Status, status, SafeText.FromProvider(response.ReasonPhrase)), status, RetryAfter(response));
                var (buffer, length) = await ReadBoundedAsync(response, token).ConfigureAwait(false);
                try { return JuheResponseParser.Parse(buffer, length); }
                catch (JuheTransportException ex) when (!IsJson(response))
                {
                    // A documented answer under the wrong label is still the answer (it was billed);
                    // anything else says what label it came with.
                    throw new JuheTransportException(ex.Fault, Text.Format(Messages.Http_ContentType, ex.Message, SafeText.FromProvider(response.Content.Headers.ContentType?.MediaType) ?? Messages.Http_NoContentType));
                }
            }
        }

        private static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta.HasValue) return header.Delta;
            if (header.Date.HasValue)
            {
                var delta = header.Date.Value - DateTimeOffset.UtcNow;
                return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
            }
            return null;
        }

        private static bool IsJson(HttpResponseMessage response) =>
            response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true;

        private async Task<(byte[], int)> ReadBoundedAsync(HttpResponseMessage response, CancellationToken token)
        {
            int max = _options.MaxResponseBytes;
            long? declared = response.Content.Headers.ContentLength;
            if (declared > max)
                throw new JuheTransportException(TransportFault.UnreadableAnswer, Text.Format(Messages.Http_TooLarge, max));
            using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            {
                // The answer is a few hundred bytes and usually says how many: one buffer of that size.
                var buffer = new byte[declared.HasValue ? Math.Max(1, (int)declared.Value) : 1024];
                int length = 0;
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (buffer.Length >= max)
                            throw new JuheTransportException(TransportFault.UnreadableAnswer, Text.Format(Messages.Http_TooLarge, max));
                        Array.Resize(ref buffer, Math.Min(max, buffer.Length * 2));
                    }
                    int n = await stream.ReadAsync(buffer, length, buffer.Length - length, token).ConfigureAwait(false);
                    if (n == 0) return (buffer, length);
                    length += n;
                }
            }
        }

        public void Dispose() => _http.Dispose();
    }
}
