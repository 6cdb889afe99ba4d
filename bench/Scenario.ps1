<#
.SYNOPSIS
    One benchmark scenario, run in a process of its own so that its CPU time and peak working
    set are the client's alone. Prints one JSON line. Called by Invoke-Benchmark.ps1.
#>
param(
    [Parameter(Mandatory)][ValidateSet('RestMethodLoop', 'ParallelRestMethod', 'Module', 'ModuleStream')]
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
$data = if ($Kind -ne 'ModuleStream') { foreach ($i in 1..$Rows) { New-Row $i } }

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
    'ModuleStream' {
        # Rows made on the fly and results dropped as they come: what the module itself holds is what grows.
        $n = 0
        1..$Rows | ForEach-Object { New-Row $_ } |
            Test-TelecomIdentity -ApiKey $ApiKey -BaseUri $BaseUri -ThrottleLimit $ThrottleLimit |
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
} | ConvertTo-Json -Compress
