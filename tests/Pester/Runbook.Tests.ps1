#Requires -Version 7.0
# The sample nightly job (samples/Invoke-NightlyCheck.ps1) as a scheduler runs it: a child pwsh -File
# with the key in the environment; its exit code, its log line, its output file and the sandbox's counts.

BeforeAll {
    $ModulePath = Join-Path $PSScriptRoot '../../out/TelecomVerify'
    Import-Module $ModulePath -Force
    $Sandbox = Start-JuheSandbox -LatencyMs 5
    $Work = Join-Path ([IO.Path]::GetTempPath()) ("tv-runbook-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory $Work
    $Job = Join-Path $ModulePath 'samples/Invoke-NightlyCheck.ps1'
    . (Join-Path $PSScriptRoot '../../build/PwshHelpers.ps1')
    $Pwsh = Get-PwshCommand

    # What a scheduler or a user does to the job: $Signal once the sandbox has seen 5 requests (its first row hangs there).
    function Send-SignalAfterFive([string] $Signal) {
        # A closure keeps only this function's own variables: the sandbox is one of them.
        $sandbox = $Sandbox
        {
            param($child)
            $clock = [Diagnostics.Stopwatch]::StartNew()
            while ($sandbox.RequestCount -lt 5 -and $clock.Elapsed.TotalSeconds -lt 60) { Start-Sleep -Milliseconds 20 }
            & kill -s $Signal $child.Id
        }.GetNewClosure()
    }

    # Runs the job on a file of these mobiles; returns its exit code, log entry and output rows.
    function Invoke-Job([string] $Name, [string[]] $Mobiles, [scriptblock] $While) {
        $csv = Join-Path $Work "$Name.csv"
        $Mobiles | ForEach-Object { [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = $_ } } | Export-Csv $csv -Encoding utf8
        $log = Join-Path $Work "$Name.log"
        $out = Join-Path $Work "$Name-checked.csv"
        $saved = $env:JUHE_API_KEY, $env:JUHE_BASE_URI
        $env:JUHE_API_KEY = $Sandbox.ApiKey
        $env:JUHE_BASE_URI = $Sandbox.BaseUri.AbsoluteUri
        try {
            $child = Start-Process -FilePath $Pwsh.Path -PassThru -RedirectStandardError (Join-Path $Work "$Name.err") -RedirectStandardOutput (Join-Path $Work "$Name.out") `
                -ArgumentList ($Pwsh.Arguments + @('-NoProfile', '-NonInteractive', '-File', $Job, '-Path', $csv, '-Journal', (Join-Path $Work "$Name.journal"), '-OutFile', $out, '-LogFile', $log))
        }
        finally { $env:JUHE_API_KEY, $env:JUHE_BASE_URI = $saved }
        if ($While) { & $While $child }
        $child.WaitForExit(60000) | Should -BeTrue
        [pscustomobject]@{
            Exit = $child.ExitCode
            # A log that is not the job's (a planted link's target) has no JSON to read.
            Log = if (Test-Path $log) { try { Get-Content $log | Select-Object -Last 1 | ConvertFrom-Json } catch { $null } }
            Rows = if (Test-Path $out) { @(Import-Csv $out) } else { @() }
        }
    }
}

AfterAll {
    $Sandbox | Stop-JuheSandbox
    Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
}

Describe 'A job with a bare or broken home folder' -Tag 'Unix' {
    It 'runs with the key from the environment when HOME is empty, and writes nothing in the working folder' {
        $cwd = Join-Path $Work 'cwd'
        $null = New-Item -ItemType Directory $cwd
        $script = Join-Path $Work 'bare-home.ps1'
        Set-Content $script -Encoding utf8 -Value "Import-Module '$ModulePath'; (Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -InformationAction SilentlyContinue).Status"
        $saved = $env:HOME, $env:XDG_CONFIG_HOME, $env:JUHE_API_KEY, $env:JUHE_BASE_URI
        $env:HOME = ''; $env:XDG_CONFIG_HOME = $null; $env:JUHE_API_KEY = $Sandbox.ApiKey; $env:JUHE_BASE_URI = $Sandbox.BaseUri.AbsoluteUri
        try { $status = & $Pwsh.Path @($Pwsh.Arguments) -NoProfile -NonInteractive -WorkingDirectory $cwd -File $script 2>&1 }
        finally { $env:HOME, $env:XDG_CONFIG_HOME, $env:JUHE_API_KEY, $env:JUHE_BASE_URI = $saved }
        "$status" | Should -Match 'Match'
        @(Get-ChildItem -Force $cwd).Count | Should -Be 0
    }

    It 'says why a credential cannot be saved in a read-only home, in its own words' {
        if ((id -u) -ne '0') { Set-ItResult -Skipped -Because 'mounting a read-only tmpfs needs root'; return }
        $roHome = Join-Path $Work 'ro-home'
        $null = New-Item -ItemType Directory $roHome
        & mount -t tmpfs -o ro,size=16k,mode=700 tmpfs $roHome
        try {
            $saved = $env:XDG_CONFIG_HOME
            $env:XDG_CONFIG_HOME = Join-Path $roHome '.config'
            try { { Set-JuheCredential -ApiKey $Sandbox.ApiKey -Scope CurrentUser } | Should -Throw -ErrorId 'CredentialFileNotSaved,*' -ExpectedMessage '*read-only*' }
            finally { $env:XDG_CONFIG_HOME = $saved }
        }
        finally { & umount $roHome }
    }
}

Describe 'A run in a thread job' {
    It 'leaves its summary in the job''s Information, where a scheduler looks for it' {
        $job = Start-ThreadJob -ArgumentList $ModulePath, $Sandbox.ApiKey, $Sandbox.BaseUri {
            param($module, $key, $uri)
            Import-Module $module
            Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey $key -BaseUri $uri
        }
        $null = $job | Wait-Job -Timeout 60
        # Read before Receive-Job, which hands the records over and empties the collection.
        $summary = $job.Information | ForEach-Object MessageData | Where-Object { $_ -is [TelecomVerify.RunSummary] }
        $summary.Answered | Should -Be 1
        ($job | Receive-Job).Status | Should -Be 'Match'
        $job | Remove-Job
    }
}

Describe 'The sample nightly job' {
    It 'exits 0 when every row is answered, and logs one JSON line of the summary' {
        $Sandbox.ResetStatistics()
        $r = Invoke-Job 'good' @('18900001234', '18900005555', '18900005555')
        $r.Exit | Should -Be 0
        $r.Log.event | Should -Be 'finished'
        ($r.Log.rows, $r.Log.sent, $r.Log.failed) | Should -Be (3, 2, 0)
        [DateTime]$r.Log.ended | Should -BeGreaterOrEqual ([DateTime]$r.Log.started)
        $r.Rows.Count | Should -Be 3
        $Sandbox.RequestCount | Should -Be 2
    }

    It 'creates its output and log owner-only, and refuses either when it is a planted symbolic link' -Tag 'Unix' {
        $r = Invoke-Job 'private' @('18900001234')
        $r.Exit | Should -Be 0
        (Get-Item (Join-Path $Work 'private.log')).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        (Get-Item (Join-Path $Work 'private-checked.csv')).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        $victim = Join-Path $Work 'victim.txt'
        Set-Content $victim 'keep'
        foreach ($name in 'linked-out', 'linked-log') {
            $link = if ($name -eq 'linked-out') { "$name-checked.csv" } else { "$name.log" }
            $null = New-Item -ItemType SymbolicLink -Path (Join-Path $Work $link) -Target $victim
            $r = Invoke-Job $name @('18900001234')
            $r.Exit | Should -Be 1
            Get-Content $victim | Should -Be 'keep'
            (Get-Content (Join-Path $Work "$name.out") | ConvertFrom-Json).errorId | Should -Be 'UnsafeOutputFile'
        }
    }

    It 'exits 2 when some rows failed, with every row still in the output' {
        $r = Invoke-Job 'failed' @('18900001234', '18999000501', '18900005556')
        $r.Exit | Should -Be 2
        $r.Log.failed | Should -Be 1
        $r.Rows.Count | Should -Be 3
        ($r.Rows | Where-Object Status -eq 'Failed').ErrorId | Should -Be 'HttpStatus500'
    }

    It 'exits 3 when a request may have been billed without an answer' {
        $r = Invoke-Job 'billed' @('18900001234', '18999000200')
        $r.Exit | Should -Be 3
        $r.Log.possiblyBilled | Should -Be 1
    }

    It 'exits 3 the second night too, while the journal still holds the possibly billed row, and asks nothing' {
        $first = Invoke-Job 'two-nights' @('18900001236', '18999000200')
        $first.Exit | Should -Be 3
        $before = $Sandbox.RequestCount
        $second = Invoke-Job 'two-nights' @('18900001236', '18999000200')
        ($Sandbox.RequestCount - $before) | Should -Be 0 -Because 'both rows are served from the journal'
        $second.Exit | Should -Be 3 -Because 'a row an earlier night may have paid for is still unanswered'
        $second.Log.possiblyBilled | Should -Be 1
        $second.Log.failed | Should -Be 1
        $second.Log.fromJournal | Should -Be 2
    }

    It 'exits 1 when the run stops itself, naming why' {
        $r = Invoke-Job 'stopped' @('18900001234', '18999010012', '18900005557')
        $r.Exit | Should -Be 1
        $r.Log.event | Should -Be 'stopped'
        $r.Log.errorId | Should -Be 'Juhe10012'
        # What was paid before the stop is in the log line, with the files it concerns.
        $r.Log.sent | Should -BeGreaterOrEqual 2
        $r.Log.stoppedAtRow | Should -Not -BeNullOrEmpty
        $r.Log.journal | Should -BeLike '*stopped.journal'
        $r.Log.output | Should -BeLike '*stopped-checked.csv'
    }

    It 'writes plain text to a captured stderr, and keeps the journal to one entry per person' {
        # As cron runs it: no terminal, and nothing in the environment asking for plain text either.
        $noColor = $env:NO_COLOR
        try {
            Remove-Item Env:NO_COLOR -ErrorAction SilentlyContinue
            $r = Invoke-Job 'plain' @('18900001234', '18999000501')
        }
        finally { if ($null -ne $noColor) { $env:NO_COLOR = $noColor } }
        $r.Exit | Should -Be 2
        $err = [IO.File]::ReadAllText((Join-Path $Work 'plain.err'))
        $err | Should -Match '(?s)Test-TelecomIdentity: .*500'
        $err | Should -Not -Match "`e"
        $r.Log.journalKept | Should -Be 1
    }

    It 'adds one whole line per job when four jobs share a log' {
        $log = Join-Path $Work 'shared.log'
        $csv = Join-Path $Work 'shared.csv'
        @([pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18900001234' }) | Export-Csv $csv -Encoding utf8
        $saved = $env:JUHE_API_KEY, $env:JUHE_BASE_URI
        $env:JUHE_API_KEY = $Sandbox.ApiKey
        $env:JUHE_BASE_URI = $Sandbox.BaseUri.AbsoluteUri
        try {
            $children = 1..4 | ForEach-Object {
                Start-Process -FilePath $Pwsh.Path -PassThru -RedirectStandardOutput (Join-Path $Work "shared-$_.out") `
                    -ArgumentList ($Pwsh.Arguments + @('-NoProfile', '-NonInteractive', '-File', $Job, '-Path', $csv, '-Journal', (Join-Path $Work "shared-$_.journal"),
                        '-OutFile', (Join-Path $Work "shared-$_.csv"), '-LogFile', $log))
            }
        }
        finally { $env:JUHE_API_KEY, $env:JUHE_BASE_URI = $saved }
        $children | ForEach-Object { $_.WaitForExit(60000) | Should -BeTrue; $_.ExitCode | Should -Be 0 }
        $lines = @(Get-Content $log)
        $lines.Count | Should -Be 4
        ($lines | ForEach-Object { ($_ | ConvertFrom-Json).journal } | Sort-Object) | Should -Be (1..4 | ForEach-Object { Join-Path $Work "shared-$_.journal" })
    }

    It 'exits 130 when interrupted, so the scheduler does not see success' -Tag 'Unix' {
        $Sandbox.ResetStatistics()
        $r = Invoke-Job 'interrupted' (@('18999000408') + (1..20 | ForEach-Object { '1890090{0:D4}' -f $_ })) (Send-SignalAfterFive INT)
        $r.Exit | Should -Be 130
    }

    It 'handles a scheduler''s SIGTERM as Ctrl+C: in-flight recorded, the journal says interrupted, the log has its line, exit 130' -Tag 'Unix' {
        $Sandbox.ResetStatistics()
        $r = Invoke-Job 'terminated' (@('18999000408') + (1..20 | ForEach-Object { '1890091{0:D4}' -f $_ })) (Send-SignalAfterFive TERM)
        $r.Exit | Should -Be 130
        $r.Log.event | Should -Be 'interrupted'
        $r.Log.sent | Should -Be $Sandbox.RequestCount
        $r.Log.possiblyBilled | Should -BeGreaterOrEqual 1 -Because 'the first row was on the wire, its answer never came'
        $settings = [TelecomVerify.Journal.JournalSettings]@{ ApiKey = $Sandbox.ApiKey; Host = $Sandbox.BaseUri.Host; Origin = [TelecomVerify.Journal.JournalSettings]::OriginOf($Sandbox.BaseUri); ReadOnly = $true }
        $journal = [TelecomVerify.Journal.AnswerJournal]::Open((Join-Path $Work 'terminated.journal'), $settings)
        try {
            $journal.LastRun.How | Should -Be 'interrupted'
            $journal.PossiblyBilledCount | Should -BeGreaterOrEqual 1
        }
        finally { $journal.Dispose() }
    }
}
