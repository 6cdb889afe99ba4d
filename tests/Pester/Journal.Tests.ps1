#Requires -Version 7.0
# The journal the hard way: a child pwsh killed with SIGKILL mid-run, then the same command again.
# The sandbox counts what it received; the resumed run must pay only for identities the journal lacks.

BeforeAll {
    $ModulePath = Join-Path $PSScriptRoot '../../out/TelecomVerify'
    Import-Module $ModulePath -Force
    $Sandbox = Start-JuheSandbox -LatencyMs 20
    $Work = Join-Path ([IO.Path]::GetTempPath()) ("tv-journal-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory $Work
    $Csv = Join-Path $Work 'staff.csv'
    0..399 | ForEach-Object { [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '1890060{0:D4}' -f $_ } } |
        Export-Csv $Csv -Encoding utf8
    . (Join-Path $PSScriptRoot '../../build/PwshHelpers.ps1')
    $Pwsh = Get-PwshCommand
    $Exe = $Pwsh.Path
    [string[]] $Prefix = $Pwsh.Arguments
}

AfterAll {
    $Sandbox | Stop-JuheSandbox
    Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
}

Describe 'A run killed with SIGKILL' {
    It 'leaves a journal that opens cleanly, and the same command again pays only for what it lacks' {
        $journal = Join-Path $Work 'killed.journal'
        $script = Join-Path $Work 'run.ps1'
        Set-Content $script -Encoding utf8 -Value @"
Import-Module '$ModulePath'
Import-Csv '$Csv' | Test-TelecomIdentity -Journal '$journal' -ApiKey '$($Sandbox.ApiKey)' -BaseUri '$($Sandbox.BaseUri)' -ThrottleLimit 4 |
    Export-Csv '$(Join-Path $Work 'partial.csv')'
"@
        $Sandbox.ResetStatistics()
        $child = Start-Process -FilePath $Exe -ArgumentList ($Prefix + @('-NoProfile', '-NonInteractive', '-File', $script)) -PassThru
        try {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            while ($Sandbox.RequestCount -lt 80 -and -not $child.HasExited -and $clock.Elapsed.TotalSeconds -lt 60) { Start-Sleep -Milliseconds 10 }
            $child.HasExited | Should -BeFalse -Because 'the run must be killed mid-way'
        }
        finally {
            # Process.Kill is SIGKILL on Unix: no finally block, no flush, no Dispose runs in the child.
            $child.Kill()
            $child.WaitForExit()
        }
        $firstRun = $Sandbox.RequestCount
        $firstRun | Should -BeLessThan 400

        $entries = @(Get-JuheJournal $journal -WarningAction SilentlyContinue)
        $entries.Count | Should -BeGreaterThan 0
        $entries.Count | Should -BeLessOrEqual $firstRun
        (Get-Content -Raw $journal) | Should -Not -Match '1890060\d{4}|44030619851212123X|李雷'

        $Sandbox.ResetStatistics()
        $results = Import-Csv $Csv | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -ThrottleLimit 8 `
            -WarningAction SilentlyContinue -InformationAction SilentlyContinue -InformationVariable info
        $results.Count | Should -Be 400
        $results.Row | Should -Be (1..400)
        @($results | Where-Object Source -eq 'Journal').Count | Should -Be $entries.Count
        $Sandbox.RequestCount | Should -Be (400 - $entries.Count)
        $summary = $info.MessageData | Where-Object { $_ -is [TelecomVerify.RunSummary] }
        $summary.FromJournal | Should -Be $entries.Count
        $summary.Sent | Should -Be (400 - $entries.Count)
    }

    It 'is held by one run at a time' {
        $journal = Join-Path $Work 'held.journal'
        $script = Join-Path $Work 'hold.ps1'
        Set-Content $script -Encoding utf8 -Value @"
Import-Module '$ModulePath'
Import-Csv '$Csv' | Test-TelecomIdentity -Journal '$journal' -ApiKey '$($Sandbox.ApiKey)' -BaseUri '$($Sandbox.BaseUri)' -ThrottleLimit 1 | Out-Null
"@
        $child = Start-Process -FilePath $Exe -ArgumentList ($Prefix + @('-NoProfile', '-NonInteractive', '-File', $script)) -PassThru
        try {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            while (-not (Test-Path $journal) -and $clock.Elapsed.TotalSeconds -lt 60) { Start-Sleep -Milliseconds 20 }
            Start-Sleep -Milliseconds 300
            { Import-Csv $Csv | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri } |
                Should -Throw -ErrorId 'JournalInUse,TelecomVerify.Commands.TestTelecomIdentityCommand'
        }
        finally {
            $child.Kill()
            $child.WaitForExit()
        }
    }
}
