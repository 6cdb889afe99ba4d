#Requires -Version 7.0
# The journal the hard way, counted on the provider's side: a child pwsh killed with SIGKILL, SIGTERM,
# SIGHUP or SIGINT behind a slow first row, a full disk, a read-only folder, another account, -WhatIf.
# The sandbox counts what it received; a resumed run must pay only for identities the journal lacks.

BeforeDiscovery {
    # A tmpfs (a full disk, a read-only one) needs root to mount; CI runs as root.
    $IsRoot = -not $IsWindows -and (& id -u) -eq '0'
}

BeforeAll {
    $ModulePath = Join-Path $PSScriptRoot '../../out/TelecomVerify'
    Import-Module $ModulePath -Force
    $Sandbox = Start-JuheSandbox -LatencyMs 20
    $Work = Join-Path ([IO.Path]::GetTempPath()) ("tv-journal-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory $Work
    $Csv = Join-Path $Work 'staff.csv'
    0..399 | ForEach-Object { [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '1890060{0:D4}' -f $_ } } |
        Export-Csv $Csv -Encoding utf8
    # The first row hangs on the provider's side (18999000408 never answers); the 39 behind it are answered at once.
    $SlowHead = Join-Path $Work 'slow-head.csv'
    @([pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18999000408' }) +
        @(1..39 | ForEach-Object { [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '1890070{0:D4}' -f $_ } }) |
        Export-Csv $SlowHead -Encoding utf8
    . (Join-Path $PSScriptRoot '../../build/PwshHelpers.ps1')
    $Pwsh = Get-PwshCommand
    $Exe = $Pwsh.Path
    [string[]] $Prefix = $Pwsh.Arguments
    $IsRoot = -not $IsWindows -and (& id -u) -eq '0'

    function Start-Child([string] $Name, [string] $Command) {
        $script = Join-Path $Work "$Name.ps1"
        Set-Content $script -Encoding utf8 -Value "Import-Module '$ModulePath'`n$Command"
        Start-Process -FilePath $Exe -ArgumentList ($Prefix + @('-NoProfile', '-NonInteractive', '-File', $script)) -PassThru `
            -RedirectStandardOutput (Join-Path $Work "$Name.out") -RedirectStandardError (Join-Path $Work "$Name.err")
    }

    function Wait-Until([scriptblock] $Condition, [int] $Seconds = 60) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        while (-not (& $Condition) -and $clock.Elapsed.TotalSeconds -lt $Seconds) { Start-Sleep -Milliseconds 10 }
        & $Condition | Should -BeTrue -Because "the condition must hold within $Seconds s"
    }

    # The window behind the hanging head is full and answered: the count has reached 16 and stays put.
    function Wait-WindowAnswered {
        Wait-Until { $Sandbox.RequestCount -ge 16 }
        do { $seen = $Sandbox.RequestCount; Start-Sleep -Milliseconds 300 } while ($Sandbox.RequestCount -ne $seen)
    }

    function New-Tmpfs([string] $Name, [string] $Options) {
        $dir = Join-Path $Work $Name
        $null = New-Item -ItemType Directory $dir
        # mode=700: the journal's folder must be the user's own, read-only or not.
        & mount -t tmpfs -o "$Options,mode=700" tmpfs $dir
        if ($LASTEXITCODE -ne 0) { throw "mount failed for $dir" }
        return $dir
    }
}

AfterAll {
    $Sandbox | Stop-JuheSandbox
    if ($IsRoot) { Get-ChildItem -Directory $Work | ForEach-Object { & umount $_.FullName 2>$null } }
    Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
}

Describe 'A run killed behind a slow first row' -Tag 'Unix' {
    It 'has every answer that arrived before <Signal> in the journal, and the same command again pays only for the rest' -ForEach @(
        @{ Signal = 'KILL' }, @{ Signal = 'TERM' }, @{ Signal = 'HUP' }
    ) {
        $journal = Join-Path $Work "slow-$Signal.journal"
        $Sandbox.ResetStatistics()
        $child = Start-Child "slow-$Signal" "Import-Csv '$SlowHead' | Test-TelecomIdentity -Journal '$journal' -ApiKey '$($Sandbox.ApiKey)' -BaseUri '$($Sandbox.BaseUri)' -ThrottleLimit 4 -TimeoutSec 120 | Export-Csv '$Work/slow-$Signal.csv'"
        try {
            # The head hangs; the other three slots answer rows behind it until the run's window is full.
            Wait-WindowAnswered
            Start-Sleep -Milliseconds 500
            $answered = @(1..39 | Where-Object { $Sandbox.RequestsFor('1890070{0:D4}' -f $_) -gt 0 })
            $answered.Count | Should -BeGreaterOrEqual 15
        }
        finally {
            if ($Signal -eq 'KILL') { $child.Kill() } else { & kill -s $Signal $child.Id }
            $child.WaitForExit(30000) | Should -BeTrue
        }
        # SIGTERM is handled as Ctrl+C is: the head, on the wire, is recorded as possibly billed too.
        $inFlight = if ($Signal -eq 'TERM') { 1 } else { 0 }
        @(Get-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri).Count | Should -Be ($answered.Count + $inFlight)

        $results = Import-Csv $SlowHead | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -ThrottleLimit 8 -TimeoutSec 1 -MaxRetries 0 `
            -WarningAction SilentlyContinue -WarningVariable resumed -InformationAction SilentlyContinue -ErrorAction SilentlyContinue
        # The killed run never said how it ended: the resumed one says so up front.
        "$resumed" | Should -Match "Resuming: the last run with the journal .* (did not say how it ended|was interrupted|stopped)"
        $results.Row | Should -Be (1..40)
        foreach ($n in $answered) { $Sandbox.RequestsFor('1890070{0:D4}' -f $n) | Should -Be 1 -Because "row $($n + 1) was answered before the $Signal" }
        @($results | Where-Object Source -eq 'Journal').Count | Should -Be ($answered.Count + $inFlight)
        if ($inFlight) { $Sandbox.RequestsFor('18999000408') | Should -Be 1 -Because 'a request that may have been billed is not asked again' }
    }

    It 'says at Ctrl+C (SIGINT) how many answered rows were not output, and keeps them in the journal' {
        # Once in about twenty loaded runs the child's console output came back empty (the host lost it as the
        # process ended); the run is then repeated once on a fresh journal, and every assertion holds on that run.
        foreach ($attempt in 1, 2) {
            $journal = Join-Path $Work "slow-INT-$attempt.journal"
            $Sandbox.ResetStatistics()
            $child = Start-Child "slow-INT-$attempt" "Import-Csv '$SlowHead' | Test-TelecomIdentity -Journal '$journal' -ApiKey '$($Sandbox.ApiKey)' -BaseUri '$($Sandbox.BaseUri)' -ThrottleLimit 4 -TimeoutSec 120 | Out-Null"
            try {
                Wait-WindowAnswered
                Start-Sleep -Milliseconds 500
            }
            finally {
                & kill -s INT $child.Id
                $exited = $child.WaitForExit(10000)
                if (-not $exited) { $child.Kill() }
            }
            $exited | Should -BeTrue -Because 'Ctrl+C abandons the hanging request rather than wait out its 120 s time-out'
            $said = Get-Content -Raw (Join-Path $Work "slow-INT-$attempt.out")
            if ($said) { break }
        }
        $answered = $Sandbox.RequestCount - 1
        $said | Should -Match "$answered answered row\(s\) were not output"
        $said | Should -Match ([regex]::Escape("in the journal $journal"))
        $said | Should -Match "$($Sandbox.RequestCount) requests sent"
        # The hanging head was on the wire: recorded as possibly billed, beside the answers.
        $said | Should -Match '1 request\(s\) were on their way when the run stopped'
        $entries = @(Get-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri)
        @($entries | Where-Object { -not $_.PossiblyBilled }).Count | Should -Be $answered
        @($entries | Where-Object PossiblyBilled).Count | Should -Be 1
    }

    It 'records the 8 requests in flight at Ctrl+C as possibly billed, and the resumed run asks no identity twice' {
        # Every answer takes 1.5 s and 8 slots are busy: whenever the SIGINT lands, 8 requests are on the wire.
        $slow = Start-JuheSandbox -LatencyMs 1500
        try {
            $csv = Join-Path $Work 'in-flight.csv'
            $mobiles = 1..24 | ForEach-Object { '1890080{0:D4}' -f $_ }
            $mobiles | ForEach-Object { [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = $_ } } | Export-Csv $csv -Encoding utf8
            $journal = Join-Path $Work 'in-flight.journal'
            $child = Start-Child 'in-flight' "Import-Csv '$csv' | Test-TelecomIdentity -Journal '$journal' -ApiKey '$($slow.ApiKey)' -BaseUri '$($slow.BaseUri)' -ThrottleLimit 8 -TimeoutSec 120 | Out-Null"
            try { Wait-Until { $slow.RequestCount -ge 12 } }
            finally {
                & kill -s INT $child.Id
                if (-not $child.WaitForExit(30000)) { $child.Kill() }
            }
            $sent = $slow.RequestCount
            $entries = @(Get-JuheJournal $journal -ApiKey $slow.ApiKey -BaseUri $slow.BaseUri)
            $doubtful = @($entries | Where-Object PossiblyBilled)
            $doubtful.Count | Should -Be 8 -Because 'every request on the wire at the stop is recorded before the stop returns'
            $entries.Count | Should -Be $sent -Because 'each request sent has its line: an answer or a possibly billed one'
            $said = Get-Content -Raw (Join-Path $Work 'in-flight.out')
            if ($said) { $said | Should -Match "$sent requests sent, 8 possibly billed" }

            $results = Import-Csv $csv | Test-TelecomIdentity -Journal $journal -ApiKey $slow.ApiKey -BaseUri $slow.BaseUri -ThrottleLimit 8 `
                -WarningAction SilentlyContinue -WarningVariable resumed -InformationAction SilentlyContinue -InformationVariable info -ErrorAction SilentlyContinue
            "$resumed" | Should -Match '8 request\(s\) an earlier run may have paid for are not asked again'
            $results.Row | Should -Be (1..24)
            $served = @($results | Where-Object { $_.Source -eq 'Journal' -and $_.PossiblyBilled })
            $served.Count | Should -Be 8
            ($info | Where-Object { $_.Tags -contains 'TelecomVerify.RunSummary' }).MessageData.PossiblyBilled | Should -Be 8
            # An abandoned request reaches the counting provider when its latency is over: wait it out, then count.
            Start-Sleep -Milliseconds 1800
            foreach ($m in $mobiles) { $slow.RequestsFor($m) | Should -Be 1 -Because "$m is one person, asked once over both runs" }
        }
        finally { $slow | Stop-JuheSandbox }
    }

    It 'says at Ctrl+C without -Journal that the answered rows not output are lost' {
        foreach ($attempt in 1, 2) {   # repeated once when the console output came back empty, as above
            $Sandbox.ResetStatistics()
            $child = Start-Child "lost-INT-$attempt" "Import-Csv '$SlowHead' | Test-TelecomIdentity -ApiKey '$($Sandbox.ApiKey)' -BaseUri '$($Sandbox.BaseUri)' -ThrottleLimit 4 -TimeoutSec 120 | Out-Null"
            try { Wait-WindowAnswered }
            finally {
                & kill -s INT $child.Id
                if (-not $child.WaitForExit(30000)) { $child.Kill() }
            }
            $said = Get-Content -Raw (Join-Path $Work "lost-INT-$attempt.out")
            if ($said) { break }
        }
        $said | Should -Match "$($Sandbox.RequestCount - 1) answered row\(s\) were not output.*are lost"
        $said | Should -Match '-Journal'
    }
    It 'gives -InformationVariable the summary of a stopped run, every time (<Try>)' -ForEach @(1..5 | ForEach-Object { @{ Try = $_ } }) {
        # Stopped from outside, as Ctrl+C stops it: PowerShell then takes no WriteInformation, and the
        # summary must reach the caller's variable all the same. Five tries: a stop can land anywhere.
        $journal = Join-Path $Work "captured-$Try.journal"
        $Sandbox.ResetStatistics()
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        try {
            $null = $ps.AddScript("Import-Module '$ModulePath'; try { Import-Csv '$SlowHead' | Test-TelecomIdentity -Journal '$journal' -ApiKey '$($Sandbox.ApiKey)' -BaseUri '$($Sandbox.BaseUri)' -ThrottleLimit 4 -TimeoutSec 120 -InformationVariable iv -InformationAction SilentlyContinue | Out-Null } finally { `$global:captured = `$iv }")
            $handle = $ps.BeginInvoke()
            if ($Try -le 2) { Wait-WindowAnswered } else { Wait-Until { $Sandbox.RequestCount -ge $Try } }
            $ps.Stop()
            $null = $handle.AsyncWaitHandle.WaitOne(30000)
            $captured = @($runspace.SessionStateProxy.GetVariable('captured'))
            $captured.Count | Should -Be 1 -Because ("one summary, not: " + (($captured | ForEach-Object { "[$($_.Tags -join ',')] $($_.MessageData)" }) -join ' / '))
            $captured[0].Tags | Should -Contain 'TelecomVerify.RunSummary'
            $summary = $captured[0].MessageData
            $summary | Should -BeOfType ([TelecomVerify.RunSummary])
            # A request abandoned on the wire counts as sent (it may have been billed) even if it never arrived:
            # the summary may count more than the provider received, never less.
            # Wait for what is counted, not for a time: until the provider has seen every request that reached it.
            do { $seen = $Sandbox.RequestCount; Start-Sleep -Milliseconds 300 } while ($Sandbox.RequestCount -ne $seen)
            $summary.Sent | Should -BeGreaterOrEqual $Sandbox.RequestCount
            $summary.Sent | Should -BeLessOrEqual ($Sandbox.RequestCount + 4) -Because 'at most -ThrottleLimit requests were on the wire'
            $summary.StoppedAtRow | Should -BeGreaterThan 0 -Because 'a stopped run names the row it stopped at'
        }
        finally { $ps.Dispose(); $runspace.Dispose() }
    }
}

Describe 'A run killed mid-way' {
    It 'leaves a journal that opens cleanly, and the same command again pays only for what it lacks' {
        $journal = Join-Path $Work 'killed.journal'
        $Sandbox.ResetStatistics()
        $child = Start-Child 'killed' "Import-Csv '$Csv' | Test-TelecomIdentity -Journal '$journal' -ApiKey '$($Sandbox.ApiKey)' -BaseUri '$($Sandbox.BaseUri)' -ThrottleLimit 4 | Export-Csv '$Work/partial.csv'"
        try {
            Wait-Until { $Sandbox.RequestCount -ge 80 -or $child.HasExited }
            $child.HasExited | Should -BeFalse -Because 'the run must be killed mid-way'
        }
        finally {
            # Process.Kill is SIGKILL on Unix: no finally block, no flush, no Dispose runs in the child.
            $child.Kill()
            $child.WaitForExit()
        }
        $firstRun = $Sandbox.RequestCount
        $firstRun | Should -BeLessThan 400

        $entries = @(Get-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -WarningAction SilentlyContinue)
        $entries.Count | Should -BeGreaterThan 0
        # Only the requests in flight at the kill (4) may be missing, and the answers of the journal's last 100 ms
        # (DESIGN): 4 slots at the sandbox's 20 ms are at most 20 answers in 100 ms.
        $entries.Count | Should -BeGreaterOrEqual ($firstRun - 4 - 20)
        (Get-Content -Raw $journal) | Should -Not -Match "1890060\d{4}|44030619851212123X|李雷|$($Sandbox.ApiKey)"

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

    It 'is held by one run at a time, and -WhatIf reads it meanwhile without the lock' {
        $journal = Join-Path $Work 'held.journal'
        $child = Start-Child 'hold' "Import-Csv '$Csv' | Test-TelecomIdentity -Journal '$journal' -ApiKey '$($Sandbox.ApiKey)' -BaseUri '$($Sandbox.BaseUri)' -ThrottleLimit 1 | Out-Null"
        try {
            # Two answers on disk, read as an audit reads them (the file's length says nothing: room is kept in reserve).
            Wait-Until { try { @(Get-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -WarningAction SilentlyContinue).Count -ge 2 } catch { $false } }
            { Import-Csv $Csv | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri } |
                Should -Throw -ErrorId 'JournalInUse,TelecomVerify.Commands.TestTelecomIdentityCommand'
            $null = Import-Csv $Csv | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -WhatIf `
                -InformationAction SilentlyContinue -InformationVariable estimate 6>$null
            ($estimate.MessageData | Where-Object { $_ -is [TelecomVerify.RunSummary] }).FromJournal | Should -BeGreaterThan 0
        }
        finally {
            $child.Kill()
            $child.WaitForExit()
        }
    }
}

Describe 'Two nightly jobs on one journal' {
    It 'stops the second before its Export-Csv can truncate the first job''s output' {
        $journal = Join-Path $Work 'nightly.journal'
        $out = Join-Path $Work 'nightly.csv'
        $child = Start-Child 'nightly' "Import-Csv '$Csv' | Test-TelecomIdentity -Journal '$journal' -ApiKey '$($Sandbox.ApiKey)' -BaseUri '$($Sandbox.BaseUri)' -ThrottleLimit 1 | Export-Csv '$out'"
        try {
            Wait-Until { (Test-Path $out) -and (Get-Item $out).Length -gt 2000 }
            { Import-Csv $Csv | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri | Export-Csv $out } |
                Should -Throw -ErrorId 'JournalInUse,TelecomVerify.Commands.TestTelecomIdentityCommand'
            Start-Sleep -Milliseconds 300
        }
        finally {
            $child.Kill()
            $child.WaitForExit()
        }
        $bytes = [IO.File]::ReadAllBytes($out)
        $bytes | Should -Not -Contain ([byte]0) -Because 'a truncated file written on at its old offset fills with NUL bytes'
        (Get-Content $out -TotalCount 1) | Should -Match '^"Row",'
    }
}

Describe 'A runbook under $ErrorActionPreference = Stop' {
    It 'stops at the first failed row with the requests in flight awaited and journalled: nothing is bought twice the next night' {
        $journal = Join-Path $Work 'stop-preference.journal'
        $rows = 0..79 | ForEach-Object { [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = $(if ($_ -eq 5) { '18999000501' } else { '1890080{0:D4}' -f $_ }) } }
        $Sandbox.ResetStatistics()
        $warned = [Collections.Generic.List[object]]::new()
        foreach ($night in 1, 2) {
            $out = [Collections.Generic.List[object]]::new()
            $state = @{}
            & {
                $ErrorActionPreference = 'Stop'
                try {
                    $rows | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -ThrottleLimit 4 -MaxRetries 0 -WarningVariable said 3>$null |
                        ForEach-Object { $out.Add($_) }
                }
                catch { $state.Caught = $_ }
                $warned.AddRange(@($said))
            }
            # The row's own error reaches the catch; PowerShell takes no output after it, so the rows in
            # flight behind it are not output, but their answers are in the journal.
            $state.Caught | Should -Not -BeNullOrEmpty
            $state.Caught.FullyQualifiedErrorId | Should -BeLike 'HttpStatus500,*'
            # A failed row, told from a stopped run by its type.
            $state.Caught.Exception | Should -BeOfType ([TelecomVerify.Commands.JuheRequestException])
            $state.Caught.Exception | Should -Not -BeOfType ([TelecomVerify.Commands.JuheRunStoppedException])
            $out.Row | Should -Be (1..$out.Count)
            if ($night -eq 1) { $out.Count | Should -Be 6 }
        }
        # The journal says how the first night ended, for whoever reads it next: the second night says so up front.
        "$warned" | Should -Match 'Resuming: the last run with the journal .* stopped before row 7'
        # Every answered identity was paid once over the two nights: what was in flight at the stop was kept.
        foreach ($n in (0..79 | Where-Object { $_ -ne 5 })) {
            $Sandbox.RequestsFor('1890080{0:D4}' -f $n) | Should -BeLessOrEqual 1 -Because "row $($n + 1) is paid at most once"
        }
        @(Get-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri).Count | Should -Be ($Sandbox.RequestCount - $Sandbox.RequestsFor('18999000501'))
    }
}

Describe 'Each row and its journal line' {
    It 'has its line on disk before a row answered by the provider comes out' {
        $journal = Join-Path $Work 'before-output.journal'
        $rows = 0..59 | ForEach-Object { [pscustomobject]@{ 姓名 = '李' + [char](0x4E00 + $_); 身份证号 = '44030619851212123X'; 手机号 = '18900001234' } }
        $checked = 0
        $rows | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -ThrottleLimit 8 -InformationAction SilentlyContinue |
            Where-Object Source -eq 'Remote' | ForEach-Object {
                # Read as another process would, while the run holds the journal.
                (Get-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri).OrderId | Should -Contain $_.OrderId
                $checked++
            }
        $checked | Should -Be 60
    }
}

Describe 'A journal that trusts only what it wrote' {
    It 'is refused for another account before any call, and -WhatIf leaves it byte for byte' {
        $journal = Join-Path $Work 'account.journal'
        $null = Import-Csv $Csv | Select-Object -First 20 | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -InformationAction SilentlyContinue
        $other = Start-JuheSandbox -ApiKey 'another-account-key-000000000000'
        try {
            $thrown = $null
            try { Import-Csv $Csv | Test-TelecomIdentity -Journal $journal -ApiKey $other.ApiKey -BaseUri $other.BaseUri -InformationAction SilentlyContinue -InformationVariable refused }
            catch { $thrown = $_ }
            $thrown.FullyQualifiedErrorId | Should -Be 'JournalForAnotherAccount,TelecomVerify.Commands.TestTelecomIdentityCommand'
            $other.RequestCount | Should -Be 0
            # A refused run ends with its summary too: nothing sent, stopped at the first row.
            $summary = $refused.MessageData | Where-Object { $_ -is [TelecomVerify.RunSummary] }
            ($summary.Sent, $summary.Rows, $summary.StoppedAtRow) | Should -Be (0, 0, 1)
        }
        finally { $other | Stop-JuheSandbox }

        Add-Content $journal -Value '{"k":"torn' -NoNewline
        $before = [IO.File]::ReadAllBytes($journal)
        $null = Import-Csv $Csv | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -WhatIf `
            -WarningAction SilentlyContinue -InformationAction SilentlyContinue -InformationVariable estimate 6>$null
        $summary = $estimate.MessageData | Where-Object { $_ -is [TelecomVerify.RunSummary] }
        ($summary.FromJournal, $summary.Sent) | Should -Be (20, 380)
        [IO.File]::ReadAllBytes($journal) | Should -Be $before
    }
}

Describe 'A spending limit' {
    It 'stops at -MaxRequests with RequestLimitReached, and the same command with a new limit pays only for the rest' {
        $journal = Join-Path $Work 'limit.journal'
        $rows = @(Import-Csv $Csv | Select-Object -First 30)
        $null = $rows | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -MaxRequests 12 -WhatIf `
            -InformationAction SilentlyContinue -InformationVariable estimate 6>$null
        "$($estimate.MessageData | Where-Object { $_ -is [TelecomVerify.RunSummary] })" | Should -BeLike '*-MaxRequests 12 does not suffice: the run would stop after 12 of these 30 requests.'
        $Sandbox.ResetStatistics()
        $out = [Collections.Generic.List[object]]::new()
        $thrown = $null
        try {
            $rows | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -MaxRequests 12 -ThrottleLimit 4 `
                -InformationAction SilentlyContinue | ForEach-Object { $out.Add($_) }
        }
        catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be 'RequestLimitReached,TelecomVerify.Commands.TestTelecomIdentityCommand'
        $thrown.Exception.Message | Should -BeLike '*limit of 12 requests*'
        $thrown.Exception.Message | Should -BeLike "*$journal*"
        $Sandbox.RequestCount | Should -Be 12
        $out.Count | Should -Be 12
        $null = $rows | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -MaxRequests 30 -WhatIf `
            -InformationAction SilentlyContinue -InformationVariable enough -WarningAction SilentlyContinue 6>$null
        "$($enough.MessageData | Where-Object { $_ -is [TelecomVerify.RunSummary] })" | Should -BeLike '*18 paid calls would be made*-MaxRequests 30 suffices (retries aside).'
        $rest = @($rows | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -MaxRequests 30 -InformationAction SilentlyContinue -WarningAction SilentlyContinue)
        $rest.Count | Should -Be 30
        $Sandbox.RequestCount | Should -Be 30
    }
}

Describe 'An audit without the key' {
    It 'reads no entry and says why, with no key in force' {
        $journal = Join-Path $Work 'keyless.journal'
        $null = Import-Csv $Csv | Select-Object -First 5 | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -InformationAction SilentlyContinue
        $saved = $env:JUHE_API_KEY
        try {
            Remove-Item Env:JUHE_API_KEY -ErrorAction SilentlyContinue
            $entries = @(Get-JuheJournal $journal -BaseUri $Sandbox.BaseUri -WarningVariable warned 3>$null)
        }
        finally { if ($saved) { $env:JUHE_API_KEY = $saved } }
        $entries.Count | Should -Be 0
        "$warned" | Should -BeLike "No API key is in force, so the journal $journal cannot be read*"
        @(Get-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri).Count | Should -Be 5
    }
}

Describe 'An audit of a journal with a huge line' {
    It 'lists the entries and skips a 64 MB line without holding it in memory' {
        $journal = Join-Path $Work 'huge-line.journal'
        $null = Import-Csv $Csv | Select-Object -First 5 | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -InformationAction SilentlyContinue
        $stream = [IO.File]::Open($journal, 'Append')
        try {
            $chunk = [Text.Encoding]::ASCII.GetBytes('x' * 1MB)
            for ($i = 0; $i -lt 64; $i++) { $stream.Write($chunk, 0, $chunk.Length) }
            $stream.WriteByte(10)
        }
        finally { $stream.Dispose() }
        [GC]::Collect()
        $before = [GC]::GetTotalAllocatedBytes($true)
        $entries = @(Get-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -WarningVariable warned 3>$null)
        $allocated = [GC]::GetTotalAllocatedBytes($true) - $before
        $entries.Count | Should -Be 5
        "$warned" | Should -BeLike '*1 line*'
        $allocated | Should -BeLessThan (48MB) -Because 'a 64 MB line read whole would allocate well over 128 MB'
    }
}

Describe 'A journal on a disk that fails' -Tag 'Unix' {
    It 'stops the run on a full disk as an account stop does: answers written, a JournalWriteFailed error, the summary' -Skip:(-not $IsRoot) {
        $full = New-Tmpfs 'full' 'size=48k'
        $journal = Join-Path $full 'run.journal'
        $Sandbox.ResetStatistics()
        $out = [Collections.Generic.List[object]]::new()
        $err = $null
        try {
            Import-Csv $Csv | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -ThrottleLimit 4 `
                -InformationAction SilentlyContinue -InformationVariable info | ForEach-Object { $out.Add($_) }
        }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'JournalWriteFailed,TelecomVerify.Commands.TestTelecomIdentityCommand'
        $err.Exception.GetType().FullName | Should -Not -BeLike 'System.IO.*'
        $err.Exception.Message | Should -Match 'the disk is full'
        $err.Exception.Message | Should -Match ([regex]::Escape($journal))
        $err.CategoryInfo.Category | Should -Be 'WriteError'
        $err.Exception | Should -BeOfType ([TelecomVerify.Commands.JuheRunStoppedException])
        $err.Exception.StoppedAtRow | Should -Be ($out.Count + 1)
        # Room for 5 lines (4 in flight and the run's last) is kept back from the 48 KB.
        $out.Count | Should -BeGreaterThan 20
        $out.Count | Should -BeLessThan 400
        $out.Row | Should -Be (1..$out.Count)
        $summary = $info.MessageData | Where-Object { $_ -is [TelecomVerify.RunSummary] }
        $summary.StoppedAtRow | Should -Be ($out.Count + 1)
        $summary.Sent | Should -Be $Sandbox.RequestCount
        # Every answer the provider gave is in the output and in the journal: none was paid for and not kept.
        $Sandbox.RequestCount | Should -Be $out.Count
        @(Get-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri).Count | Should -Be $Sandbox.RequestCount

        # The same command on the still-full disk: the module's own id and the summary, nothing sent.
        $again = $null
        try {
            Import-Csv $Csv | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -ThrottleLimit 4 `
                -InformationAction SilentlyContinue -InformationVariable stillFull -WarningAction SilentlyContinue | Out-Null
        }
        catch { $again = $_ }
        $again.FullyQualifiedErrorId | Should -BeIn @('JournalWriteFailed,TelecomVerify.Commands.TestTelecomIdentityCommand', 'JournalNotWritable,TelecomVerify.Commands.TestTelecomIdentityCommand')
        $again.Exception.GetType().FullName | Should -Not -BeLike 'System.*'
        @($stillFull.MessageData | Where-Object { $_ -is [TelecomVerify.RunSummary] }).Count | Should -Be 1
        $Sandbox.RequestCount | Should -Be $out.Count

        # Moved to a disk with room, the same command pays for no identity twice.
        $roomy = Join-Path $Work 'moved.journal'
        Move-Item $journal $roomy
        $rest = @(Import-Csv $Csv | Test-TelecomIdentity -Journal $roomy -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -ThrottleLimit 4 `
            -InformationAction SilentlyContinue -WarningAction SilentlyContinue)
        $rest.Count | Should -Be 400
        $Sandbox.RequestCount | Should -Be 400
        foreach ($n in 0..399) { $Sandbox.RequestsFor('1890060{0:D4}' -f $n) | Should -Be 1 -Because "row $($n + 1) is one person, paid once over three runs" }
    }

    It 'says JournalNotWritable, not JournalInUse, for a read-only location, and sends nothing' -Skip:(-not $IsRoot) {
        $readOnly = New-Tmpfs 'readonly' 'ro,size=16k'
        $Sandbox.ResetStatistics()
        { Import-Csv $Csv | Test-TelecomIdentity -Journal (Join-Path $readOnly 'run.journal') -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri } |
            Should -Throw -ErrorId 'JournalNotWritable,TelecomVerify.Commands.TestTelecomIdentityCommand'
        $Sandbox.RequestCount | Should -Be 0
    }
}
