<#
.SYNOPSIS
    One benchmark scenario, run in a process of its own so that its CPU time and peak working
    set are the client's alone. Prints one JSON line. Called by Invoke-Benchmark.ps1.
#>
param(
    [Parameter(Mandatory)][ValidateSet('RestMethodLoop', 'ParallelRestMethod', 'Module', 'ModuleStream', 'ModuleJournal', 'ModuleResume', 'ModuleReplay', 'JournalLoad', 'JournalNights', 'JournalOptimized', 'JournalOnce', 'ModuleStreamJournal', 'ModuleWorkbook', 'HostileCsv', 'HostileSharedStrings', 'HostileZipBomb')]
    [string] $Kind,
    [Parameter(Mandatory)][int] $Rows,
    [int] $ThrottleLimit = 1,
    [Parameter(Mandatory)][uri] $BaseUri,
    [Parameter(Mandatory)][string] $ApiKey,
    [Parameter(Mandatory)][string] $ModulePath,
    [double] $SettleSeconds = 2,
    # JournalNights/JournalOptimized/JournalOnce: the people the journal's $Rows lines are about.
    [int] $People = 0
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$endpoint = [uri]::new($BaseUri, 'telecomCmcc/query')
$me = [Diagnostics.Process]::GetCurrentProcess()

# Distinct rows, so no scenario gains from the module's deduplication: each is one paid call.
function New-Row([int] $i) { [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '189{0:D8}' -f $i } }
# The kinds that measure a journal's load: built before the clock, opened by a -WhatIf run.
$journalKinds = 'JournalLoad', 'JournalNights', 'JournalOptimized', 'JournalOnce'
$data = if ($Kind -notin @('ModuleStream', 'ModuleStreamJournal', 'ModuleWorkbook') + $journalKinds -and $Kind -notlike 'Hostile*') { foreach ($i in 1..$Rows) { New-Row $i } }
$journal = Join-Path ([IO.Path]::GetTempPath()) ("tv-bench-{0}.journal" -f [guid]::NewGuid())
$sent = $null
if ($Kind -in 'ModuleResume', 'ModuleReplay') {
    # Half the file (or all of it) answered by an earlier run, not measured: the resumed run pays for the rest only.
    $null = $data | Select-Object -First ($(if ($Kind -eq 'ModuleReplay') { $Rows } else { $Rows / 2 })) | Test-TelecomIdentity -ApiKey $ApiKey -BaseUri $BaseUri -ThrottleLimit $ThrottleLimit -Journal $journal -InformationAction SilentlyContinue
}
if ($Kind -in $journalKinds) {
    # A journal of $Rows answers, written by the module's own journal (header, keys, a MAC per line), not measured:
    # one per person (JournalLoad), or $People people asked night after night (JournalNights), then optimized
    # (JournalOptimized), or those people written once (JournalOnce).
    $people = if ($Kind -eq 'JournalLoad') { $Rows } else { $People }
    $lines = $Rows
    Import-Module $ModulePath
    $settings = [TelecomVerify.Journal.JournalSettings]@{ ApiKey = $ApiKey; Host = ([uri]$BaseUri).Host; Origin = [TelecomVerify.Journal.JournalSettings]::OriginOf([uri]$BaseUri) }
    $writer = [TelecomVerify.Journal.AnswerJournal]::Open($journal, $settings)
    $hmac = [Security.Cryptography.HMACSHA256]::new($writer.Secret)
    $entry = [TelecomVerify.Journal.JournalEntry]@{ Mobile = '189****0000'; ErrorCode = 227303; OrderId = $null }
    $now = [DateTime]::UtcNow
    $last = 0
    for ($i = 1; $i -le $lines; $i++) {
        $key = [TelecomVerify.Verification.IdentityKey]::Of($hmac, '李雷', '44030619851212123X', ('189{0:D8}' -f (($i - 1) % $people + 1)))
        # Older nights first: the newest line of a person is the one a run serves.
        $last = $writer.Append($key, $now.AddSeconds(($i - $lines) / 2), $entry)
    }
    $writer.EnsureDurable($last)
    $writer.Dispose()
    $hmac.Dispose()
    if ($Kind -eq 'JournalOptimized') { $null = Optimize-JuheJournal $journal -ApiKey $ApiKey -BaseUri $BaseUri }
}

$workbook = Join-Path ([IO.Path]::GetTempPath()) ("tv-bench-{0}.xlsx" -f [guid]::NewGuid())
# Files made to eat the machine, written before the clock starts (streamed, so writing them costs little memory).
$hostile = Join-Path ([IO.Path]::GetTempPath()) ("tv-bench-hostile-{0}{1}" -f [guid]::NewGuid(), $(if ($Kind -eq 'HostileCsv') { '.csv' } else { '.xlsx' }))
function Add-Entry($zip, [string] $name, [scriptblock] $write) {
    $w = [IO.StreamWriter]::new($zip.CreateEntry($name, [IO.Compression.CompressionLevel]::Fastest).Open())
    try { & $write $w } finally { $w.Dispose() }
}
switch ($Kind) {
    'HostileCsv' {
        # One field of 100 million characters.
        $w = [IO.StreamWriter]::new($hostile, $false, [Text.UTF8Encoding]::new($false))
        $w.Write("姓名,身份证号,手机号`n"); $chunk = 'x' * 1000000
        for ($i = 0; $i -lt 100; $i++) { $w.Write($chunk) }
        $w.Write(",44030619851212123X,18900001234`n"); $w.Dispose()
    }
    { $_ -in 'HostileSharedStrings', 'HostileZipBomb' } {
        Add-Type -AssemblyName System.IO.Compression
        $zip = [IO.Compression.ZipFile]::Open($hostile, 'Create')
        try {
            Add-Entry $zip '[Content_Types].xml' { param($w) $w.Write('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') }
            if ($Kind -eq 'HostileSharedStrings') {
                # 1 000 000 shared strings of 1 000 characters: a gigabyte the reader would load whole.
                Add-Entry $zip 'xl/sharedStrings.xml' { param($w) $w.Write('<sst>'); $item = '<si><t>' + ('x' * 1000) + '</t></si>'; for ($i = 0; $i -lt 1000000; $i++) { $w.Write($item) }; $w.Write('</sst>') }
            }
            else {
                # A sheet that unpacks to 2 GiB of empty rows.
                Add-Entry $zip 'xl/worksheets/sheet1.xml' { param($w) $w.Write('<worksheet><sheetData>'); $rows = '<row/>' * 10000; for ($i = 0; $i -lt 35800; $i++) { $w.Write($rows) }; $w.Write('</sheetData></worksheet>') }
            }
        }
        finally { $zip.Dispose() }
    }
}
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
    { $_ -in $journalKinds } {
        # Opening the journal loads its index, as a run's start-up does: -WhatIf opens it and sends nothing.
        $null = New-Row 1 | Test-TelecomIdentity -Journal $journal -ApiKey $ApiKey -BaseUri $BaseUri -WhatIf -InformationAction SilentlyContinue
    }
    { $_ -like 'Hostile*' } {
        # Refused (InputTooLarge) before it is read: the figures are what the refusal cost.
        try { $null = Test-TelecomIdentity -Path $hostile -ApiKey $ApiKey -BaseUri $BaseUri; $sent = 'read' }
        catch { $sent = "$($_.FullyQualifiedErrorId)" -replace ',.*$', '' }
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
Remove-Item $journal, $workbook, $hostile -ErrorAction Ignore
