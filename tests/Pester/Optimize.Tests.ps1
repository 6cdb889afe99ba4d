#Requires -Version 7.0
# Optimize-JuheJournal as a nightly job runs it: a journal written over several nights, kept to one entry per
# person, then to a retention; counted on the sandbox's side; a SIGKILL in the middle of a rewrite.

BeforeAll {
    $ModulePath = Join-Path $PSScriptRoot '../../out/TelecomVerify'
    Import-Module $ModulePath -Force
    $Sandbox = Start-JuheSandbox -LatencyMs 2
    $Work = Join-Path ([IO.Path]::GetTempPath()) ("tv-optimize-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory $Work
    . (Join-Path $PSScriptRoot '../../build/PwshHelpers.ps1')
    $Pwsh = Get-PwshCommand
    function Rows([int] $From, [int] $Count) {
        $From..($From + $Count - 1) | ForEach-Object { [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '1890090{0:D4}' -f $_ } }
    }
    function Night($Journal, $Rows, [string] $MaxAge = '30.00:00:00') {
        $null = $Rows | Test-TelecomIdentity -Journal $Journal -JournalMaxAge $MaxAge -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -ThrottleLimit 4 `
            -InformationAction SilentlyContinue -WarningAction SilentlyContinue
    }
    function Lines($Journal) { @([IO.File]::ReadAllLines($Journal)).Count }
}

AfterAll {
    $Sandbox | Stop-JuheSandbox
    Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
}

Describe 'A journal of many nights' {
    It 'keeps one entry per person, and the next run starts from it and pays for nothing it holds' {
        $journal = Join-Path $Work 'nights.journal'
        # Each person re-asked every night, as -JournalMaxAge 0 (a monthly re-check) does: 3 lines a person.
        1..3 | ForEach-Object { Night $journal (Rows 0 40) '00:00:00' }
        $before = (Get-Item $journal).Length
        (Lines $journal) | Should -Be (1 + 3 * (40 + 2))
        $result = Optimize-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri
        ($result.Kept, $result.Superseded, $result.Expired, $result.Untrusted) | Should -Be (40, 80, 0, 0)
        $result.BytesBefore | Should -Be $before
        $result.BytesAfter | Should -Be (Get-Item $journal).Length
        # The header, 40 people and the last run's line.
        (Lines $journal) | Should -Be 42
        # Owner-only still, and whole: the next run serves all 40 from it, and says how the last run ended.
        if (-not $IsWindows) { [IO.File]::GetUnixFileMode($journal) | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
        $Sandbox.ResetStatistics()
        $out = @((Rows 0 50) | Test-TelecomIdentity -Journal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -InformationAction SilentlyContinue)
        @($out | Where-Object Source -eq 'Journal').Count | Should -Be 40
        $Sandbox.RequestCount | Should -Be 10
    }

    It 'drops what is older than -RetainFor and every untrusted line, and -WhatIf changes nothing' {
        $journal = Join-Path $Work 'retain.journal'
        Night $journal (Rows 100 10)
        $night1 = [DateTime]::UtcNow
        Start-Sleep -Seconds 3
        Night $journal (Rows 200 5)
        # The retention falls half-way between the nights, whatever each command below takes.
        $cut = $night1.AddSeconds(1.5)
        Add-Content $journal -Value '{"n":99,"c":"AAAA","mac":"00000000000000000000000000000000"}'
        $bytes = [IO.File]::ReadAllBytes($journal)
        $estimate = Optimize-JuheJournal $journal -RetainFor ([DateTime]::UtcNow - $cut) -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -WhatIf -WarningAction SilentlyContinue
        [IO.File]::ReadAllBytes($journal) | Should -Be $bytes
        $result = Optimize-JuheJournal $journal -RetainFor ([DateTime]::UtcNow - $cut) -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -WarningAction SilentlyContinue
        ($result.Kept, $result.Expired, $result.Untrusted) | Should -Be (5, 10, 1)
        ($estimate.Kept, $estimate.Expired, $estimate.Untrusted, $estimate.BytesAfter, $estimate.WhatIf) | Should -Be (5, 10, 1, $result.BytesAfter, $true)
        $entries = @(Get-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -WarningVariable warned 3>$null)
        $entries.Count | Should -Be 5
        $warned | Should -BeNullOrEmpty
    }

    It 'is refused while a run holds the journal, and without the key' {
        $journal = Join-Path $Work 'held.journal'
        Night $journal (Rows 300 3)
        $held = [TelecomVerify.Journal.AnswerJournal]::Open($journal, [TelecomVerify.Journal.JournalSettings]@{
            ApiKey = $Sandbox.ApiKey; Host = $Sandbox.BaseUri.Host; Origin = [TelecomVerify.Journal.JournalSettings]::OriginOf($Sandbox.BaseUri) })
        try {
            { Optimize-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri } |
                Should -Throw -ErrorId 'JournalInUse,TelecomVerify.Commands.OptimizeJuheJournalCommand'
        }
        finally { $held.Dispose() }
        $saved = $env:JUHE_API_KEY
        try {
            Remove-Item Env:JUHE_API_KEY -ErrorAction SilentlyContinue
            { Optimize-JuheJournal $journal -BaseUri $Sandbox.BaseUri } | Should -Throw -ErrorId 'NoApiKey,TelecomVerify.Commands.OptimizeJuheJournalCommand'
        }
        finally { if ($saved) { $env:JUHE_API_KEY = $saved } }
        @(Get-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri).Count | Should -Be 3
    }
}

Describe 'A rewrite killed' -Tag 'Unix' {
    It 'leaves the old journal or the new one, whole, whenever SIGKILL lands' -Skip:$IsWindows {
        # 100,000 lines for 10,000 people, written by the module's own journal, not through the sandbox.
        $journal = Join-Path $Work 'big.journal'
        $settings = [TelecomVerify.Journal.JournalSettings]@{ ApiKey = $Sandbox.ApiKey; Host = $Sandbox.BaseUri.Host; Origin = [TelecomVerify.Journal.JournalSettings]::OriginOf($Sandbox.BaseUri) }
        $writer = [TelecomVerify.Journal.AnswerJournal]::Open($journal, $settings)
        $hmac = [Security.Cryptography.HMACSHA256]::new($writer.Secret)
        $entry = [TelecomVerify.Journal.JournalEntry]@{ Mobile = '189****0000'; ErrorCode = 227303 }
        $now = [DateTime]::UtcNow
        $last = 0
        for ($i = 0; $i -lt 100000; $i++) {
            $last = $writer.Append([TelecomVerify.Verification.IdentityKey]::Of($hmac, '李雷', '44030619851212123X', ('189{0:D8}' -f ($i % 10000))), $now.AddSeconds($i / 10000), $entry)
        }
        $writer.EnsureDurable($last)
        $writer.Dispose()
        $hmac.Dispose()
        $script = Join-Path $Work 'optimize.ps1'
        Set-Content $script -Encoding utf8 -Value "Import-Module '$ModulePath'`n`$null = Optimize-JuheJournal '$journal' -ApiKey '$($Sandbox.ApiKey)' -BaseUri '$($Sandbox.BaseUri)'"
        $original = "$journal.original"
        [IO.File]::Copy($journal, $original)
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $null = & $Pwsh.Path @($Pwsh.Arguments) -NoProfile -NonInteractive -File $script
        $whole = $clock.ElapsedMilliseconds
        # Killed while it reads (a third of the way), then the moment its new file appears and twice more while it writes it.
        $results = foreach ($after in -1, 0, 40, 120) {
            [IO.File]::Copy($original, $journal, $true)
            Get-ChildItem $Work -Filter 'big.journal.tmp-*' | Remove-Item
            $child = Start-Process -FilePath $Pwsh.Path -ArgumentList ($Pwsh.Arguments + @('-NoProfile', '-NonInteractive', '-File', $script)) -PassThru
            if ($after -lt 0) { Start-Sleep -Milliseconds ([int]($whole / 3)) }
            else {
                $clock.Restart()
                while (-not (Get-ChildItem $Work -Filter 'big.journal.tmp-*') -and -not $child.HasExited -and $clock.Elapsed.TotalSeconds -lt 60) { Start-Sleep -Milliseconds 2 }
                Start-Sleep -Milliseconds $after
            }
            if (-not $child.HasExited) { & kill -KILL $child.Id }
            $child.WaitForExit()
            $count = @(Get-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -WarningVariable warned 3>$null).Count
            $warned | Should -BeNullOrEmpty -Because 'a kill leaves no torn or mixed journal'
            $leftBehind = @(Get-ChildItem $Work -Filter 'big.journal.tmp-*').Count
            "$count$(if ($leftBehind) { ' (killed mid-write)' })"
        }
        Write-Host "a whole rewrite took $whole ms; after the kills: $results"
        # Each time the old journal (100,000 entries) or the new one (10,000), never a mix.
        $results | ForEach-Object { ($_ -split ' ')[0] | Should -BeIn @('100000', '10000') }
        # Once whole, the next rewrite finishes it.
        (Optimize-JuheJournal $journal -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri).Kept | Should -Be 10000
        # And a rewrite under the lock clears what a killed one left beside the journal.
        @(Get-ChildItem $Work -Filter 'big.journal.tmp-*').Count | Should -Be 0
    }
}
