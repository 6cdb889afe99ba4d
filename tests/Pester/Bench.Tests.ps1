#Requires -Version 7.0
# The benchmark is not a test, but it must keep working: run it at its smallest and read its report.

Describe 'The benchmark script' {
    It 'runs every scenario against a sandbox in another process and writes its report' {
        $report = Join-Path $TestDrive 'bench.md'
        & (Join-Path $PSScriptRoot '../../bench/Invoke-Benchmark.ps1') -ModulePath (Join-Path $PSScriptRoot '../../out/TelecomVerify') `
            -LatencyMs 0 -MemoryRows 0 -WorkbookRows 0 -JournalRows 200 -SkipHostileFiles -SecondsPerScenario 0.001 -SettleSeconds 0 -ReportPath $report 6>$null | Out-Null
        $rows = Get-Content $report | Where-Object { $_ -match '^\| (Invoke|ForEach|Test)' }
        $rows.Count | Should -Be 6
        # The resumed run paid for the half the journal lacked, no more.
        $resume = Get-Content $report | Where-Object { $_ -match '^\| resume' }
        $resume.Split('|').Trim()[5] | Should -Be '50'
        foreach ($row in $rows) {
            $cells = $row.Split('|').Trim()
            [int]$cells[4] | Should -BeGreaterOrEqual 50        # rows asked
            [double]$cells[5] | Should -BeGreaterThan 0         # rows/s
        }
    }
}
