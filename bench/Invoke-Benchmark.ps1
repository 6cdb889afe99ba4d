<#
.SYNOPSIS
    Test-TelecomIdentity against the plain-PowerShell alternatives, side by side.
.DESCRIPTION
    Starts the sandbox in a separate process at each latency, runs every scenario in a process of
    its own on the same kind of rows (distinct identities, one paid call each), and prints rows/s,
    client CPU seconds per 1000 rows, peak working set, and the ideal rows/s (throttle / latency).
    Then streams -MemoryRows rows through the module to show that memory stays flat.
    Run through the build: dotnet pwsh ./build.ps1 -Task Bench
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [int[]] $LatencyMs = @(0, 50),
    [int] $MemoryRows = 200000,
    # A workbook of this many rows read by -Path, against the same rows streamed from memory (0: skip).
    [int] $WorkbookRows = 200000,
    # The journal's own figures: journal on vs off, a resumed run, loading a journal of this many answers (0: skip).
    [int] $JournalRows = 1000000,
    # Three hostile files (a 100-million-character CSV field, a gigabyte of shared strings, a 2 GiB zip bomb): what refusing each costs.
    [switch] $SkipHostileFiles,
    # Roughly how long each scenario should run; row counts are sized from expected rates.
    [double] $SecondsPerScenario = 5,
    # Idle time each scenario process waits before measuring, so pwsh's start-up work is not counted.
    [double] $SettleSeconds = 2,
    [string] $ReportPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

. (Join-Path $PSScriptRoot '../build/PwshHelpers.ps1')
$pwsh = Get-PwshCommand
$exe = $pwsh.Path
$prefix = $pwsh.Arguments
$scenario = Join-Path $PSScriptRoot 'Scenario.ps1'

function Start-SandboxProcess([int] $Latency) {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $command = "Import-Module '$ModulePath'; Start-JuheSandbox -Port $port -LatencyMs $Latency -Wait"
    $proc = Start-Process -FilePath $exe -ArgumentList ($prefix + @('-NoProfile', '-NonInteractive', '-Command', $command)) -PassThru -RedirectStandardOutput ([IO.Path]::GetTempFileName())
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ($true) {
        try { $c = [Net.Sockets.TcpClient]::new('127.0.0.1', $port); $c.Dispose(); break }
        catch { if ([DateTime]::UtcNow -gt $deadline) { $proc.Kill(); throw "The sandbox did not start on port $port." }; Start-Sleep -Milliseconds 200 }
    }
    [pscustomobject]@{ Process = $proc; BaseUri = [uri]"http://127.0.0.1:$port/" }
}

function Invoke-Scenario([string] $Kind, [int] $Rows, [int] $Throttle, $Sandbox, [int] $People = 0) {
    $arguments = $prefix + @('-NoProfile', '-NonInteractive', '-File', $scenario, '-Kind', $Kind, '-Rows', $Rows,
        '-ThrottleLimit', $Throttle, '-BaseUri', $Sandbox.BaseUri, '-ApiKey', 'sandbox-key-0000000000000000000000', '-ModulePath', $ModulePath, '-SettleSeconds', $SettleSeconds, '-People', $People)
    $lines = & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "Scenario $Kind failed: $lines" }
    $lines | Select-Object -Last 1 | ConvertFrom-Json
}

$plan = @(
    @{ Name = 'Invoke-RestMethod loop';            Kind = 'RestMethodLoop';     Throttle = 1;  Rate0 = 400;  }
    @{ Name = 'ForEach-Object -Parallel + IRM';    Kind = 'ParallelRestMethod'; Throttle = 32; Rate0 = 800;  }
    @{ Name = 'Test-TelecomIdentity';              Kind = 'Module';             Throttle = 1;  Rate0 = 1500; }
    @{ Name = 'Test-TelecomIdentity';              Kind = 'Module';             Throttle = 8;  Rate0 = 4000; }
    @{ Name = 'Test-TelecomIdentity';              Kind = 'Module';             Throttle = 32; Rate0 = 4000; }
    @{ Name = 'Test-TelecomIdentity -Journal';     Kind = 'ModuleJournal';      Throttle = 32; Rate0 = 4000; }
)

$table = foreach ($latency in $LatencyMs) {
    $sandbox = Start-SandboxProcess $latency
    try {
        foreach ($p in $plan) {
            # Expected rate: latency-bound when there is latency, else a rough CPU-bound guess.
            $expected = if ($latency -gt 0) { [math]::Min($p.Rate0, $p.Throttle * 1000 / $latency) } else { $p.Rate0 }
            $rows = [int][math]::Max(50, $expected * $SecondsPerScenario)
            Write-Host ("  {0,-32} throttle {1,2}, latency {2,3} ms, {3} rows ..." -f $p.Name, $p.Throttle, $latency, $rows)
            $r = Invoke-Scenario $p.Kind $rows $p.Throttle $sandbox
            [pscustomobject]@{
                Scenario         = $p.Name
                Throttle         = $p.Throttle
                LatencyMs        = $latency
                Rows             = $r.Rows
                'Rows/s'         = [math]::Round($r.Rows / $r.Seconds, 0)
                'Ideal rows/s'   = if ($latency -gt 0) { [math]::Round($p.Throttle * 1000 / $latency, 0) } else { $null }
                'CPU s/1000 rows' = [math]::Round($r.CpuSeconds / $r.Rows * 1000, 3)
                'Peak WS MB'     = $r.PeakMB
            }
        }
    }
    finally { $sandbox.Process.Kill($true) }
}
$table | Format-Table -AutoSize | Out-String -Width 200 | Out-Host

# Memory while rows stream: from memory, and read from a workbook by -Path (same distinct rows).
function Measure-Stream([string] $Kind, [int] $Rows, [string] $Run) {
    $sandbox = Start-SandboxProcess 0
    try {
        Write-Host "  $Run, $Rows rows ..."
        $m = Invoke-Scenario $Kind $Rows 32 $sandbox
        [pscustomobject]@{ Run = $Run; Rows = $m.Rows; 'Rows/s' = [math]::Round($m.Rows / $m.Seconds, 0)
            'WS at 10k rows MB' = $m.SteadyMB; 'Peak WS MB' = $m.PeakMB; 'Growth MB' = [math]::Round($m.PeakMB - $m.SteadyMB, 1) }
    }
    finally { $sandbox.Process.Kill($true) }
}
$memoryRuns = @(
    if ($MemoryRows -gt 0) { Measure-Stream 'ModuleStream' $MemoryRows 'Test-TelecomIdentity -ThrottleLimit 32, 0 ms' }
    if ($WorkbookRows -gt 0) { Measure-Stream 'ModuleWorkbook' $WorkbookRows 'Test-TelecomIdentity -Path book.xlsx -ThrottleLimit 32, 0 ms' }
)
if ($memoryRuns) { $memoryRuns | Format-Table -AutoSize | Out-String -Width 200 | Out-Host }

$journalRuns = @()
# One row of the journal table from a scenario's JSON; growth from the start unless steady is given.
function New-JournalRun([string] $Run, $r, [object] $Sent, [switch] $FromSteady) {
    [pscustomobject]@{ Run = $Run; Rows = $r.Rows; Seconds = [math]::Round($r.Seconds, 2)
        'Rows/s' = $(if ($Run -like 'load*' -or $Run -like 'start-up*') { $null } else { [math]::Round($r.Rows / $r.Seconds, 0) }); 'Requests sent' = $Sent; 'Peak WS MB' = $r.PeakMB
        'Growth MB' = $(if ($FromSteady) { [math]::Round($r.PeakMB - $r.SteadyMB, 1) } else { [math]::Round($r.EndMB - $r.StartMB, 1) }) }
}
if ($JournalRows -gt 0) {
    $sandbox = Start-SandboxProcess 0
    try {
        $resumeRows = [int][math]::Min(100000, [math]::Max(100, $JournalRows / 10))
        Write-Host "  Resuming a $resumeRows-row file whose first half is in the journal ..."
        $r = Invoke-Scenario 'ModuleResume' $resumeRows 32 $sandbox
        $journalRuns += New-JournalRun "resume: $resumeRows rows, half journalled" $r $r.Sent
        Write-Host "  The same file again, every row in the journal ..."
        $r = Invoke-Scenario 'ModuleReplay' $resumeRows 32 $sandbox
        $journalRuns += New-JournalRun "replay: $resumeRows rows, all journalled" $r $r.Sent
        Write-Host "  Streaming $JournalRows rows through Test-TelecomIdentity -Journal -ThrottleLimit 32 ..."
        $r = Invoke-Scenario 'ModuleStreamJournal' $JournalRows 32 $sandbox
        $journalRuns += New-JournalRun "stream $JournalRows distinct rows with -Journal" $r $r.Rows -FromSteady
        Write-Host "  Loading a journal of $JournalRows answers ..."
        $r = Invoke-Scenario 'JournalLoad' $JournalRows 1 $sandbox
        $journalRuns += New-JournalRun "load a journal of $JournalRows answers" $r 0
        # A nightly job's journal after months: twenty nights of the same people, before and after Optimize-JuheJournal.
        $nights, $people = ($JournalRows * 2), ($JournalRows / 10)
        foreach ($j in @(
            @{ Kind = 'JournalNights'; Run = "start-up: $nights lines for $people people" }
            @{ Kind = 'JournalOptimized'; Run = "start-up: the same, after Optimize-JuheJournal" }
            @{ Kind = 'JournalOnce'; Run = "start-up: $people people written once" })) {
            Write-Host "  $($j.Run) ..."
            $r = Invoke-Scenario $j.Kind $(if ($j.Kind -eq 'JournalOnce') { $people } else { $nights }) 1 $sandbox -People $people
            $journalRuns += New-JournalRun $j.Run $r 0
        }
        $journalRuns | Format-Table -AutoSize | Out-String -Width 200 | Out-Host
    }
    finally { $sandbox.Process.Kill($true) }
}

$hostileRuns = @()
if (-not $SkipHostileFiles) {
    $sandbox = Start-SandboxProcess 0
    try {
        foreach ($h in @(
            @{ Kind = 'HostileCsv'; Run = 'CSV with a 100 000 000-character field' }
            @{ Kind = 'HostileSharedStrings'; Run = 'workbook: 1 000 000 shared strings of 1 000 characters' }
            @{ Kind = 'HostileZipBomb'; Run = 'workbook: a sheet that unpacks to 2 GiB' })) {
            Write-Host "  Refusing a hostile file: $($h.Run) ..."
            $r = Invoke-Scenario $h.Kind 1 1 $sandbox
            $hostileRuns += [pscustomobject]@{ File = $h.Run; Outcome = $r.Sent; Seconds = [math]::Round($r.Seconds, 2); 'Peak WS MB' = $r.PeakMB; 'Growth MB' = [math]::Round($r.PeakMB - $r.StartMB, 1) }
        }
        $hostileRuns | Format-Table -AutoSize | Out-String -Width 200 | Out-Host
    }
    finally { $sandbox.Process.Kill($true) }
}

if ($ReportPath) {
    $cpu = (Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Select-String '^model name' | Select-Object -First 1) -replace '^model name\s*:\s*', ''
    $machine = "$([Environment]::ProcessorCount) cores, $cpu, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion)"
    $md = @("Machine: $machine", '', '| scenario | throttle | latency ms | rows | rows/s | ideal rows/s | CPU s / 1000 rows | peak WS MB |', '|---|---|---|---|---|---|---|---|')
    $md += $table | ForEach-Object { "| $($_.Scenario) | $($_.Throttle) | $($_.LatencyMs) | $($_.Rows) | $($_.'Rows/s') | $($_.'Ideal rows/s') | $($_.'CPU s/1000 rows') | $($_.'Peak WS MB') |" }
    if ($memoryRuns) {
        $md += '', '| memory run | rows | rows/s | WS at 10k rows MB | peak WS MB | growth MB |', '|---|---|---|---|---|---|'
        $md += $memoryRuns | ForEach-Object { "| $($_.Run) | $($_.Rows) | $($_.'Rows/s') | $($_.'WS at 10k rows MB') | $($_.'Peak WS MB') | $($_.'Growth MB') |" }
    }
    if ($journalRuns) {
        $md += '', '| journal run | rows | seconds | rows/s | requests sent | peak WS MB | growth MB |', '|---|---|---|---|---|---|---|'
        $md += $journalRuns | ForEach-Object { "| $($_.Run) | $($_.Rows) | $($_.Seconds) | $($_.'Rows/s') | $($_.'Requests sent') | $($_.'Peak WS MB') | $($_.'Growth MB') |" }
    }
    if ($hostileRuns) {
        $md += '', '| hostile file | outcome | seconds | peak WS MB | growth MB |', '|---|---|---|---|---|'
        $md += $hostileRuns | ForEach-Object { "| $($_.File) | $($_.Outcome) | $($_.Seconds) | $($_.'Peak WS MB') | $($_.'Growth MB') |" }
    }
    Set-Content -Path $ReportPath -Value $md -Encoding utf8
    Write-Host "Report written to $ReportPath"
}
