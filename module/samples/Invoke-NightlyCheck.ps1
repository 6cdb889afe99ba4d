<#
.SYNOPSIS
    A nightly check of a staff file with TelecomVerify, for a scheduler: a journal, a log of JSON
    lines, and an exit code that says what happened.
.DESCRIPTION
    Run it as a scheduler runs a job:
        pwsh -NonInteractive -NoProfile -File Invoke-NightlyCheck.ps1 -Path staff.xlsx -Journal staff.journal -OutFile checked.csv -LogFile nightly.log
    The key comes from the environment (JUHE_API_KEY), the session, or the saved credential, as for
    any run. Run it again with the same journal after any stop: answered rows cost nothing again.
    After a night that ran, the journal is kept to one entry per person within -RetainDays
    (Optimize-JuheJournal), so that it neither grows for ever nor keeps personal data longer than
    your policy allows.

    -ThrottleLimit: requests in flight. At 4 and 50 ms a request, a night reaches about 80 rows/s
    (42 minutes for 200,000 people). Raise it when the night is too short, up to what your account
    may ask at once (the provider's QPS; a "slow down" answer holds the whole run back): 16 reaches
    about 300 rows/s at 50 ms. -MaxRequests caps what a night may spend.

    Under a scheduler (no terminal) the output is plain text, without colour codes. SIGTERM (a
    scheduler's time limit) is handled as Ctrl+C: the requests in flight are recorded as possibly
    billed, the journal says the run was interrupted, the log gets its line, and the exit code is 130.

    Exit codes:
        0    every row answered (or rejected locally, or answered by the journal)
        2    some rows failed (the provider did not answer them; the next run asks them again)
        3    some requests may have been billed without an answer (see PossiblyBilled in the output)
        1    the run did not start, or stopped (an account-level code, a dead provider, a full disk,
             -MaxRequests reached)
        130  interrupted (Ctrl+C, SIGINT, SIGTERM)
#>
param(
    [Parameter(Mandatory)][string] $Path,
    [Parameter(Mandatory)][string] $Journal,
    [Parameter(Mandatory)][string] $OutFile,
    # One JSON line per run; standard output when omitted.
    [string] $LogFile,
    [int] $ThrottleLimit = 4,
    # A spending limit for the night (retries included); 0: none.
    [long] $MaxRequests = 0,
    # How long an answer is kept in the journal; 0: the journal is not optimized.
    [int] $RetainDays = 90
)
$ErrorActionPreference = 'Stop'
# A terminal nobody reads (some CI runners give one) must not slow the run.
$ProgressPreference = 'SilentlyContinue'
# A log collector reads what cron or a service manager captured: no colour codes when no one is at a terminal.
if ($PSStyle -and ([Console]::IsOutputRedirected -or [Console]::IsErrorRedirected)) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module (Join-Path $PSScriptRoot '../TelecomVerify.psd1')

function Write-RunLog([System.Collections.IDictionary] $Entry) {
    $Entry['time'] = [DateTime]::UtcNow.ToString('o')
    $Entry['input'] = $Path; $Entry['output'] = $OutFile; $Entry['journal'] = $Journal
    $summary = $info.MessageData | Where-Object { $_ -is [TelecomVerify.RunSummary] } | Select-Object -Last 1
    if ($summary) {
        foreach ($name in 'Rows', 'Sent', 'Answered', 'FromJournal', 'Duplicates', 'RejectedLocally', 'Failed', 'PossiblyBilled', 'StoppedAtRow') {
            $Entry[$name.Substring(0, 1).ToLowerInvariant() + $name.Substring(1)] = $summary.$name
        }
        $Entry['seconds'] = [math]::Round($summary.Elapsed.TotalSeconds, 1)
    }
    $line = [pscustomobject]$Entry | ConvertTo-Json -Compress
    if (-not $LogFile) { $line; return }
    # One write under an exclusive lock: two jobs sharing a log add whole lines, one after the other.
    $bytes = [System.Text.UTF8Encoding]::new($false).GetBytes($line + "`n")
    for ($try = 1; ; $try++) {
        try {
            $stream = [System.IO.File]::Open($LogFile, 'Append', 'Write', 'None')
            try { $stream.Write($bytes, 0, $bytes.Length); $stream.Flush($true) } finally { $stream.Dispose() }
            return
        }
        catch [System.IO.IOException] { if ($try -ge 200) { throw }; [System.Threading.Thread]::Sleep(25) }
    }
}

function Initialize-PrivateFile([string] $File) {
    # The output and the log hold personal data and the bill: never written through a link someone planted
    # (it could point at a file of root's), and created readable by this user alone, as the journal is.
    $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($File)
    $item = Get-Item -LiteralPath $full -Force -ErrorAction Ignore
    if ($item -and $item.LinkType) { throw [System.IO.IOException]::new("$full is a symbolic link: the nightly job writes only to a file of its own. Remove the link, or name another file.") }
    if (-not $IsWindows -and $PSVersionTable.PSVersion.Major -ge 7) {
        if (-not $item) {
            $options = [System.IO.FileStreamOptions]@{ Mode = 'CreateNew'; Access = 'Write'; UnixCreateMode = 'UserRead, UserWrite' }
            [System.IO.File]::Open($full, $options).Dispose()
        }
        else { [System.IO.File]::SetUnixFileMode($full, 'UserRead, UserWrite') }
    }
    $full
}

try {
    $OutFile = Initialize-PrivateFile $OutFile
    if ($LogFile) { $LogFile = Initialize-PrivateFile $LogFile }
}
catch {
    # The log itself may be the refused file: this one line goes to standard output.
    $LogFile = $null
    Write-RunLog ([ordered]@{ event = 'stopped'; exit = 1; errorId = 'UnsafeOutputFile'; message = $_.Exception.Message })
    exit 1
}

$ended = $false
$info = $null
try {
    # -ErrorAction Continue: a failed row is a result and an error record, not the end of the night.
    $encoding = if ($PSVersionTable.PSEdition -eq 'Desktop') { 'UTF8' } else { 'utf8BOM' }   # both write the BOM Excel needs
    $limit = if ($MaxRequests -gt 0) { @{ MaxRequests = $MaxRequests } } else { @{} }
    Test-TelecomIdentity -Path $Path -Journal $Journal -ThrottleLimit $ThrottleLimit @limit -ErrorAction Continue `
        -InformationAction SilentlyContinue -InformationVariable info |
        Export-Csv -Path $OutFile -Encoding $encoding -NoTypeInformation
    $summary = $info.MessageData | Where-Object { $_ -is [TelecomVerify.RunSummary] } | Select-Object -Last 1
    $code = if ($summary.PossiblyBilled -gt 0) { 3 } elseif ($summary.Failed -gt 0) { 2 } else { 0 }
    $entry = [ordered]@{ event = 'finished'; exit = $code; started = $summary.StartedUtc.ToString('o'); ended = $summary.EndedUtc.ToString('o') }
    if ($RetainDays -gt 0) {
        # The journal kept to what a run needs: its size follows the people kept, not the nights run.
        try {
            $kept = Optimize-JuheJournal -Path $Journal -RetainFor ([TimeSpan]::FromDays($RetainDays))
            $entry['journalKept'] = $kept.Kept; $entry['journalDropped'] = $kept.Superseded + $kept.Expired + $kept.Untrusted
        }
        catch { $entry['optimizeErrorId'] = ($_.FullyQualifiedErrorId -split ',')[0] }
    }
    Write-RunLog $entry
    $ended = $true
    exit $code
}
catch {
    # The run did not start or stopped itself; its error id says why (JournalInUse, Juhe10012, ProviderUnreachable…).
    $errorId = ($_.FullyQualifiedErrorId -split ',')[0]
    # The output's disk, not the journal's, filled up: an id of its own rather than the system's exception type.
    if ($_.Exception -is [System.IO.IOException] -and $errorId -like 'System.IO.*') { $errorId = 'OutputNotWritten' }
    Write-RunLog ([ordered]@{ event = 'stopped'; exit = 1; errorId = $errorId; message = $_.Exception.Message })
    $ended = $true
    exit 1
}
finally {
    # Reached without an exit above only when the run was interrupted (Ctrl+C, SIGTERM): logged, and never success.
    if (-not $ended) {
        try { Write-RunLog ([ordered]@{ event = 'interrupted'; exit = 130 }) } catch { }
        [Environment]::Exit(130)
    }
}
