<#
.SYNOPSIS
    A nightly check of a staff file with TelecomVerify, for a scheduler: a journal, a log of JSON
    lines, and an exit code that says what happened.
.DESCRIPTION
    Run it as a scheduler runs a job:
        pwsh -NonInteractive -NoProfile -File Invoke-NightlyCheck.ps1 -Path staff.xlsx -Journal staff.journal -OutFile checked.csv -LogFile nightly.log
    The key comes from the environment (JUHE_API_KEY), the session, or the saved credential, as for
    any run. Run it again with the same journal after any stop: answered rows cost nothing again.

    Exit codes:
        0    every row answered (or rejected locally, or answered by the journal)
        2    some rows failed (the provider did not answer them; the next run asks them again)
        3    some requests may have been billed without an answer (see PossiblyBilled in the output)
        1    the run did not start, or stopped (an account-level code, a dead provider, a full disk)
        130  interrupted (Ctrl+C, SIGINT)
#>
param(
    [Parameter(Mandatory)][string] $Path,
    [Parameter(Mandatory)][string] $Journal,
    [Parameter(Mandatory)][string] $OutFile,
    # One JSON line per run; standard output when omitted.
    [string] $LogFile,
    [int] $ThrottleLimit = 4
)
$ErrorActionPreference = 'Stop'
# A terminal nobody reads (some CI runners give one) must not slow the run.
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $PSScriptRoot '../TelecomVerify.psd1')

function Write-RunLog([System.Collections.IDictionary] $Entry) {
    $Entry['time'] = [DateTime]::UtcNow.ToString('o')
    $line = [pscustomobject]$Entry | ConvertTo-Json -Compress
    if ($LogFile) { Add-Content -Path $LogFile -Value $line -Encoding utf8 } else { $line }
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
try {
    # -ErrorAction Continue: a failed row is a result and an error record, not the end of the night.
    $encoding = if ($PSVersionTable.PSEdition -eq 'Desktop') { 'UTF8' } else { 'utf8BOM' }   # both write the BOM Excel needs
    Test-TelecomIdentity -Path $Path -Journal $Journal -ThrottleLimit $ThrottleLimit -ErrorAction Continue `
        -InformationAction SilentlyContinue -InformationVariable info |
        Export-Csv -Path $OutFile -Encoding $encoding -NoTypeInformation
    $summary = $info.MessageData | Where-Object { $_ -is [TelecomVerify.RunSummary] } | Select-Object -Last 1
    $code = if ($summary.PossiblyBilled -gt 0) { 3 } elseif ($summary.Failed -gt 0) { 2 } else { 0 }
    Write-RunLog ([ordered]@{
        event = 'finished'; exit = $code; rows = $summary.Rows; sent = $summary.Sent; answered = $summary.Answered
        fromJournal = $summary.FromJournal; rejectedLocally = $summary.RejectedLocally; failed = $summary.Failed
        possiblyBilled = $summary.PossiblyBilled; seconds = [math]::Round($summary.Elapsed.TotalSeconds, 1)
        started = $summary.StartedUtc.ToString('o'); ended = $summary.EndedUtc.ToString('o')
    })
    $ended = $true
    exit $code
}
catch {
    # The run did not start or stopped itself; its error id says why (JournalInUse, Juhe10012, ProviderUnreachable…).
    Write-RunLog ([ordered]@{ event = 'stopped'; exit = 1; errorId = ($_.FullyQualifiedErrorId -split ',')[0]; message = $_.Exception.Message })
    $ended = $true
    exit 1
}
finally {
    # Reached without an exit above only when the run was interrupted: the scheduler must not see success.
    if (-not $ended) { [Environment]::Exit(130) }
}
