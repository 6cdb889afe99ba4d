#Requires -Version 7.0
# The help a user reads: complete for every cmdlet, and every example runs as written against the sandbox.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot '../../build/HelpBuilder.ps1')
    # Every example of both languages; the Chinese ones run under zh-CN, as a Chinese administrator runs them.
    $Examples = @(foreach ($culture in 'en-US', 'zh-CN') {
        Get-HelpExample (Join-Path $PSScriptRoot "../../module/help/$culture") | Add-Member -NotePropertyName Culture -NotePropertyValue $culture -PassThru
    })
    $Commands = @((Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../TelecomVerify.psd1')).CmdletsToExport)
}

BeforeAll {
    $ModulePath = Join-Path $PSScriptRoot '../../out/TelecomVerify'
    Import-Module $ModulePath -Force
    . (Join-Path $PSScriptRoot '../../build/PwshHelpers.ps1')
    $Common = Get-CommonParameterName
    $SavedConfigHome = $env:XDG_CONFIG_HOME
    $env:XDG_CONFIG_HOME = Join-Path ([IO.Path]::GetTempPath()) ("tv-help-" + [guid]::NewGuid().ToString('N'))
}

AfterAll {
    Remove-Item -Recurse -Force $env:XDG_CONFIG_HOME -ErrorAction SilentlyContinue
    $env:XDG_CONFIG_HOME = $SavedConfigHome
}

Describe 'Help for <_>' -ForEach $Commands {
    BeforeAll { $Help = Get-Help $_ -Full }

    It 'has a written synopsis and description' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis | Should -Not -Match '^\s*\S+ \[' # not the syntax PowerShell makes up when help is missing
        ($Help.description.Text -join ' ').Length | Should -BeGreaterThan 80
    }

    It 'describes every parameter' {
        $names = (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $Common }
        foreach ($name in $names) {
            $p = $Help.parameters.parameter | Where-Object name -eq $name
            ($p.description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
        }
    }

    It 'shows the default of every parameter that has one, from the cmdlet itself' {
        if ($_ -ne 'Test-TelecomIdentity') { return }
        $parameter = { param($name) $Help.parameters.parameter | Where-Object name -eq $name }
        (& $parameter ThrottleLimit).defaultValue | Should -Be '4'
        (& $parameter TimeoutSec).defaultValue | Should -Be '30'
        (& $parameter MaxRetries).defaultValue | Should -Be '3'
        (& $parameter MaxConsecutiveFailures).defaultValue | Should -Be '10'
        (& $parameter JournalMaxAge).defaultValue | Should -Be '30 days'
    }

    It 'has at least two examples' {
        @($Help.examples.example).Count | Should -BeGreaterOrEqual 2
    }
}

Describe 'Chinese help for <_>' -ForEach $Commands {
    BeforeAll {
        # A session of its own: PowerShell keeps the help it loaded first, whatever the culture later.
        $ps = [powershell]::Create([initialsessionstate]::CreateDefault2())
        try { $Help = $ps.AddScript("[cultureinfo]::CurrentUICulture = 'zh-CN'; Import-Module '$ModulePath'; Get-Help $_ -Full").Invoke()[0] }
        finally { $ps.Dispose() }
    }

    It 'has a Chinese synopsis, description and parameter descriptions, and at least two examples' {
        $Help.Synopsis | Should -Match '\p{IsCJKUnifiedIdeographs}'
        ($Help.description.Text -join ' ') | Should -Match '\p{IsCJKUnifiedIdeographs}'
        $names = (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $Common }
        foreach ($name in $names) {
            $p = $Help.parameters.parameter | Where-Object name -eq $name
            ($p.description.Text -join ' ') | Should -Match '\p{IsCJKUnifiedIdeographs}' -Because "-$name needs a Chinese description"
        }
        @($Help.examples.example).Count | Should -BeGreaterOrEqual 2
    }
}

Describe 'Example "<Title>" of <Command> (<Culture>)' -ForEach $Examples {
    It 'runs as written against the sandbox, and gives what its text promises' {
        # -ForEach over objects binds $_ only (a hashtable's keys would become variables): read the example from it.
        $example = $_
        $example.Code | Should -Not -BeNullOrEmpty
        # A fresh runspace per example, with the sandbox as its session credential (as about_TelecomVerify says).
        $ps = [powershell]::Create([initialsessionstate]::CreateDefault2())
        try {
            $null = $ps.AddScript("Import-Module '$ModulePath'; `$sb = Start-JuheSandbox; Set-JuheCredential -ApiKey `$sb.ApiKey -OpenId `$sb.OpenId -BaseUri `$sb.BaseUri").Invoke()
            $ps.Commands.Clear()
            $output = $ps.AddScript("[cultureinfo]::CurrentUICulture = '$($example.Culture)'`n" + $example.Code).Invoke()
            $ps.Streams.Error | ForEach-Object { $_.ToString() } | Should -BeNullOrEmpty
            $ps.HadErrors | Should -BeFalse
            # What the example's text promises, checked in the example's own session, its output as $output.
            $promises = @($example.Expect)
            $promises | Should -Not -BeNullOrEmpty -Because 'every example says what it gives, as a <!-- expect: --> line'
            foreach ($promise in $promises) {
                $ps.Commands.Clear()
                $verdict = $ps.AddScript("param(`$output) $promise").AddArgument($output).Invoke()
                $verdict[-1] | Should -BeTrue -Because "the example promises: $promise"
            }
        }
        finally {
            $ps.Commands.Clear()
            $null = $ps.AddScript('Stop-JuheSandbox').Invoke()
            $ps.Dispose()
        }
    }
}

Describe 'about_TelecomVerify' {
    It 'is found by Get-Help, with the sandbox and error tables filled in from the module' {
        $text = Get-Help about_TelecomVerify | Out-String
        $text | Should -Match 'CREDENTIALS'
        $text | Should -Match '44030619851212123X'
        $text | Should -Match '18999227301'
        $text | Should -Match '10021'
        $text | Should -Not -Match '\{\{'
    }

    It 'exists in Chinese too' {
        $zh = Get-Content -Raw (Join-Path $ModulePath 'zh-CN/about_TelecomVerify.help.txt')
        $zh | Should -Match '凭据'
        $zh | Should -Match '请求超过次数限制'
        $zh | Should -Not -Match '\{\{'
    }
}

Describe 'The README and the docs' {
    BeforeAll {
        $Root = Join-Path $PSScriptRoot '../..'
        $Readme = Get-Content -Raw -Encoding utf8 (Join-Path $Root 'README.md')
        # Every text a user copies commands from: the README, the docs, the help and about topics of both languages.
        $Sources = @(Get-Item (Join-Path $Root 'README.md')) + @(Get-ChildItem (Join-Path $Root 'docs') -Filter *.md) +
            @(Get-ChildItem (Join-Path $Root 'module/help') -Recurse -File)
    }

    It 'is a front door: at most about 200 lines, every link to a document that exists' {
        ($Readme -split "`n").Count | Should -BeLessOrEqual 200
        $links = [regex]::Matches($Readme, '\]\(([^)#]+)(#[^)]*)?\)') | ForEach-Object { $_.Groups[1].Value }
        $links.Count | Should -BeGreaterThan 5
        foreach ($link in $links) { Join-Path $Root $link | Should -Exist }
        foreach ($needed in 'Requirements', 'Install', 'Windows PowerShell 5.1', 'Start-JuheSandbox', '-Journal', '-KeepColumn', 'Build and test') {
            $Readme | Should -Match ([regex]::Escape($needed)) -Because "a user needs $needed from the front door"
        }
    }

    It 'exports every CSV so that Excel opens it without mojibake' {
        $exports = foreach ($file in $Sources) {
            Get-Content -Encoding utf8 $file.FullName | Where-Object { $_ -match '(^|\|)\s*Export-Csv\s+[$\w./''"]' } | ForEach-Object { [pscustomobject]@{ File = $file.Name; Line = $_ } }
        }
        @($exports).Count | Should -BeGreaterThan 5
        foreach ($e in $exports) { $e.Line | Should -Match '-Encoding (utf8BOM|UTF8)\b' -Because "$($e.File) shows: $($e.Line.Trim())" }
    }

    It 'never recommends code page 936 for a GB18030 file' {
        foreach ($file in $Sources) {
            $text = Get-Content -Raw -Encoding utf8 $file.FullName
            $text | Should -Not -Match '-Encoding 936\b' -Because "$($file.Name): 936 is GBK, which loses four-byte characters"
            $text | Should -Not -Match 'GB18030（代码页 936）|GB18030 \(code page 936\)'
        }
    }

    It 'keeps no list of provider codes in prose: the help''s lists are filled from the catalog at build time' {
        foreach ($file in $Sources) {
            $text = (Get-Content -Encoding utf8 $file.FullName | Where-Object { $_ -notmatch '<!--\s*expect:' }) -join "`n"
            $text | Should -Not -Match '\b(10\d{3}|2273\d{2})\b\s*(,|、|and|和|与|or)\s*\b(10\d{3}|2273\d{2})\b' -Because "$($file.Name) would drift from the catalog"
        }
        $retried = @(Get-JuheErrorCode | Where-Object IsRetried | ForEach-Object Code)
        $slowDown = @(Get-JuheErrorCode | Where-Object HoldsBackRun | ForEach-Object Code)
        $built = Join-Path $PSScriptRoot '../../out/TelecomVerify'
        $about = (Get-Content -Raw -Encoding utf8 (Join-Path $built 'en-US/about_TelecomVerify.help.txt')) -replace '\s+', ' '
        $about | Should -Match ([regex]::Escape("($($retried -join ', '), HTTP 429 and 5xx)"))
        $about | Should -Match ([regex]::Escape("(HTTP 429, $($slowDown -join ', '))"))
        $zh = (Get-Content -Raw -Encoding utf8 (Join-Path $built 'zh-CN/about_TelecomVerify.help.txt')) -replace '\s+', ''
        $zh | Should -Match ([regex]::Escape("（$($retried -join '、')、HTTP429与5xx）"))
        (Get-Help Test-TelecomIdentity).description.Text -join ' ' | Should -Match ([regex]::Escape("($($retried -join ', '), HTTP 429 and 5xx)"))
    }
}
