#Requires -Version 7.0
# Test-TelecomIdentity's results on the sample file, the encrypted endpoint, and failed rows.
# Pester 5, against the built module (out/TelecomVerify); every request goes to the module's own sandbox on 127.0.0.1.

BeforeAll { . (Join-Path $PSScriptRoot 'TestSession.ps1') }

AfterAll { Exit-TestSession }

Describe 'Test-TelecomIdentity on the sample CSV' {
    BeforeEach { $Sandbox.ResetStatistics() }

    It 'binds the Chinese headers and gives one result per row, in order, each kind of answer' {
        $results = Import-Csv $Sample | Test-TelecomIdentity -Detail -ApiKey $Key -BaseUri $Uri
        $results.Count | Should -Be 9
        $results.Row | Should -Be (1..9)
        ($results.Status -join ',') | Should -Be 'Match,Mismatch,Mismatch,Mismatch,Mismatch,NoRecord,InvalidInput,Match,Match'
        ($results.Detail -join ',') | Should -Be 'Match,NameMismatch,IdCardMismatch,NameAndIdCardMismatch,Unknown,,,Match,Match'
        $results[6].Source | Should -Be 'Local'
        $results[6].Message | Should -Match 'Row 7: IdCard'
        $results[0].OrderId | Should -Match '^SBX'
        $results[0].InputObject.'工号' | Should -Be 'E001'
    }

    It 'pays once for a duplicate row and nothing for a locally rejected one' {
        $null = Import-Csv $Sample | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri
        $Sandbox.RequestCount | Should -Be 7
    }

    It 'masks identities unless -ShowIdentity is given' {
        $masked = Import-Csv $Sample | Select-Object -First 1 | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri
        $masked.Mobile | Should -Be '189****1234'
        $masked.IdCard | Should -Be '440***********123X'
        $masked.RealName | Should -Be '李*'
        $shown = Import-Csv $Sample | Select-Object -Last 1 | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri -ShowIdentity
        $shown.RealName | Should -Be '阿卜杜·热合曼'
    }

    It 'exports to CSV as readable text, without dumping the input' {
        $path = Join-Path $TestDrive 'checked.csv'
        Import-Csv $Sample | Test-TelecomIdentity -Detail -ApiKey $Key -BaseUri $Uri | Export-Csv $path
        $back = Import-Csv $path
        $back[1].Status | Should -Be 'Mismatch'
        $back[1].Detail | Should -Be 'NameMismatch'
        $back[5].ErrorCode | Should -Be '227303'
        $columns = $back[0].psobject.Properties.Name
        $columns | Should -Not -Contain 'InputObject'
        $columns | Should -Be Row, Status, IsMatch, Detail, RealName, IdCard, Mobile, OrderId, ResCode, ResMessage, ErrorCode, Reason, Message, ErrorId, Source, PossiblyBilled, Attempts, ElapsedMs -Because 'these are the columns of module/TelecomVerify.types.ps1xml''s serialization set; a new result field goes there, here, and in tests/TelecomVerify.Tests/Data/public-api.txt'
        (Get-Content -Raw $path) | Should -Not -Match 'System\.|TelecomVerify\.|44030619851212123X'
    }

    It 'writes Status, Detail and Source as words in JSON, CSV and Clixml, not as numbers' {
        $results = Import-Csv $Sample | Select-Object -First 2 | Test-TelecomIdentity -Detail -ApiKey $Key -BaseUri $Uri
        $json = $results | ConvertTo-Json | ConvertFrom-Json
        "$($json[1].Status)/$($json[1].Detail)/$($json[1].Source)" | Should -Be 'Mismatch/NameMismatch/Remote'
        ($results | ConvertTo-Json -Compress) | Should -Match '"Status":"Match","IsMatch":true,"Detail":"Match"'
        $csv = $results | ConvertTo-Csv | ConvertFrom-Csv
        "$($csv[1].Status)/$($csv[1].Detail)/$($csv[1].Source)" | Should -Be 'Mismatch/NameMismatch/Remote'
        $path = Join-Path $TestDrive 'results.xml'
        $results | Export-Clixml $path
        $back = Import-Clixml $path
        $back[1].Status | Should -BeOfType [string]
        "$($back[1].Status)/$($back[1].Detail)/$($back[1].Source)" | Should -Be 'Mismatch/NameMismatch/Remote'
        $journal = Join-Path $TestDrive 'words.journal'
        $null = Import-Csv $Sample | Select-Object -First 2 | Test-TelecomIdentity -Detail -ApiKey $Key -BaseUri $Uri -Journal $journal 6>$null
        (Get-JuheJournal $journal -ApiKey $Key -BaseUri $Uri | ConvertTo-Json -Compress) | Should -Match '"Status":"Mismatch","Detail":"NameMismatch"'
        # The other objects the module writes carry words too.
        $code = Get-JuheErrorCode 10012 | ConvertTo-Json -Compress
        $code | Should -Match '"Kind":"System"'
        $code | Should -Match '"Status":"Failed"'
        $code | Should -Match '"Category":"QuotaExceeded"'
        (Get-JuheCredential | ConvertTo-Json -Compress) | Should -Match '"Source":"[A-Za-z]+","ApiKeySource":"[A-Za-z]+","OpenIdSource":"[A-Za-z]+","BaseUriSource":"[A-Za-z]+"'
    }

    It 'keeps the input''s own columns beside the verdict through the hidden InputObject' {
        $path = Join-Path $TestDrive 'kept.csv'
        Import-Csv $Sample | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri |
            Select-Object Row, Status, Message, @{ n = '工号'; e = { $_.InputObject.工号 } } | Export-Csv $path
        (Import-Csv $path).工号 | Should -Be ((Import-Csv $Sample).工号)
    }

    It 'shows a table that fits 120 columns and a list without the input' {
        $results = Import-Csv $Sample | Test-TelecomIdentity -Detail -ApiKey $Key -BaseUri $Uri
        $table = ($results | Format-Table | Out-String -Width 120) -split "`n"
        $table | Where-Object { $_ -match '^\s*Row\s+Status\s+RealName\s+Mobile\s+Message' } | Should -Not -BeNullOrEmpty
        $table | Where-Object { $_ -match '189\*\*\*\*1234' } | Should -Not -BeNullOrEmpty
        ($table | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120
        $list = $results[0] | Format-List | Out-String
        $list | Should -Match 'OrderId\s+: SBX'
        $list | Should -Not -Match 'InputObject'
        ($results[0] | Format-List * | Out-String) | Should -Not -Match 'InputObject'
    }
}

Describe 'The encrypted endpoint' {
    It 'matches with -Encrypt and the right OpenID' {
        $Sandbox.ResetStatistics()
        $r = Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -Encrypt -OpenId $Sandbox.OpenId -ApiKey $Key -BaseUri $Uri -Detail
        $r.Status | Should -Be 'Match'
        $sent = $Sandbox.RecentRequests[-1]
        $sent.Target | Should -Be '/telecomCmcc/queryEncry'
        $sent.Body | Should -Not -Match '18900001234'
    }

    It 'stops with error 10004 under a wrong OpenID' {
        { Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -Encrypt -OpenId 'wrong-openid' -ApiKey $Key -BaseUri $Uri } |
            Should -Throw -ErrorId 'Juhe10004,TelecomVerify.Commands.TestTelecomIdentityCommand'
    }

    It 'Protect-JuheParameter gives the documented vectors and Unprotect-JuheParameter reverses them' {
        '李雷', '18900001234' | Protect-JuheParameter -OpenId 'demo-openid-0001' | Should -Be 'oFjn35qHqfkf/vUASy3CVg==', 'R4lTPRgeved5f7MKcfMUKg=='
        Unprotect-JuheParameter 'mXKVREhyiFlRxLuXSBxVjZ/EAHhHNhGQeZtKsQlkKvc=' -OpenId 'demo-openid-0001' | Should -Be '阿卜杜·热合曼'
    }
}

Describe 'Failures' {
    BeforeEach { $Sandbox.ResetStatistics() }

    It 'retries an upstream error and then answers' {
        $r = Test-TelecomIdentity 李雷 44030619851212123X 18999227301 -ApiKey $Key -BaseUri $Uri
        $r.Status | Should -Be 'Match'
        $r.Attempts | Should -Be 2
    }

    It 'after the retries, writes a Failed row and a non-terminating error that names the code' {
        $r = Test-TelecomIdentity 韩梅梅 110105199003074325 18999000501 -ApiKey $Key -BaseUri $Uri -MaxRetries 1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Failed'
        $r.Attempts | Should -Be 2
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'HttpStatus500,TelecomVerify.Commands.TestTelecomIdentityCommand'
        # The target names the row, masked: error views print it, so it is never the row itself.
        "$($failures[0].TargetObject)" | Should -Be 'row 1 (mobile 189****0501)'
        $failures[0].TargetObject.Row | Should -Be 1
    }

    It 'gives up on a hang at -TimeoutSec' {
        $r = Test-TelecomIdentity 李雷 44030619851212123X 18999000408 -ApiKey $Key -BaseUri $Uri -TimeoutSec 1 -MaxRetries 0 -ErrorAction SilentlyContinue -ErrorVariable failures
        $r.Status | Should -Be 'Failed'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Timeout,*'
        # The value is honoured, not a default of 30 s: a bound a machine under any load keeps.
        $r.ElapsedMs | Should -BeGreaterOrEqual 900
        $r.ElapsedMs | Should -BeLessThan 15000
    }

    It 'stops the whole run on an account-level code and sends nothing further' {
        $rows = '18900001234', '18999010009', '13300001235', '13800001236' | ForEach-Object {
            [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = $_ }
        }
        $out = [Collections.Generic.List[object]]::new()
        { $rows | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri -ThrottleLimit 1 | ForEach-Object { $out.Add($_) } } |
            Should -Throw -ErrorId 'Juhe10009,TelecomVerify.Commands.TestTelecomIdentityCommand'
        # Row 1, then the row whose answer stopped the run; nothing after.
        $out.Row | Should -Be 1, 2
        $out[1].ErrorCode | Should -Be 10009
        $Sandbox.RequestCount | Should -Be 2
    }

    It 'ends every run with a summary: shown by default, silenced on request, captured typed' {
        $null = Import-Csv $Sample | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri 6>&1 | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } |
            Tee-Object -Variable shown
        $shown.Count | Should -Be 1
        $shown[0].Tags | Should -Contain 'PSHOST'                 # the host shows it, as it shows Write-Host text
        $shown[0].Tags | Should -Contain 'TelecomVerify.RunSummary'
        $null = Import-Csv $Sample | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri -InformationAction SilentlyContinue -InformationVariable quiet
        $quiet[0].Tags | Should -Not -Contain 'PSHOST'            # so SilentlyContinue really silences it
        $summary = $quiet[0].MessageData
        $summary | Should -BeOfType TelecomVerify.RunSummary
        ($summary.Rows, $summary.Sent, $summary.Answered, $summary.Duplicates, $summary.RejectedLocally, $summary.Failed) | Should -Be 9, 7, 7, 1, 1, 0
        $summary.StoppedAtRow | Should -BeNullOrEmpty
        "$summary" | Should -Match '^9 rows in .* 7 requests sent\.$'
    }

    It 'with -WhatIf, estimates the cost of the file: the calls the real run would make' {
        $null = Import-Csv $Sample | Test-TelecomIdentity -WhatIf -InformationVariable estimate 6>$null
        $estimate[0].MessageData.WhatIf | Should -BeTrue
        $estimate[0].MessageData.Sent | Should -Be 7
        $Sandbox.RequestCount | Should -Be 0
        $null = Import-Csv $Sample | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri 6>$null
        $Sandbox.RequestCount | Should -Be 7
    }

    It 'with -WhatIf on a large file, prints the first 20 rows and the estimate, not a line per row' {
        $rows = 1..100 | ForEach-Object { [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '1890100{0:D4}' -f $_ } }
        $transcript = Join-Path $TestDrive 'large-whatif.txt'
        $null = Start-Transcript -Path $transcript
        try { $rows | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri -WhatIf -InformationVariable estimate }
        finally { $null = Stop-Transcript }
        $text = Get-Content -Raw $transcript
        ([regex]::Matches($text, 'What if:')).Count | Should -Be 20
        $estimate[0].MessageData.Sent | Should -Be 100
        $text | Should -Match 'Estimate: 100 rows'
    }

    It 'with -Quiet, writes only $true or $false and keeps the summary off the screen, still captured' {
        $transcript = Join-Path $TestDrive 'quiet.txt'
        $null = Start-Transcript -Path $transcript
        try { $answer = Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey $Key -BaseUri $Uri -Quiet -InformationVariable quiet }
        finally { $null = Stop-Transcript }
        $answer | Should -BeExactly $true
        (Get-Content -Raw $transcript) | Should -Not -Match '1 row in'
        $quiet[0].MessageData.Answered | Should -Be 1
    }

    It 'with -WhatIf, sends nothing' {
        Import-Csv $Sample | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri -WhatIf | Should -BeNullOrEmpty
        $Sandbox.RequestCount | Should -Be 0
    }
}
