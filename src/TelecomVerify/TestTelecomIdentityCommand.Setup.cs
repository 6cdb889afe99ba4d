using System;
using System.Management.Automation;
using TelecomVerify.Credentials;
using TelecomVerify.Journal;
using TelecomVerify.Protocol;
using TelecomVerify.Verification;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>Test-TelecomIdentity's run, set up on the first row: parameters checked, the credential validated, the client and the journal opened.</summary>
    public sealed partial class TestTelecomIdentityCommand
    {
        /// <summary>Validate what needs no credential, so a bad parameter is one error before any row is read.</summary>
        private void ValidateParameters()
        {
            ValidateBaseUri(BaseUri);
            if (MaxRequestsPerSecond > 0 && MaxRequestsPerSecond < RateGate.MinPerSecond)
                throw Fail(ErrorRecords.InvalidArgument(Text.Format(CmdletMessages.InvalidMaxRequestsPerSecond, RateGate.MinPerSecond), "InvalidMaxRequestsPerSecond"));
            if (Proxy != null && (!Proxy.IsAbsoluteUri || !string.IsNullOrEmpty(Proxy.UserInfo)))
                throw Fail(ErrorRecords.InvalidArgument(CmdletMessages.InvalidProxy, "InvalidProxy"));
            _whatIf = IsWhatIf();
        }

        /// <summary>Validate the credential, then build the client, then the run: on the first row, so an empty input needs no key.</summary>
        private void EnsureRun()
        {
            if (_run != null) return;
            // The journal's keys derive from the key: -WhatIf needs it too, to find answers in a journal.
            var credential = !_whatIf || !string.IsNullOrEmpty(Journal) ? CredentialForRun() : null;
            var client = _whatIf ? null : BuildClient(credential);
            _journal = OpenJournal(credential);
            var endpoint = Encrypt ? JuheEndpoint.Encrypted : JuheEndpoint.Plain;
            _run = new VerificationRun(new VerificationOptions
            {
                Detail = Detail,
                Endpoint = endpoint,
                ShowIdentity = ShowIdentity,
                SkipLocalValidation = SkipLocalValidation,
                ThrottleLimit = ThrottleLimit,
                MaxRequestsPerSecond = MaxRequestsPerSecond,
                MaxRetries = MaxRetries,
                MaxRequests = MaxRequests,
                RetryUnconfirmed = RetryUnconfirmed,
                MaxConsecutiveFailures = MaxConsecutiveFailures,
            }, client, ownsClient: true, journal: _journal) { LogEnabled = IsVerbose() };
            if (client != null)
                WriteVerbose(MaxRequestsPerSecond > 0
                    ? Text.Format(CmdletMessages.Verbose_VerifyingRate, client.AddressOf(endpoint).AbsoluteUri, ThrottleLimit, MaxRequestsPerSecond)
                    : Text.Format(CmdletMessages.Verbose_Verifying, client.AddressOf(endpoint).AbsoluteUri, ThrottleLimit));
        }

        private AnswerJournal OpenJournal(ResolvedCredential credential)
        {
            if (string.IsNullOrEmpty(Journal)) return null;
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Journal);
            if (credential == null || !credential.HasApiKey)
            {
                // Only -WhatIf gets here without a key: the estimate then counts no answer from the journal.
                WriteWarning(Text.Format(CmdletMessages.Warning_JournalWithoutKey, path));
                return null;
            }
            AnswerJournal journal;
            try
            {
                // -WhatIf reads without a lock and changes nothing; without a journal yet, nothing is answered from one.
                journal = AnswerJournal.Open(path, new JournalSettings
                {
                    ApiKey = credential.ApiKeyValue,
                    Host = credential.BaseUri.Host,
                    Origin = JournalSettings.OriginOf(credential.BaseUri),
                    MaxAge = JournalMaxAge,
                    UtcNow = DateTime.UtcNow,
                    ReadOnly = _whatIf,
                    Ownership = Ownership(),
                });
            }
            catch (JournalException ex)
            {
                WriteRefusalSummary();
                throw Fail(ErrorRecords.Of(ex, ex.ErrorId, path));
            }
            catch (PlatformNotSupportedException ex) { throw Fail(ErrorRecords.Of(ex, "JournalUnsupported", path)); }
            if (journal == null) return null;
            foreach (var warning in journal.Warnings) WriteWarning(warning);
            WriteVerbose(Text.Format(CmdletMessages.Verbose_Journal, path, journal.Count));
            // Up front, not only under -Verbose: a resumed run says what the last one left and what it will not pay again.
            var last = journal.LastRun;
            if (!_whatIf && last != null && last.How != JournalRun.Finished)
            {
                int doubtful = journal.PossiblyBilledCount;
                WriteWarning(Text.Format(CmdletMessages.Journal_Resuming, path, HowItEnded(last), last.Time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), journal.Count - doubtful)
                    + (doubtful == 0 || RetryUnconfirmed ? string.Empty : Text.Format(CmdletMessages.Journal_ResumingPossiblyBilled, doubtful)));
            }
            return journal;
        }

        private static string HowItEnded(JournalRun run)
        {
            switch (run.How)
            {
                case JournalRun.Stopped: return Text.Format(CmdletMessages.Run_EndedStopped, run.StoppedAtRow);
                case JournalRun.Interrupted: return Text.Format(CmdletMessages.Run_EndedInterrupted, run.StoppedAtRow);
                default: return CmdletMessages.Run_EndedUnsaid;
            }
        }

        /// <summary>The credential of a run that sends; under -WhatIf, whatever key is in force, or none.</summary>
        private ResolvedCredential CredentialForRun()
        {
            if (!_whatIf) return ValidCredential();
            var credential = ResolveCredential(ApiKey, OpenId, BaseUri, AllowUnencryptedAuthentication);
            return credential.HasApiKey ? credential : null;
        }

        private ResolvedCredential ValidCredential()
        {
            var credential = ResolveCredential(ApiKey, OpenId, BaseUri, AllowUnencryptedAuthentication);
            if (!credential.HasApiKey)
                throw Fail(ErrorRecords.Of(new InvalidOperationException(CmdletMessages.NoApiKey),
                    "NoApiKey"));
            if (Encrypt && !credential.HasOpenId)
                throw Fail(ErrorRecords.Of(new InvalidOperationException(CmdletMessages.NoOpenId),
                    "NoOpenId"));
            var refusal = CredentialResolver.RefuseInsecure(credential.BaseUri, AllowUnencryptedAuthentication || credential.AllowUnencryptedAuthentication);
            if (refusal != null) throw Fail(ErrorRecords.Of(new InvalidOperationException(refusal), "InsecureBaseUri"));
            if (CredentialResolver.IsInsecure(credential.BaseUri))
                WriteWarning(Text.Format(CmdletMessages.Warning_PlainHttp, credential.BaseUri.GetLeftPart(UriPartial.Authority)));
            WriteVerbose(Text.Format(CmdletMessages.Verbose_KeySource, Text.Source(credential.ApiKeyFrom)));
            return credential;
        }

        private JuheClient BuildClient(ResolvedCredential credential)
        {
            var options = JuheClientOptions.For(credential);
            options.Timeout = TimeSpan.FromSeconds(TimeoutSec);
            options.MaxConnections = ThrottleLimit;
            options.Proxy = JuheClientOptions.ProxyFor(Proxy, ProxyCredential?.GetNetworkCredential(), ProxyUseDefaultCredentials);
            return new JuheClient(options);
        }
    }
}
