using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Threading;
using TelecomVerify.Credentials;
using TelecomVerify.Masking;
using TelecomVerify.Protocol;
using TelecomVerify.Verification;

namespace TelecomVerify.Commands
{
    /// <summary>Test-TelecomIdentity: is this name, ID number and China Telecom mobile number one person's?</summary>
    [Cmdlet(VerbsDiagnostic.Test, "TelecomIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ResultSet)]
    [OutputType(typeof(IdentityCheckResult), ParameterSetName = new[] { ResultSet })]
    [OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
    public sealed class TestTelecomIdentityCommand : JuheCmdlet, IDisposable
    {
        private const string ResultSet = "Result";
        private const string QuietSet = "Quiet";

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly RunProgress _progress = new RunProgress("Test-TelecomIdentity");
        private VerificationRun _run;
        private int _window;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "FullName", "姓名")]
        [AllowNull, AllowEmptyString]
        public string RealName { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("IdNumber", "IdCardNumber", "身份证", "身份证号", "身份证号码")]
        [AllowNull, AllowEmptyString]
        public string IdCard { get; set; }

        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("Phone", "PhoneNumber", "MobileNumber", "手机", "手机号", "手机号码")]
        [AllowNull, AllowEmptyString]
        public string Mobile { get; set; }

        /// <summary>Every piped object binds here, so no row is lost to a binding error. An array
        /// passed by parameter is read row by row, and its length makes progress show % and ETA.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull, AllowEmptyCollection]
        public PSObject[] InputObject { get; set; }

        [Parameter] public SwitchParameter Detail { get; set; }
        [Parameter] public SwitchParameter Encrypt { get; set; }

        [Parameter, ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = VerificationOptions.DefaultThrottleLimit;

        [Parameter, ValidateRange(0.0, 100000.0)]
        public double MaxRequestsPerSecond { get; set; }

        [Parameter, ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 30;

        [Parameter, ValidateRange(0, 10)]
        public int MaxRetries { get; set; } = 3;

        [Parameter, SecureStringTransformation]
        public SecureString ApiKey { get; set; }

        [Parameter, SecureStringTransformation]
        public SecureString OpenId { get; set; }

        [Parameter]
        public Uri BaseUri { get; set; }

        /// <summary>Allows a plain-HTTP base URI other than loopback, as Invoke-RestMethod's switch of that name does.</summary>
        [Parameter] public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        [Parameter] public SwitchParameter SkipLocalValidation { get; set; }
        [Parameter] public SwitchParameter ShowIdentity { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
        public SwitchParameter Quiet { get; set; }

        [Parameter] public Uri Proxy { get; set; }
        [Parameter, Credential] public PSCredential ProxyCredential { get; set; }
        [Parameter] public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        protected override void BeginProcessing()
        {
            // Passed by parameter (not piped), the input's size is known up front.
            if (!MyInvocation.ExpectingInput && InputObject != null) _progress.Total = InputObject.Length;
        }

        protected override void ProcessRecord()
        {
            if (InputObject == null)
            {
                Check(RowReader.Read(RealName, IdCard, Mobile, null));
                return;
            }
            foreach (var item in InputObject) Check(RowReader.Read(RealName, IdCard, Mobile, item));
        }

        protected override void EndProcessing()
        {
            if (_run != null) Drain(0);
            _progress.Complete(this);
        }

        private void Check(RowInput row)
        {
            if (!ShouldProcess(Describe(row), "Verify identity (a paid call)")) return;
            EnsureRun();
            _run.Submit(row);
            Drain(_window);
        }

        protected override void StopProcessing()
        {
            _stopping.Cancel();
            _run?.Cancel();
        }

        private void EnsureRun()
        {
            if (_run != null) return;
            var credential = ResolveCredential(ApiKey, OpenId, BaseUri, AllowUnencryptedAuthentication);
            if (!credential.HasApiKey)
                Fail(new InvalidOperationException("No API key: pass -ApiKey, run Set-JuheCredential, or set the JUHE_API_KEY environment variable."),
                    "NoApiKey", ErrorCategory.AuthenticationError, null);
            if (Encrypt && !credential.HasOpenId)
                Fail(new InvalidOperationException("-Encrypt needs an OpenID: pass -OpenId, run Set-JuheCredential -OpenId, or set JUHE_OPENID."),
                    "NoOpenId", ErrorCategory.AuthenticationError, null);
            var refusal = CredentialResolver.RefuseInsecure(credential.BaseUri, AllowUnencryptedAuthentication || credential.AllowUnencryptedAuthentication);
            if (refusal != null) Fail(new InvalidOperationException(refusal), "InsecureBaseUri", ErrorCategory.SecurityError, credential.BaseUri);
            if (CredentialResolver.IsInsecure(credential.BaseUri))
                WriteWarning("The base URI " + credential.BaseUri.GetLeftPart(UriPartial.Authority) + " is plain HTTP: the key and the identities cross the network unencrypted.");

            IWebProxy proxy = null;
            if (Proxy != null)
                proxy = new WebProxy(Proxy)
                {
                    Credentials = ProxyCredential?.GetNetworkCredential(),
                    UseDefaultCredentials = ProxyUseDefaultCredentials && ProxyCredential == null,
                };

            var client = new JuheClient(new JuheClientOptions
            {
                BaseUri = credential.BaseUri,
                ApiKey = CredentialResolver.GetApiKey(credential),
                OpenId = CredentialResolver.GetOpenId(credential),
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                Proxy = proxy,
                MaxConnections = ThrottleLimit,
            });
            _run = new VerificationRun(new VerificationOptions
            {
                Detail = Detail,
                Encrypt = Encrypt,
                ShowIdentity = ShowIdentity,
                SkipLocalValidation = SkipLocalValidation,
                ThrottleLimit = ThrottleLimit,
                MaxRequestsPerSecond = MaxRequestsPerSecond,
                MaxRetries = MaxRetries,
            }, client, ownsClient: true) { LogEnabled = IsVerbose() };
            // Enough rows queued to keep every slot busy, few enough that memory stays flat.
            _window = Math.Max(16, ThrottleLimit * 4);
            WriteVerbose("Verifying against " + client.EndpointFor(Encrypt).AbsoluteUri + " (key from " + credential.ApiKeySource
                + "), up to " + ThrottleLimit + " requests in flight" + (MaxRequestsPerSecond > 0 ? ", at most " + MaxRequestsPerSecond + " per second." : "."));
        }

        private bool IsVerbose()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var v)) return ((SwitchParameter)v).IsPresent;
            return GetVariableValue("VerbosePreference") is ActionPreference p && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
        }

        /// <summary>Writes finished rows in order until at most <paramref name="keep"/> are pending.</summary>
        private void Drain(int keep)
        {
            try
            {
                while (true)
                {
                    FlushLog();
                    if (_run.TryTake(out var done)) { Emit(done); continue; }
                    if (_run.Pending <= keep) break;
                    _run.WaitHead(TimeSpan.FromMilliseconds(250), _stopping.Token);
                }
                FlushLog();
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }

        private void FlushLog()
        {
            while (_run.Log.TryDequeue(out var line)) WriteVerbose(line);
            _progress.Update(this, _run);
        }

        private void Emit(RowOutcome outcome)
        {
            var result = outcome.Result;
            _progress.Count(result.Status);
            if (outcome.Stop != null)
            {
                var stop = outcome.Stop;
                Fail(new JuheRequestException(stop.Message + " The run stopped at row " + result.Row + "; no request was started after it.", stop.ErrorCode),
                    stop.ErrorId, ToCategory(stop.Category), result.GetInputObject());
            }
            if (Quiet) WriteObject(result.IsMatch == true);
            else WriteObject(result);
            if (outcome.Error != null)
                WriteError(new ErrorRecord(new JuheRequestException(outcome.Error.Message, outcome.Error.ErrorCode),
                    outcome.Error.ErrorId, ToCategory(outcome.Error.Category), result.GetInputObject()));
        }

        private string Describe(RowInput row) =>
            ShowIdentity ? row.RealName + " / " + row.IdCard + " / " + row.Mobile
            : "mobile " + (IdentityMasker.MaskMobile(Validation.IdentityNormalizer.NormalizeMobile(row.Mobile)) ?? "(none)");

        /// <summary>PowerShell disposes the cmdlet when the pipeline ends, however it ends: in-flight calls are abandoned.</summary>
        public void Dispose()
        {
            _run?.Dispose();
            _stopping.Dispose();
        }
    }
}
