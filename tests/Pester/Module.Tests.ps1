#Requires -Version 7.0
# The module as PowerShell sees it: manifest, commands, completion, the error-code catalog and the sandbox.
# Pester 5, against the built module (out/TelecomVerify); every request goes to the module's own sandbox on 127.0.0.1.

BeforeAll { . (Join-Path $PSScriptRoot 'TestSession.ps1') }

AfterAll { Exit-TestSession }

Describe 'The module' {
    It 'has a valid manifest whose cmdlets are exactly the ones the DLL exports' {
        $manifest = Test-ModuleManifest (Join-Path $ModulePath 'TelecomVerify.psd1')
        $manifest.Version | Should -Not -Be ([version]'0.0.0')
        $exported = (Get-Command -Module TelecomVerify).Name | Sort-Object
        $exported | Should -Be ($manifest.ExportedCmdlets.Keys | Sort-Object)
        $exported | Should -Contain 'Test-TelecomIdentity'
        # Pinned, so that a cmdlet added or dropped is a decision: the help, the manifest and PublicApiTests follow it.
        $exported.Count | Should -Be 11 -Because "the module exports: $($exported -join ', '); a new cmdlet also needs TelecomVerify.psd1, its help in en-US and zh-CN, and tests/TelecomVerify.Tests/Data/public-api.txt"
    }

    It 'declares the .NET Framework it needs, so Windows PowerShell 5.1 refuses an older one by name' {
        $manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'TelecomVerify.psd1')
        $manifest.DotNetFrameworkVersion | Should -Be '4.7.2'
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
    }

    It 'completes every parameter with a closed set of values' {
        function Complete([string] $line) { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText }
        Complete 'Get-JuheErrorCode -Code 1001' | Should -Be '10011', '10012', '10013', '10014'
        Complete 'Get-JuheErrorCode -Kind ' | Sort-Object | Should -Be 'Service', 'System'
        Complete 'Set-JuheCredential -Scope ' | Sort-Object | Should -Be 'CurrentUser', 'Session'
        Complete 'Remove-JuheCredential -Scope ' | Sort-Object | Should -Be 'CurrentUser', 'Session'
    }

    It 'serializes exactly the result''s public properties (Export-Clixml, jobs, remoting), so a new field cannot be dropped unseen' {
        [xml] $types = Get-Content -Raw (Join-Path $ModulePath 'TelecomVerify.types.ps1xml')
        $type = $types.Types.Type | Where-Object Name -eq 'TelecomVerify.IdentityCheckResult'
        $set = $type.Members.MemberSet.Members.PropertySet.ReferencedProperties.Name
        $set | Sort-Object | Should -Be ([TelecomVerify.IdentityCheckResult].GetProperties().Name | Sort-Object)
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        (Get-Command -Module TelecomVerify).Verb | ForEach-Object { $_ | Should -BeIn $approved }
    }
}

Describe 'Get-JuheErrorCode' {
    It 'lists the 21 documented codes' {
        $because = 'a new code also needs Code_<code> in both Messages resources, its line in tests/TelecomVerify.Tests/Data/provider-error-codes.md and the list in JuheErrorCatalogTests (docs/CONTRIBUTING.md, "Where a change goes")'
        (Get-JuheErrorCode).Count | Should -Be 21 -Because $because
        (Get-JuheErrorCode -Kind Service).Count | Should -Be 7 -Because $because
    }

    It 'explains one code, with its legacy resultcode' {
        $e = Get-JuheErrorCode 10012
        $e.LegacyCode | Should -Be 112
        $e.ProviderText | Should -Be '请求超过次数限制'
        $e.StopsRun | Should -BeTrue
    }

    It 'says so for a code the document does not list' {
        Get-JuheErrorCode 99999 -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'UnknownErrorCode,*'
    }
}

Describe 'The sandbox' {
    It 'answers GET as the provider documents it' {
        $q = "telecomCmcc/query?key=$Key&realname=$([uri]::EscapeDataString('李雷'))&idcard=44030619851212123X&mobile=18900001234&detail=1"
        $r = Invoke-RestMethod ([uri]::new($Uri, $q))
        $r.error_code | Should -Be 0
        $r.result.res | Should -Be 1
        $r.result.rescode | Should -Be '11'
    }

    It 'stands for its base URI' {
        "$Sandbox" | Should -Be $Uri.AbsoluteUri
        (Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey $Key -BaseUri $Sandbox).Status | Should -Be 'Match'
    }

    It 'starts on a chosen port with latency and stops' {
        # A port the system just gave out, not a guess from a range the kernel may be using.
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $s = Start-JuheSandbox -Port $port -LatencyMs 50
        try {
            $s.BaseUri.Port | Should -Be $port
            $r = Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey $s.ApiKey -BaseUri $s.BaseUri
            # The latency was applied (a timer may fire a few milliseconds early; without latency this takes ~1 ms).
            $r.ElapsedMs | Should -BeGreaterOrEqual 40
        }
        finally { $s | Stop-JuheSandbox }
        $s.IsRunning | Should -BeFalse
    }
}

Describe 'The list of breaks -Task Mutate applies' {
    It 'finds each break''s text exactly once in its file, so a refactoring cannot leave a break that no longer breaks anything' {
        $root = Join-Path $PSScriptRoot '../..'
        . (Join-Path $root 'build/Mutate.ps1')
        $Mutations.Count | Should -BeGreaterThan 15
        # In a mutation run, the break applied is the one text that is gone on purpose.
        foreach ($m in $Mutations | Where-Object Name -ne $env:TELECOMVERIFY_MUTATION) {
            $text = Get-Content -Raw -Encoding utf8 (Join-Path $root $m.File)
            ([regex]::Matches($text, [regex]::Escape($m.Find))).Count | Should -Be 1 -Because "the break '$($m.Name)' must find its text once in $($m.File)"
        }
    }
}
