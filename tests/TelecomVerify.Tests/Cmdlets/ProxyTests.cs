using System.Linq;
using TelecomVerify.Sandbox;
using Xunit;

namespace TelecomVerify.Tests.Cmdlets
{
    /// <summary>Behind a proxy that demands Basic authentication: the credential is really sent, and never printed.</summary>
    public sealed class ProxyTests : System.IDisposable
    {
        private readonly SandboxServer _proxy = new SandboxServer(new SandboxOptions { ProxyCredential = "alice:s3cret-pass" });
        private readonly HostedShell _shell = new HostedShell();

        public ProxyTests()
        {
            _shell.SetVariable("key", _proxy.ApiKey);
            _shell.SetVariable("proxy", _proxy.BaseUri);
            // The provider's host is never reached: the proxy answers for it, as a forward proxy would.
            _shell.Invoke("$far = 'http://provider.invalid/'; $cred = [pscredential]::new('alice', (ConvertTo-SecureString 's3cret-pass' -AsPlainText -Force))", out _);
        }

        public void Dispose()
        {
            _shell.Dispose();
            _proxy.Dispose();
        }

        [Fact]
        public void ProxyCredential_is_sent_after_the_407()
        {
            var results = _shell.Invoke<IdentityCheckResult>(
                "Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey $key -BaseUri $far -AllowUnencryptedAuthentication -Proxy $proxy -ProxyCredential $cred -WarningAction SilentlyContinue",
                out var errors);
            Assert.Empty(errors);
            Assert.Equal(CheckStatus.Match, Assert.Single(results).StatusKind);
            // The proxy saw the request for the far host: it really went through it.
            Assert.Contains(_proxy.RecentRequests, r => r.Target.StartsWith("http://provider.invalid/telecomCmcc/query"));
        }

        [Fact]
        public void Without_the_credential_the_row_fails_with_407_and_says_nothing_secret()
        {
            var results = _shell.Invoke<IdentityCheckResult>(
                "Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey $key -BaseUri $far -AllowUnencryptedAuthentication -Proxy $proxy -WarningAction SilentlyContinue -MaxRetries 0",
                out var errors);
            Assert.Equal(CheckStatus.Failed, Assert.Single(results).StatusKind);
            Assert.Equal("HttpStatus407", errors.Single().FullyQualifiedErrorId.Split(',')[0]);
        }

        [Fact]
        public void A_password_inside_the_proxy_uri_is_refused_with_a_pointer_to_ProxyCredential()
        {
            _shell.Invoke("Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey $key -BaseUri $far -Proxy 'http://alice:s3cret-pass@127.0.0.1:1/'", out var errors);
            var record = Assert.Single(errors);
            Assert.StartsWith("InvalidProxy,", record.FullyQualifiedErrorId);
            Assert.Contains("-ProxyCredential", record.Exception.Message);
            Assert.DoesNotContain("s3cret-pass", record.Exception.ToString());
            Assert.Equal(0, _proxy.RequestCount);
        }
    }
}
