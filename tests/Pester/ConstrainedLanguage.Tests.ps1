#Requires -Version 7.0
# The module in Constrained Language Mode, as AppLocker and WDAC machines run PowerShell: a binary module's
# cmdlets, views and help work there; only the caller's script is constrained.

BeforeAll {
    $ModulePath = (Resolve-Path (Join-Path $PSScriptRoot '../../out/TelecomVerify')).Path
    . (Join-Path $PSScriptRoot '../../build/PwshHelpers.ps1')
    $Pwsh = Get-PwshCommand
    $Work = Join-Path ([IO.Path]::GetTempPath()) ("tv-clm-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory $Work
}

AfterAll { Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue }

Describe 'Constrained Language Mode' {
    It 'checks an identity, a file with a journal, shows its views and help, and says it ran constrained' {
        $csv = Join-Path $Work 'staff.csv'
        @([pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18900001234' }
          [pscustomobject]@{ 姓名 = '韩梅梅'; 身份证号 = '110105199003074325'; 手机号 = '13300001235' }) | Export-Csv $csv -Encoding utf8
        $body = Join-Path $Work 'body.ps1'
        Set-Content $body -Encoding utf8 -Value @"
Import-Module '$ModulePath'
`$sb = Start-JuheSandbox
`$one = Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey `$sb.ApiKey -BaseUri `$sb.BaseUri -InformationAction SilentlyContinue
'status=' + `$one.Status
`$rows = @(Test-TelecomIdentity -Path '$csv' -Journal '$Work/clm.journal' -ApiKey `$sb.ApiKey -BaseUri `$sb.BaseUri -InformationAction SilentlyContinue -InformationVariable info)
'rows=' + `$rows.Count
'summary=' + (`$info | Where-Object { `$_.Tags -contains 'TelecomVerify.RunSummary' }).MessageData.Sent
'journal=' + @(Get-JuheJournal '$Work/clm.journal' -ApiKey `$sb.ApiKey -BaseUri `$sb.BaseUri).Count
'table=' + ((`$rows | Format-Table | Out-String) -match '189\*\*\*\*1234')
'help=' + (Get-Help Test-TelecomIdentity).Synopsis
`$sb | Stop-JuheSandbox
'mode=' + `$ExecutionContext.SessionState.LanguageMode
"@
        $output = & $Pwsh.Path @($Pwsh.Arguments) -NoProfile -NonInteractive -Command "`$ExecutionContext.SessionState.LanguageMode = 'ConstrainedLanguage'; . '$body'" 2>&1
        $text = $output | Out-String
        $text | Should -Match 'mode=ConstrainedLanguage'
        $text | Should -Match 'status=Match'
        $text | Should -Match 'rows=2'
        $text | Should -Match 'summary=2'
        $text | Should -Match 'journal=2'
        $text | Should -Match 'table=True'
        $text | Should -Match 'help=Checks whether a name'
    }
}
