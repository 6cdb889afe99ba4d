using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TelecomVerify.Journal;
using TelecomVerify.Protocol;
using TelecomVerify.Sandbox;
using TelecomVerify.Verification;
using Xunit;
using static TelecomVerify.Tests.Core.SandboxFixture;

namespace TelecomVerify.Tests.Core
{
    /// <summary>
    /// A provider of our own that attacks its client: it echoes back the key and the identity it was
    /// sent, puts terminal escape sequences in a header and in a JSON key, and starts its fields with
    /// formulas. Nothing of that may reach a result, an error, the journal or a terminal as it came.
    /// The answer it gives is chosen by the mobile number asked about.
    /// </summary>
    [Collection(TimingSensitive.Name)]
    public sealed class HostileProviderTests : IDisposable
    {
        private const string Key = "hostile-test-key-0123456789abcdef";
        private const string Name = "欧阳娜娜", Id = "110101199003071233", Esc = "\u001b";
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly string _dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tv-hostile-" + Guid.NewGuid().ToString("N"));

        public HostileProviderTests()
        {
            _listener.Start();
            System.IO.Directory.CreateDirectory(_dir);
            Task.Run(AcceptAsync);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            System.IO.Directory.Delete(_dir, true);
        }

        private Uri BaseUri => new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/");

        private static string Json(string s) => JsonText.Quote(s);

        /// <summary>What the hostile provider sends back, by the mobile number it was asked about.</summary>
        private static string Answer(Dictionary<string, string> form)
        {
            string key = form["key"], name = form["realname"], id = form["idcard"], mobile = form["mobile"];
            switch (mobile.Substring(7))
            {
                case "0001": // 10001 whose reason quotes the key it was sent
                    return Http(200, "OK", "{\"error_code\":10001,\"reason\":" + Json("错误的请求KEY: " + key) + "}");
                case "0002": // 227307 whose reason repeats the three values
                    return Http(200, "OK", "{\"error_code\":227307,\"reason\":" + Json("参数错误: " + name + "," + id + "," + mobile) + "}");
                case "0003": // a match whose fields start with formulas after a tab, a CR, full-width ＝, and carry bidi and zero-width characters
                    return Http(200, "OK", "{\"error_code\":0,\"reason\":" + Json("\t=HYPERLINK(\"http://x\")") + ",\"result\":{\"res\":1,\"orderid\":" + Json("\r+cmd|' /C calc'!A0")
                        + ",\"resmsg\":" + Json("＝SUM(A1)\u202E\u200Bevil") + ",\"rescode\":\"11\"}}");
                case "0004": // a JSON key that clears the screen, twice (the reader quotes a duplicate key)
                    string evil = Esc + "[2J" + Esc + "]0;PWNED\u0007" + new string('k', 3000);
                    return Http(200, "OK", "{\"error_code\":0,\"" + evil + "\":1,\"" + evil + "\":2,\"result\":{\"res\":1}}");
                case "0005": // a response header whose name carries an escape sequence: .NET quotes it in its exception
                    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + Esc + "]0;PWNED\u0007 Bad Name: v\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
                case "0006": // an HTTP reason phrase that echoes the mobile and retitles the terminal
                    return Http(500, Esc + "]0;PWNED\u0007 no such number " + mobile, "x");
                default:
                    return Http(200, "OK", "{\"error_code\":0,\"reason\":\"ok\",\"result\":{\"res\":1,\"orderid\":\"H1\"}}");
            }
        }

        private static string Http(int status, string reason, string body)
        {
            int length = Encoding.UTF8.GetByteCount(body);
            return "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n" + body;
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(); } catch { return; }
                _ = Task.Run(async () =>
                {
                    using (client)
                    using (var stream = client.GetStream())
                    {
                        try
                        {
                            var request = await new HttpWire(stream, _stop.Token).ReadAsync();
                            if (request == null) return;
                            var bytes = Encoding.UTF8.GetBytes(Answer(FormDecoder.Decode(request.Body)));
                            await stream.WriteAsync(bytes, 0, bytes.Length);
                        }
                        catch (Exception ex) when (ex is System.IO.IOException || ex is ObjectDisposedException || ex is OperationCanceledException) { }
                    }
                });
            }
        }

        private List<FinishedRow> Run(params string[] lastFour)
        {
            var options = FastOptions(throttle: 1);
            options.MaxRetries = 0;
            options.ShowIdentity = true;
            var client = new JuheClient(new JuheClientOptions { BaseUri = BaseUri, ApiKey = Key, Timeout = TimeSpan.FromSeconds(10) });
            using (var journal = AnswerJournal.Open(System.IO.Path.Combine(_dir, "run.journal"), JournalTests.Settings(key: Key)))
            using (var run = new VerificationRun(options, client, ownsClient: true, journal: journal))
            {
                foreach (var four in lastFour) run.Submit(Row(Name, Id, "1897766" + four));
                return run.TakeFinished(0, CancellationToken.None).ToList();
            }
        }

        /// <summary>Everything a row shows, its error included, as one text; and the journal's.</summary>
        private string Everything(IEnumerable<FinishedRow> outcomes)
        {
            var text = new StringBuilder();
            foreach (var o in outcomes)
            {
                var r = o.Result;
                text.Append(r.Reason).Append('|').Append(r.ResMessage).Append('|').Append(r.OrderId).Append('|').Append(r.ResCode).Append('|')
                    .Append(r.Message).Append('|').Append(r.Brief).Append('|').Append(o.Error?.Message).Append('|').Append(o.Warning).Append('\n');
            }
            foreach (var line in System.IO.File.ReadAllLines(System.IO.Path.Combine(_dir, "run.journal"))) text.Append(line).Append('\n');
            return text.ToString();
        }

        [Fact]
        public void A_227307_row_says_what_the_provider_s_reason_says()
        {
            // DESIGN: for 227302 and 227307, whose document text is "see reason", the Message carries the provider's reason.
            var row = Run("0002").Single().Result;
            Assert.Equal(227307, row.ErrorCode);
            Assert.Contains("参数错误", row.Message);
            Assert.Contains("参数错误", row.Reason);
        }

        [Fact]
        public void A_provider_that_echoes_the_key_or_the_identity_gets_its_quote_masked_everywhere()
        {
            // 10001 stops the run, so it comes last.
            var outcomes = Run("0002", "0006", "0001");
            string all = Everything(outcomes);
            Assert.Equal(227307, outcomes[0].Result.ErrorCode);
            Assert.Equal(10001, outcomes[2].Result.ErrorCode);
            Assert.DoesNotContain(Key, all);
            Assert.DoesNotContain(Id, all);
            Assert.DoesNotContain("18977660002", all);
            Assert.DoesNotContain(Name, all.Replace("RealName", ""));
            Assert.Contains("189****0002", outcomes[0].Result.Message);
        }

        [Fact]
        public void Escape_sequences_from_a_header_a_json_key_or_a_reason_phrase_never_come_through()
        {
            var outcomes = Run("0004", "0005", "0006");
            string all = Everything(outcomes);
            Assert.All(outcomes, o => Assert.Equal(CheckStatus.Failed, o.Result.StatusKind));
            Assert.True(all.IndexOf(Esc, StringComparison.Ordinal) < 0, all.Replace(Esc, "<ESC>"));
            // Ordinal: under a culture's comparison a control character matches anywhere.
            Assert.True(all.IndexOf('\u0007') < 0, all.Replace("\u0007", "<BEL>"));
            Assert.DoesNotContain(new string('k', 200), all);
            // The framework's own English is not passed on either: the module says what happened in its words.
            Assert.DoesNotContain("Bad Name", all);
        }

        [Fact]
        public void Provider_fields_cannot_start_a_formula_or_hide_text_whatever_comes_first()
        {
            var r = Run("0003").Single().Result;
            Assert.Equal(CheckStatus.Match, r.StatusKind);
            foreach (var field in new[] { r.Reason, r.OrderId, r.ResMessage })
            {
                Assert.StartsWith("'", field);
                Assert.DoesNotContain('\u202E', field);
                Assert.DoesNotContain('\u200B', field);
                Assert.DoesNotContain('\t', field);
                Assert.DoesNotContain('\r', field);
            }
        }

        [Fact]
        public void A_proxy_whose_answer_to_connect_carries_escape_sequences_is_described_in_the_modules_words()
        {
            // A proxy that refuses the HTTPS tunnel with a status line meant for the terminal.
            var proxy = new TcpListener(IPAddress.Loopback, 0);
            proxy.Start();
            var served = Task.Run(async () =>
            {
                using (var client = await proxy.AcceptTcpClientAsync())
                using (var stream = client.GetStream())
                {
                    var buffer = new byte[4096];
                    int read = 0;
                    while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n"))
                    {
                        int n = await stream.ReadAsync(buffer, read, buffer.Length - read);
                        if (n == 0) return;
                        read += n;
                    }
                    var answer = Encoding.ASCII.GetBytes("HTTP/1.1 403 " + Esc + "]0;PWNED\u0007" + Esc + "[2J go away\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(answer, 0, answer.Length);
                }
            });
            var options = FastOptions(throttle: 1);
            options.MaxRetries = 0;
            var client = new JuheClient(new JuheClientOptions
            {
                BaseUri = new Uri("https://provider.invalid/"), ApiKey = Key, Timeout = TimeSpan.FromSeconds(10),
                Proxy = new WebProxy(new Uri("http://127.0.0.1:" + ((IPEndPoint)proxy.LocalEndpoint).Port + "/")),
            });
            try
            {
                using (var run = new VerificationRun(options, client, ownsClient: true))
                {
                    run.Submit(Row(Name, Id, "18977660007"));
                    var o = run.TakeFinished(0, CancellationToken.None).Single();
                    string all = o.Result.Message + "|" + o.Error?.Message;
                    Assert.Equal(CheckStatus.Failed, o.Result.StatusKind);
                    Assert.True(all.IndexOf(Esc, StringComparison.Ordinal) < 0, all.Replace(Esc, "<ESC>"));
                    Assert.Contains("proxy", all);
                    Assert.Contains("provider.invalid", all);
                }
            }
            finally { proxy.Stop(); }
        }

        [Fact]
        public void A_post_never_waits_for_100_continue()
        {
            // .NET Framework's handler (Windows PowerShell 5.1) would ask for it on every POST: a round trip more per paid call.
            using (var client = new JuheClient(new JuheClientOptions { BaseUri = BaseUri, ApiKey = Key }))
                Assert.False(client.Http.DefaultRequestHeaders.ExpectContinue);
        }

        [Fact]
        public void An_identity_shown_on_request_cannot_start_a_formula_even_when_rejected_locally()
        {
            var options = FastOptions();
            options.ShowIdentity = true;
            using (var run = new VerificationRun(options, null))
            {
                var planned = run.Plan(Row("=HYPERLINK(\"http://x\",\"点我\")", "＝1+1", "\u202E18977665544"));
                Assert.Equal(RowPlan.Local, planned.Plan);
                run.Submit(planned);
                var r = run.TakeFinished(0, CancellationToken.None).Single().Result;
                Assert.StartsWith("'=", r.RealName);
                Assert.StartsWith("'=", r.IdCard);
                Assert.DoesNotContain('\u202E', r.Mobile);
            }
        }
    }
}
