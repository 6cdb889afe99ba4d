<#
.SYNOPSIS
    One benchmark scenario, run in a process of its own so that its CPU time and peak working
    set are the client's alone. Prints one JSON line. Called by Invoke-Benchmark.ps1.
#>
param(
    [Parameter(Mandatory)][ValidateSet('RestMethodLoop', 'ParallelRestMethod', 'Module', 'ModuleStream', 'ModuleJournal', 'ModuleResume', 'ModuleReplay', 'JournalLoad', 'ModuleStreamJournal', 'ModuleWorkbook')]
    [string] $Kind,
    [Parameter(Mandatory)][int] $Rows,
    [int] $ThrottleLimit = 1,
    [Parameter(Mandatory)][uri] $BaseUri,
    [Parameter(Mandatory)][string] $ApiKey,
    [Parameter(Mandatory)][string] $ModulePath,
    [double] $SettleSeconds = 2
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$endpoint = [uri]::new($BaseUri, 'telecomCmcc/query')
$me = [Diagnostics.Process]::GetCurrentProcess()

# Distinct rows, so no scenario gains from the module's deduplication: each is one paid call.
function New-Row([int] $i) { [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '189{0:D8}' -f $i } }
$data = if ($Kind -notin 'ModuleStream', 'ModuleStreamJournal', 'JournalLoad', 'ModuleWorkbook') { foreach ($i in 1..$Rows) { New-Row $i } }
$journal = Join-Path ([IO.Path]::GetTempPath()) ("tv-bench-{0}.journal" -f [guid]::NewGuid())
$sent = $null
if ($Kind -in 'ModuleResume', 'ModuleReplay') {
    # Half the file (or all of it) answered by an earlier run, not measured: the resumed run pays for the rest only.
    $null = $data | Select-Object -First ($(if ($Kind -eq 'ModuleReplay') { $Rows } else { $Rows / 2 })) | Test-TelecomIdentity -ApiKey $ApiKey -BaseUri $BaseUri -ThrottleLimit $ThrottleLimit -Journal $journal -InformationAction SilentlyContinue
}
if ($Kind -eq 'JournalLoad') {
    # A journal of $Rows answers, written by the module's own journal (header, keys, a MAC per line), not measured.
    Import-Module $ModulePath
    $settings = [TelecomVerify.Journal.JournalSettings]@{ ApiKey = $ApiKey; Host = ([uri]$BaseUri).Host }
    $writer = [TelecomVerify.Journal.AnswerJournal]::Open($journal, $settings)
    $hmac = [Security.Cryptography.HMACSHA256]::new($writer.Secret)
    $entry = [TelecomVerify.Journal.JournalEntry]@{ Mobile = '189****0000'; ErrorCode = 227303; OrderId = $null }
    $now = [DateTime]::UtcNow
    $last = 0
    for ($i = 1; $i -le $Rows; $i++) {
        $key = [TelecomVerify.Verification.IdentityKey]::Of($hmac, '李雷', '44030619851212123X', ('189{0:D8}' -f $i))
        $last = $writer.Append($key, $now, $entry)
    }
    $writer.EnsureDurable($last)
    $writer.Dispose()
    $hmac.Dispose()
}

$workbook = Join-Path ([IO.Path]::GetTempPath()) ("tv-bench-{0}.xlsx" -f [guid]::NewGuid())
if ($Kind -eq 'ModuleWorkbook') {
    # The same distinct rows, as a workbook written the way Excel writes one (shared strings).
    . (Join-Path $PSScriptRoot '../build/SampleWorkbook.ps1')
    $sheet = [Collections.Generic.List[string[]]]::new()
    $sheet.Add([string[]] @('姓名', '身份证号', '手机号'))
    for ($i = 1; $i -le $Rows; $i++) { $sheet.Add([string[]] @('李雷', '44030619851212123X', ('189{0:D8}' -f $i))) }
    New-SampleWorkbook -Path $workbook -Sheets @(@{ Name = 'Sheet1'; Rows = $sheet })
    $sheet = $null
}

# Warm up each path once (JIT, connection), outside the measurement.
$warm = New-Row 99999999
$null = Invoke-RestMethod -Method Post -Uri $endpoint -Body @{ key = $ApiKey; realname = $warm.姓名; idcard = $warm.身份证号; mobile = $warm.手机号 }
$null = $warm | Test-TelecomIdentity -ApiKey $ApiKey -BaseUri $BaseUri

# Let pwsh's own start-up work (module analysis, tiered JIT) finish: it is not the scenario's cost.
Start-Sleep -Seconds $SettleSeconds
[GC]::Collect()
$me.Refresh()
$cpu0 = $me.TotalProcessorTime
$ws0 = $me.WorkingSet64
$clock = [Diagnostics.Stopwatch]::StartNew()
$steady = 0

switch ($Kind) {
    'RestMethodLoop' {
        foreach ($r in $data) {
            $null = Invoke-RestMethod -Method Post -Uri $endpoint -Body @{ key = $ApiKey; realname = $r.姓名; idcard = $r.身份证号; mobile = $r.手机号 }
        }
    }
    'ParallelRestMethod' {
        $data | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
            $null = Invoke-RestMethod -Method Post -Uri $using:endpoint -Body @{ key = $using:ApiKey; realname = $_.姓名; idcard = $_.身份证号; mobile = $_.手机号 }
        }
    }
    'Module' {
        $null = $data | Test-TelecomIdentity -ApiKey $ApiKey -BaseUri $BaseUri -ThrottleLimit $ThrottleLimit
    }
    'ModuleJournal' {
        $null = $data | Test-TelecomIdentity -ApiKey $ApiKey -BaseUri $BaseUri -ThrottleLimit $ThrottleLimit -Journal $journal -InformationAction SilentlyContinue
    }
    { $_ -in 'ModuleResume', 'ModuleReplay' } {
        $null = $data | Test-TelecomIdentity -ApiKey $ApiKey -BaseUri $BaseUri -ThrottleLimit $ThrottleLimit -Journal $journal -InformationAction SilentlyContinue -InformationVariable info
        $sent = $info[-1].MessageData.Sent
    }
    'JournalLoad' {
        # Opening the journal loads its index: -WhatIf opens it and sends nothing.
        $null = New-Row 1 | Test-TelecomIdentity -Journal $journal -ApiKey $ApiKey -BaseUri $BaseUri -WhatIf -InformationAction SilentlyContinue
    }
    'ModuleWorkbook' {
        # -Path reads the workbook itself: first a count for "N of M", then the rows, streamed.
        $n = 0
        Test-TelecomIdentity -Path $workbook -ApiKey $ApiKey -BaseUri $BaseUri -ThrottleLimit $ThrottleLimit -InformationAction SilentlyContinue |
            ForEach-Object {
                $n++
                if ($n -eq 10000) { [GC]::Collect(); $me.Refresh(); $steady = $me.WorkingSet64 }
            }
    }
    { $_ -in 'ModuleStream', 'ModuleStreamJournal' } {
        # Rows made on the fly and results dropped as they come: what the module itself holds is what grows.
        $n = 0
        $journalArgs = if ($Kind -eq 'ModuleStreamJournal') { @{ Journal = $journal } } else { @{} }
        1..$Rows | ForEach-Object { New-Row $_ } |
            Test-TelecomIdentity -ApiKey $ApiKey -BaseUri $BaseUri -ThrottleLimit $ThrottleLimit -InformationAction SilentlyContinue @journalArgs |
            ForEach-Object {
                $n++
                if ($n -eq 10000) { [GC]::Collect(); $me.Refresh(); $steady = $me.WorkingSet64 }
            }
    }
}

$clock.Stop()
$me.Refresh()
[pscustomobject]@{
    Kind          = $Kind
    ThrottleLimit = $ThrottleLimit
    Rows          = $Rows
    Seconds       = $clock.Elapsed.TotalSeconds
    CpuSeconds    = ($me.TotalProcessorTime - $cpu0).TotalSeconds
    StartMB       = [math]::Round($ws0 / 1MB, 1)
    SteadyMB      = [math]::Round($steady / 1MB, 1)
    PeakMB        = [math]::Round($me.PeakWorkingSet64 / 1MB, 1)
    EndMB         = [math]::Round($me.WorkingSet64 / 1MB, 1)
    Sent          = $sent
} | ConvertTo-Json -Compress
Remove-Item $journal, $workbook -ErrorAction Ignore
