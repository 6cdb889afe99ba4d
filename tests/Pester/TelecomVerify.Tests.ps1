#Requires -Version 7.0
# Pester 5 tests of the built module (out/TelecomVerify), used the way an administrator uses it.
# Every request goes to the module's own sandbox on 127.0.0.1.

BeforeAll {
    $ModulePath = Join-Path $PSScriptRoot '../../out/TelecomVerify'
    Import-Module $ModulePath -Force
    $Sample = Join-Path $ModulePath 'samples/staff.csv'
    $script:SavedEnv = @{}
    foreach ($name in 'JUHE_API_KEY', 'JUHE_OPENID', 'JUHE_BASE_URI', 'XDG_CONFIG_HOME') {
        $SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }
    # Saved credentials go to a folder of the tests' own, never the real home.
    $ConfigHome = Join-Path ([IO.Path]::GetTempPath()) ("tv-pester-" + [guid]::NewGuid().ToString('N'))
    $env:XDG_CONFIG_HOME = $ConfigHome
    $Sandbox = Start-JuheSandbox
    $Key = $Sandbox.ApiKey
    $Uri = $Sandbox.BaseUri
}

AfterAll {
    Stop-JuheSandbox
    Remove-JuheCredential
    Remove-Item -Recurse -Force $ConfigHome -ErrorAction SilentlyContinue
    foreach ($name in $SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $SavedEnv[$name]) }
    Remove-Module TelecomVerify -ErrorAction SilentlyContinue
}

Describe 'The module' {
    It 'has a valid manifest whose cmdlets are exactly the ones the DLL exports' {
        $manifest = Test-ModuleManifest (Join-Path $ModulePath 'TelecomVerify.psd1')
        $manifest.Version | Should -Not -Be ([version]'0.0.0')
        $exported = (Get-Command -Module TelecomVerify).Name | Sort-Object
        $exported | Should -Be ($manifest.ExportedCmdlets.Keys | Sort-Object)
        $exported | Should -Contain 'Test-TelecomIdentity'
        $exported.Count | Should -Be 10
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

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        (Get-Command -Module TelecomVerify).Verb | ForEach-Object { $_ | Should -BeIn $approved }
    }
}

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
        $columns | Should -Be Row, Status, IsMatch, Detail, RealName, IdCard, Mobile, OrderId, ResCode, ResMessage, ErrorCode, Reason, Message, ErrorId, Source, PossiblyBilled, Attempts, ElapsedMs
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
        (Get-JuheJournal $journal | ConvertTo-Json -Compress) | Should -Match '"Status":"Mismatch","Detail":"NameMismatch"'
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

Describe 'A CSV saved by Excel on Chinese Windows (GB18030)' {
    BeforeAll {
        # Headers of different lengths: mis-decoded, equal-length headers collapse into one name and
        # Import-Csv itself refuses the file before any cmdlet sees it.
        $Gbk = Join-Path $TestDrive 'staff-gbk.csv'
        $rows = Import-Csv $Sample | Select-Object -First 8 |
            Select-Object 姓名, @{ n = '身份证号码'; e = { $_.身份证号 } }, 手机号 | ConvertTo-Csv | Out-String
        [IO.File]::WriteAllText($Gbk, $rows, [Text.Encoding]::GetEncoding(936))
    }

    It 'read as UTF-8, the run stops once, before any call, with a hint to use -Path (which finds the encoding in either edition)' {
        $Sandbox.ResetStatistics()
        $results = $null
        { $script:results = Import-Csv $Gbk | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri } |
            Should -Throw -ErrorId 'MissingColumn,TelecomVerify.Commands.TestTelecomIdentityCommand' -ExpectedMessage '*Test-TelecomIdentity -Path*'
        $script:results | Should -BeNullOrEmpty
        $Sandbox.RequestCount | Should -Be 0
    }

    It 'read with -Encoding 936, it checks as the UTF-8 file does' {
        $results = Import-Csv $Gbk -Encoding 936 | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri
        ($results.Status -join ',') | Should -Be 'Match,Mismatch,Mismatch,Mismatch,Mismatch,NoRecord,InvalidInput,Match'
    }
}

Describe 'Reading files with -Path: any encoding, rows as Import-Csv makes them' {
    BeforeAll {
        $Expected = (Import-Csv $Sample | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri -Detail 6>$null | ForEach-Object { "$($_.Status)/$($_.Detail)" }) -join ','
        $Text = Get-Content -Raw -Encoding utf8 $Sample
    }
    BeforeEach { $Sandbox.ResetStatistics() }

    It 'reads <Name> without being told the encoding' -ForEach @(
        @{ Name = 'GB18030 (Excel on Chinese Windows)'; Encoding = [Text.Encoding]::GetEncoding(936); Crlf = $false }
        @{ Name = 'UTF-8 with a BOM'; Encoding = [Text.UTF8Encoding]::new($true); Crlf = $false }
        @{ Name = 'UTF-8 without a BOM, CRLF and a trailing empty line'; Encoding = [Text.UTF8Encoding]::new($false); Crlf = $true }
        @{ Name = 'UTF-16 with a BOM'; Encoding = [Text.UnicodeEncoding]::new($false, $true); Crlf = $false }
    ) {
        $file = Join-Path $TestDrive ("staff-" + [guid]::NewGuid() + '.csv')
        # '•' has no GBK form; the sample's GB18030 copy uses '．' as Excel users do.
        $body = $Text.Replace([string][char]0x2022, [string][char]0xFF0E)
        if ($Crlf) { $body = ($body -replace "`r?`n", "`r`n") + "`r`n" }
        [IO.File]::WriteAllText($file, $body, $Encoding)
        $results = Test-TelecomIdentity -Path $file -ApiKey $Key -BaseUri $Uri -Detail 6>$null
        (($results | ForEach-Object { "$($_.Status)/$($_.Detail)" }) -join ',') | Should -Be $Expected
        $Sandbox.RequestCount | Should -Be 7
    }

    It 'gives each row the InputObject Import-Csv would have given' {
        $results = Test-TelecomIdentity -LiteralPath $Sample -ApiKey $Key -BaseUri $Uri 6>$null
        $csv = @(Import-Csv $Sample)
        $results.Count | Should -Be $csv.Count
        for ($i = 0; $i -lt $csv.Count; $i++) {
            $results[$i].InputObject.psobject.Properties.Name | Should -Be $csv[$i].psobject.Properties.Name
            $results[$i].InputObject.psobject.Properties.Value | Should -Be $csv[$i].psobject.Properties.Value
        }
    }

    It 'says clearly what it cannot read' {
        { Test-TelecomIdentity -Path (Join-Path $TestDrive 'no-such-*.csv') -ApiKey $Key -BaseUri $Uri } | Should -Throw -ErrorId 'PathNotFound,*'
        $book = Join-Path $TestDrive 'staff.xls'
        Set-Content $book 'x'
        { Test-TelecomIdentity -LiteralPath $book -ApiKey $Key -BaseUri $Uri } | Should -Throw -ErrorId 'WorkbookNotSupported,*'
        Set-Content ($book + 'x') 'x'
        { Test-TelecomIdentity -LiteralPath ($book + 'x') -ApiKey $Key -BaseUri $Uri } | Should -Throw -ErrorId 'WorkbookUnreadable,*'
        { Import-Csv $Sample | Test-TelecomIdentity -Path $Sample -ApiKey $Key -BaseUri $Uri } | Should -Throw -ErrorId 'PathAndPipeline,*'
        $Sandbox.RequestCount | Should -Be 0
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

Describe 'Secrets and personal data' {
    AfterAll {
        Remove-JuheCredential
        Remove-JuheCredential -Scope CurrentUser
    }

    It 'neither the key, the OpenID nor a raw identity appears in any stream, $Error or a transcript' {
        # Values in variables: PowerShell's own error view quotes the command line as typed.
        $name, $id, $mobile = '陈静', '310115197008157892', '19900001239'
        $openId = $Sandbox.OpenId
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $Error.Clear()
        $null = Start-Transcript -Path $transcript
        $all = & {
            Set-JuheCredential -ApiKey $Key -OpenId $openId -BaseUri $Uri -Verbose -Debug
            Set-JuheCredential -ApiKey $Key -OpenId $openId -BaseUri $Uri -Scope CurrentUser -Verbose -Debug
            Get-JuheCredential -Verbose -Debug | Format-List * | Out-String
            (Get-JuheCredential).ToString()
            Test-TelecomIdentity $name $id $mobile -Verbose -Debug -Detail | Format-List * | Out-String
            Test-TelecomIdentity $name $id 18999227301 -Verbose -Debug -Encrypt | ForEach-Object ToString
            Test-TelecomIdentity $name $id 18999000501 -Verbose -Debug -MaxRetries 0 -ErrorAction Continue
            try { Test-TelecomIdentity $name $id 18999010001 -Verbose -Debug } catch { $_ | Out-String }
            [pscustomobject]@{ RealName = $name; IdCard = $id; Mobile = $mobile } | Test-TelecomIdentity -Verbose -WhatIf
            $id, $mobile | Protect-JuheParameter -Verbose -Debug | Unprotect-JuheParameter -Verbose -Debug | Out-Null
            Unprotect-JuheParameter 'not base64' -Verbose -Debug -ErrorAction Continue
            Get-JuheErrorCode 10001 -Verbose -Debug | Out-String
            Remove-JuheCredential -Scope CurrentUser -Verbose -Debug
            Remove-JuheCredential -Verbose -Debug
        } *>&1 | Out-String
        $null = Stop-Transcript
        $text = $all + ($Error | Out-String) + ($Error | ForEach-Object { $_.Exception.ToString() } | Out-String) + (Get-Content -Raw $transcript)
        $text | Should -Match 'Verifying against'   # the streams really were captured
        $text | Should -Not -Match ([regex]::Escape($Key))
        $text | Should -Not -Match ([regex]::Escape($openId))
        $text | Should -Not -Match $id
        $text | Should -Not -Match $mobile
        $text | Should -Not -Match $name
        $text | Should -Match '199\*\*\*\*1239'
    }

    It 'no mobile or ID number of the input shows unmasked in anything a run writes, on any path' {
        # Happy, failed after retries, retried then answered, unreadable (possibly billed), rejected locally, answered failures, stopped, journalled.
        $rows = @(
            @('李雷', '44030619851212123X', '18900001234'), @('韩梅梅', '110105199003074325', '18999000501'),
            @('王芳', '320102197601011237', '18999227301'), @('陈静', '310115197008157892', '18999000200'),
            @('张伟', '510107199202284568', '1890000123'), @('李雷', '440306198512121234', '18900001235'),
            # Answered failures: 227302 (the provider's reason is the message) and a code its document does not list.
            @('刘洋', '110105194901010021', '18999227302'), @('韩梅梅', '110105199003074325', '18999000004')
        ) | ForEach-Object { [pscustomobject]@{ 姓名 = $_[0]; 身份证号 = $_[1]; 手机号 = $_[2] } }
        $stop = [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18999010012' }
        $journal = Join-Path $TestDrive 'leak.journal'
        $csv = Join-Path $TestDrive 'leak.csv'
        $transcript = Join-Path $TestDrive 'leak-transcript.txt'
        $savedView = $ErrorView
        $Error.Clear()
        $null = Start-Transcript -Path $transcript
        try {
            # The view Windows PowerShell 5.1 and many runbooks use: it prints every record's TargetObject.
            $ErrorView = 'NormalView'
            $all = & {
                $rows | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri -MaxRetries 1 -Journal $journal -Verbose -Debug -ErrorAction Continue | Export-Csv $csv
                $rows | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri -MaxRetries 1 -Journal $journal -Verbose -ErrorAction Continue | Format-Table * -AutoSize | Out-String -Width 400
                try { @($rows[0], $stop, $rows[1]) | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri -ThrottleLimit 1 -Verbose } catch { $_ | Out-String }
                $rows | Test-TelecomIdentity -WhatIf
                Get-JuheJournal $journal | Format-List * | Out-String
            } *>&1 | Out-String
        }
        finally {
            $ErrorView = $savedView
            $null = Stop-Transcript
        }
        $errors = ($Error | Format-List * -Force | Out-String) + ($Error | ForEach-Object { $_.TargetObject | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue } | Out-String)
        $text = $all + $errors + (Get-Content -Raw $transcript) + (Get-Content -Raw $csv) + (Get-Content -Raw $journal)
        $text | Should -Match 'POST .* for row 1 \(mobile 189\*\*\*\*1234\)'   # the streams were captured
        $Error.Count | Should -BeGreaterThan 2                                      # and the failure paths ran
        foreach ($row in @($rows) + $stop) {
            $text | Should -Not -Match $row.手机号
            $text | Should -Not -Match $row.身份证号
        }
        # Nothing that even looks like a whole mobile number or ID number, whoever it might belong to
        # (the journal's hex keys and secret are left out of this scan: random hex can hold such a run).
        [regex]::Matches($all + $errors + (Get-Content -Raw $csv), '(?<!\d)1\d{10}(?!\d)|(?<!\d)\d{17}[\dX](?!\d)').Value | Should -BeNullOrEmpty
    }

    It 'keeps the input row out of Export-Clixml, jobs and ConvertTo-Json' {
        $row = [pscustomobject]@{ 姓名 = '陈静'; 身份证号 = '310115197008157892'; 手机号 = '19900001239' }
        $result = $row | Test-TelecomIdentity -ApiKey $Key -BaseUri $Uri 6>$null
        $result.InputObject.手机号 | Should -Be '19900001239'        # still there for the caller
        $xml = Join-Path $TestDrive 'result.xml'
        $result | Export-Clixml $xml
        $back = Import-Clixml $xml
        ($back.Row, $back.Mobile, $back.IsMatch) | Should -Be 1, '199****1239', $true
        $text = (Get-Content -Raw $xml) + ($result | ConvertTo-Json -Depth 5) + (Start-Job { param($r) $r } -ArgumentList $result | Receive-Job -Wait -AutoRemoveJob | Out-String)
        $text | Should -Not -Match '19900001239|310115197008157892|陈静'
    }

    It 'sends the key only in a POST body' {
        $Sandbox.ResetStatistics()
        $null = Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey $Key -BaseUri $Uri
        $sent = $Sandbox.RecentRequests[-1]
        $sent.Method | Should -Be 'POST'
        $sent.Target | Should -Not -Match 'key='
        $sent.UserAgent | Should -Match '^TelecomVerify/\d'
    }
}

Describe 'Credentials' {
    AfterEach {
        Remove-JuheCredential
        Remove-JuheCredential -Scope CurrentUser
        $env:JUHE_API_KEY = $null
        $env:JUHE_BASE_URI = $null
    }

    It 'takes the parameter over the session, the session over the environment' {
        $env:JUHE_API_KEY = 'environment-key-000000'
        $env:JUHE_BASE_URI = $Uri.AbsoluteUri
        (Get-JuheCredential).Source | Should -Be 'Environment'
        Set-JuheCredential -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -BaseUri $Uri
        (Get-JuheCredential).Source | Should -Be 'Session'
        (Test-TelecomIdentity 李雷 44030619851212123X 18900001234).Status | Should -Be 'Match'
        { Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey 'a-wrong-key' -BaseUri $Uri } | Should -Throw -ErrorId 'Juhe10001,*'
    }

    It 'never pairs a key with a base URI from a lower source (a planted saved file cannot steer the environment''s key)' {
        $env:JUHE_API_KEY = 'environment-key-000000'
        Set-JuheCredential -BaseUri $Uri -Scope CurrentUser -WarningAction SilentlyContinue
        $resolved = Get-JuheCredential
        $resolved.Source | Should -Be 'Environment'
        $resolved.BaseUri | Should -Be ([TelecomVerify.Protocol.JuheEndpoint]::DefaultBaseUri)   # the saved file's URI is below the key's source
    }

    It 'changes only what it is given, and never takes the key by position' {
        Set-JuheCredential -ApiKey $Key -BaseUri $Uri
        Set-JuheCredential -OpenId $Sandbox.OpenId
        $c = Get-JuheCredential
        ($c.HasOpenId, $c.BaseUri, $c.ApiKey) | Should -Be $true, $Uri, ('********' + $Key.Substring($Key.Length - 4))
        Set-JuheCredential -ApiKey $Key
        (Get-JuheCredential).BaseUri | Should -Be $Uri                   # a custom base URI survives a new key
        { Set-JuheCredential $Key } | Should -Throw -ErrorId 'PositionalParameterNotFound,*'
        { Set-JuheCredential } | Should -Throw -ErrorId 'NothingToSet,*'
    }

    It 'shows the key masked and never whole' {
        Set-JuheCredential -ApiKey $Key -BaseUri $Uri
        $c = Get-JuheCredential
        $c.ApiKey | Should -Be ('********' + $Key.Substring($Key.Length - 4))
        $c.HasOpenId | Should -BeFalse
        ($c | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($Key))
    }

    It 'reads the key from JUHE_API_KEY for a runbook' {
        $env:JUHE_API_KEY = $Key
        $env:JUHE_BASE_URI = $Uri.AbsoluteUri
        (Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -Quiet) | Should -BeTrue
    }

    It 'saves for the current user in an owner-only file, uses it, and refuses it once others can read it' -Tag 'Unix' {
        Set-JuheCredential -ApiKey $Key -OpenId $Sandbox.OpenId -BaseUri $Uri -Scope CurrentUser
        $file = Join-Path $ConfigHome 'TelecomVerify/credential.json'
        (Get-Item $file).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        (Get-Item (Split-Path $file)).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
        $c = Get-JuheCredential
        $c.Source | Should -Be 'SavedFile'
        $c.SavedFile | Should -Be $file
        (Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -Encrypt).Status | Should -Be 'Match'

        chmod 644 $file
        { Test-TelecomIdentity 李雷 44030619851212123X 18900001234 } | Should -Throw -ErrorId 'CredentialFileUnusable,*' -ExpectedMessage '*chmod 600*'
        chmod 600 $file

        Remove-JuheCredential -Scope CurrentUser -WhatIf
        Test-Path $file | Should -BeTrue
        Remove-JuheCredential -Scope CurrentUser
        Test-Path $file | Should -BeFalse
        (Get-JuheCredential).Source | Should -Be 'None'
        (Get-JuheCredential).SavedFile | Should -BeNullOrEmpty -Because 'no file is saved any more'

        # Deleted by hand rather than by Remove-JuheCredential: the same.
        Set-JuheCredential -ApiKey $Key -BaseUri $Uri -Scope CurrentUser
        Remove-Item $file
        Remove-JuheCredential -Scope Session
        $c = Get-JuheCredential
        "$($c.Source)/$($c.SavedFile)" | Should -Be 'None/'
    }

    It 'refuses a saved credential whose file or folder another user owns, as ssh does' -Tag 'Unix' -ForEach @(
        @{ Planted = 'file' }
        @{ Planted = 'folder' }
    ) {
        # Giving a file away takes root; the runs of this suite (CI included) are root.
        if ((id -u) -ne '0') { Set-ItResult -Skipped -Because 'chown to another user needs root'; return }
        Set-JuheCredential -ApiKey $Key -BaseUri $Uri -Scope CurrentUser
        $file = Join-Path $ConfigHome 'TelecomVerify/credential.json'
        $target = if ($Planted -eq 'file') { $file } else { Split-Path $file }
        chown nobody $target
        $before = $Sandbox.RequestCount
        try {
            $err = { Test-TelecomIdentity 李雷 44030619851212123X 18900001234 } | Should -Throw -ErrorId 'CredentialFileUnusable,*' -PassThru
            $err.Exception.Message | Should -BeLike "$target belongs to user id $(id -u nobody), not to you (user id $(id -u))*chown*"
            $Sandbox.RequestCount | Should -Be $before
        }
        finally { chown ([Environment]::UserName) $target }
        (Get-JuheCredential).Source | Should -Be 'SavedFile'
    }

    It 'refuses a saved credential owned by a uid with no user name, and sends nothing to the base URI planted in it' -Tag 'Unix' {
        if ((id -u) -ne '0') { Set-ItResult -Skipped -Because 'chown to another uid needs root'; return }
        Set-JuheCredential -ApiKey $Key -BaseUri $Uri -Scope CurrentUser
        $file = Join-Path $ConfigHome 'TelecomVerify/credential.json'
        $folder = Split-Path $file
        chown 54321 $file
        chown 54321 $folder
        $before = $Sandbox.RequestCount
        try {
            { Test-TelecomIdentity 李雷 44030619851212123X 18900001234 } | Should -Throw -ErrorId 'CredentialFileUnusable,*'
            $Sandbox.RequestCount | Should -Be $before
        }
        finally { chown ([Environment]::UserName) $file; chown ([Environment]::UserName) $folder }
    }

    It 'takes a PSCredential: the password is the key, the user name the OpenID' {
        $asset = [pscredential]::new($Sandbox.OpenId, (ConvertTo-SecureString $Key -AsPlainText -Force))
        Set-JuheCredential -Credential $asset -BaseUri $Uri
        (Get-JuheCredential).HasOpenId | Should -BeTrue
        (Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -Encrypt).Status | Should -Be 'Match'
        Set-JuheCredential -Credential ([pscredential]::new('-', (ConvertTo-SecureString $Key -AsPlainText -Force))) -BaseUri $Uri
        (Get-JuheCredential).HasOpenId | Should -BeFalse
    }
}

Describe 'Transport safety' {
    BeforeEach { $Sandbox.ResetStatistics() }

    It 'refuses plain HTTP to a host other than loopback unless told, and sends nothing' {
        { Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey $Key -BaseUri 'http://verify.example.invalid/' } |
            Should -Throw -ErrorId 'InsecureBaseUri,*'
        { Set-JuheCredential -ApiKey $Key -BaseUri 'http://verify.example.invalid/' } | Should -Throw -ErrorId 'InsecureBaseUri,*'
        $Sandbox.RequestCount | Should -Be 0
    }

    It 'goes through -Proxy, and warns when allowed plain HTTP' {
        # The sandbox stands in for the proxy: it sees the absolute URI a proxy is sent.
        $r = Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey $Key -BaseUri 'http://verify.example.invalid/' `
            -AllowUnencryptedAuthentication -Proxy $Uri -WarningVariable warned -WarningAction SilentlyContinue
        $r.Status | Should -Be 'Match'
        $warned.Count | Should -Be 1
        $Sandbox.RecentRequests[-1].Target | Should -Be 'http://verify.example.invalid/telecomCmcc/query'
    }

    It 'uses HTTPS to the provider by default' {
        $default = (Get-JuheCredential).BaseUri
        $default.Scheme | Should -Be 'https'
        $default.Host | Should -Be 'v.juhe.cn'
    }
}

Describe 'Get-JuheErrorCode' {
    It 'lists the 21 documented codes' {
        (Get-JuheErrorCode).Count | Should -Be 21
        (Get-JuheErrorCode -Kind Service).Count | Should -Be 7
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
