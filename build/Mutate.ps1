<#
.SYNOPSIS
    Breaks the module on purpose, one break at a time, in a scratch copy, runs the whole suite on
    each, and reports which breaks the tests caught. Dot-sourced by build.ps1 -Task Mutate; run by
    hand, never part of Test (each break costs a full suite, about two minutes).
.DESCRIPTION
    Each break is a promise of the README or DESIGN undone in one place: a test suite that lets one
    survive does not guard that promise. The list grows with the promises.
#>

. (Join-Path $PSScriptRoot 'PwshHelpers.ps1')

$Mutations = @(
    @{ Name = '-TimeoutSec ignored (30 s always)'; File = 'src/TelecomVerify.Core/Protocol/JuheClient.cs'
       Find = 'timeout.CancelAfter(_options.Timeout);'; Replace = 'timeout.CancelAfter(TimeSpan.FromSeconds(30));' }
    @{ Name = 'the raw mobile in a failed row''s message'; File = 'src/TelecomVerify.Core/Verification/ResultBuilder.cs'
       Find = 'Text.Format(Messages.Row_Text, Named(p), f.Message)'; Replace = 'Text.Format(Messages.Row_Text, Named(p), p.Mobile + " " + f.Message)' }
    @{ Name = 'Retry-After ignored'; File = 'src/TelecomVerify.Core/Verification/RetryPolicy.cs'
       Find = 'retryAfter > delay ? retryAfter.Value : delay'; Replace = 'delay' }
    @{ Name = 'redirects followed'; File = 'src/TelecomVerify.Core/Protocol/JuheClient.cs'
       Find = 'AllowAutoRedirect = false'; Replace = 'AllowAutoRedirect = true' }
    @{ Name = 'HTTP 429 not retried'; File = 'src/TelecomVerify.Core/Protocol/TransportFault.cs'
       Find = 'status == 429 || '; Replace = '' }
    @{ Name = 'back-off that never grows'; File = 'src/TelecomVerify.Core/Verification/RetryPolicy.cs'
       Find = 'Math.Pow(2, Math.Min(30, attempt - 1))'; Replace = '1' }
    @{ Name = 'an unreadable 2xx retried (pays again)'; File = 'src/TelecomVerify.Core/Verification/RetryPolicy.cs'
       Find = 'case TransportFault.NotSent: return true;'; Replace = 'case TransportFault.NotSent: case TransportFault.UnreadableAnswer: return true;' }
    @{ Name = 'identical rows asked again'; File = 'src/TelecomVerify.Core/Verification/RowPlanner.cs'
       Find = 'if (_asked.TryGet(planned.Key, out var known))'; Replace = 'if (false && _asked.TryGet(planned.Key, out var known))' }
    @{ Name = 'the journal not consulted on resume'; File = 'src/TelecomVerify.Core/Verification/RowPlanner.cs'
       Find = 'else if (_journal != null && _journal.TryFind('; Replace = 'else if (false && _journal.TryFind(' }
    @{ Name = 'an account-level code does not stop the run'; File = 'src/TelecomVerify.Core/Verification/RetryPolicy.cs'
       Find = 'if (policy.StopsRun) return new RetryDecision(RetryVerdict.StopRun);'; Replace = '' }
    @{ Name = 'mobiles unmasked'; File = 'src/TelecomVerify.Core/Masking/IdentityMasker.cs'
       Find = 'public static string MaskMobile(string value) => DigitsOnly(MaskMiddle(value, 3, 4), value);'; Replace = 'public static string MaskMobile(string value) => value;' }
    @{ Name = 'answers on disk only when their row is output'; File = 'src/TelecomVerify.Core/Journal/JournalWriter.cs'
       Find = '_wake.WaitOne();'; Replace = '_wake.WaitOne(); if (!_closing) continue;' }
    @{ Name = 'a row output before its line is on disk'; File = 'src/TelecomVerify.Core/Verification/VerificationRun.Results.cs'
       Find = 'if (head.Call != null && head.Call.JournalSequence > 0) _journal.EnsureDurable(head.Call.JournalSequence);'; Replace = '' }
    @{ Name = '-JournalMaxAge ignored'; File = 'src/TelecomVerify.Core/Journal/AnswerJournal.Loading.cs'
       Find = 'if (!reuse || utc < oldest)'; Replace = 'if (!reuse)' }
    @{ Name = 'journal lines served out of their place'; File = 'src/TelecomVerify.Core/Journal/JournalEnvelope.cs'
       Find = '|| sequence != number) return false;'; Replace = ') return false;' }
    @{ Name = 'no room kept for the requests in flight'; File = 'src/TelecomVerify.Core/Verification/VerificationRun.Calls.cs'
       Find = '_journal.HasRoomFor(_options.ThrottleLimit + 1)) return true;'; Replace = '_journal.HasRoomFor(0)) return true;' }
    @{ Name = 'the workbook library loaded into PowerShell''s shared context'; File = 'src/TelecomVerify.Core/Input/WorkbookLibrary.cs'
       Find = 'HasLoadContexts() ? LoadIsolated(folder)'; Replace = 'false ? LoadIsolated(folder)' }
    @{ Name = 'the journal opened by name after its check'; File = 'src/TelecomVerify.Core/Journal/JournalFiles.cs'
       Find = 'return UnixDescriptor.IsAvailable ? UnixDescriptor.OpenForWriting(path)'; Replace = 'return PrivateFiles.IsWindows ? UnixDescriptor.OpenForWriting(path)' }
    @{ Name = 'a UTF-8 sample cut inside a character read as GB18030'; File = 'src/TelecomVerify.Core/Input/CsvFile.cs'
       Find = 'flush: length < Sample'; Replace = 'flush: true' }
    @{ Name = 'res 2 with rescode 11 shown as a match'; File = 'src/TelecomVerify.Core/Verification/OutcomeMessages.cs'
       Find = '|| (res == 2 && detail == MatchDetail.Match)'; Replace = '' }
    @{ Name = 'res 1 without rescode shown as unknown'; File = 'src/TelecomVerify.Core/Verification/OutcomeMessages.cs'
       Find = 'case null: return res == 1 ? MatchDetail.Match : MatchDetail.Unknown;'; Replace = 'case null: return MatchDetail.Unknown;' }
    @{ Name = 'the header 证件号码 not taken for IdCard'; File = 'src/TelecomVerify/TestTelecomIdentityCommand.cs'
       Find = '"证件号码", '; Replace = '' }
    @{ Name = 'a journal of another account used'; File = 'src/TelecomVerify.Core/Journal/AnswerJournal.Audit.cs'
       Find = 'if (keys.AccountCheck(header.Salt) == header.Check) return keys;'; Replace = 'return keys;' }
    @{ Name = 'a kept identity column unmasked'; File = 'src/TelecomVerify/KeptColumns.cs'
       Find = 'SafeText.Clean(Masked(column.Key, value, input), 1024)'; Replace = 'SafeText.Clean(value, 1024)' }
    @{ Name = 'a kept column known as the row''s mobile by its value alone not masked as one'; File = 'src/TelecomVerify/KeptColumns.cs'
       Find = ' || Same(value, input.Mobile, v => IdentityNormalizer.NormalizeMobile(v))) return IdentityField.Mobile;'; Replace = ') return IdentityField.Mobile;' }
    @{ Name = 'a mapping script block run without its row'; File = 'src/TelecomVerify/ColumnMapping.cs'
       Find = 'new PSVariable("_", row), new PSVariable("PSItem", row)'; Replace = 'new PSVariable("_", null), new PSVariable("PSItem", null)' }
    @{ Name = 'a second file''s columns checked only when its rows come'; File = 'src/TelecomVerify/TestTelecomIdentityCommand.cs'
       Find = 'foreach (var file in _files) CheckColumns(file);'; Replace = '' }
    @{ Name = 'the summary of a stopped run not captured'; File = 'src/TelecomVerify/TestTelecomIdentityCommand.Stopping.cs'
       Find = 'CaptureSummary(_run.Summary());'; Replace = '' }
)

function Invoke-Mutation {
    <# Returns one row per break: its name and whether the suite caught it (failed). #>
    param([Parameter(Mandatory)][string] $Root, [Parameter(Mandatory)][string] $Scratch, [string[]] $Only)
    if (Test-Path $Scratch) { Remove-Item -Recurse -Force $Scratch }
    # The working tree as it is (tracked and new files), without build outputs.
    Push-Location $Root
    try { $files = git ls-files --cached --others --exclude-standard } finally { Pop-Location }
    foreach ($f in $files) {
        $target = Join-Path $Scratch $f
        $null = New-Item -ItemType Directory -Force (Split-Path $target)
        Copy-Item (Join-Path $Root $f) $target
    }
    $pwsh = Get-PwshCommand
    foreach ($m in $Mutations | Where-Object { -not $Only -or $_.Name -in $Only }) {
        $path = Join-Path $Scratch $m.File
        $original = [IO.File]::ReadAllText($path)
        $at = $original.IndexOf($m.Find, [StringComparison]::Ordinal)
        if ($at -lt 0 -or $original.IndexOf($m.Find, $at + 1, [StringComparison]::Ordinal) -ge 0) {
            throw "The break '$($m.Name)' does not find its text exactly once in $($m.File): the list is out of date."
        }
        [IO.File]::WriteAllText($path, $original.Remove($at, $m.Find.Length).Insert($at, $m.Replace))
        $log = Join-Path $Scratch ("mutation-" + ($m.Name -replace '[^\w]+', '-') + '.log')
        $clock = [Diagnostics.Stopwatch]::StartNew()
        # The suite learns which break it runs on: the test that keeps every break's text findable passes that one over.
        $env:TELECOMVERIFY_MUTATION = $m.Name
        try { & $pwsh.Path @($pwsh.Arguments) -NoProfile -NonInteractive -File (Join-Path $Scratch 'build.ps1') -Task Test *> $log }
        finally { Remove-Item Env:TELECOMVERIFY_MUTATION -ErrorAction SilentlyContinue }
        $caught = $LASTEXITCODE -ne 0
        [IO.File]::WriteAllText($path, $original)
        # A break that does not even build says so instead of a count.
        $summary = Select-String -Path $log -Pattern '^Tests: ' | Select-Object -Last 1 | ForEach-Object Line
        if (-not $summary) { $summary = 'the broken copy did not build or run' }
        [pscustomobject]@{ Break = $m.Name; Caught = $caught; Suite = $summary; Seconds = [int]$clock.Elapsed.TotalSeconds }
        Write-Host ("  {0,-45} {1}  ({2})" -f $m.Name, $(if ($caught) { 'caught' } else { 'SURVIVED' }), $summary)
    }
}
