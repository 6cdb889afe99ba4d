#Requires -Version 7.0
# Secrets and personal data in everything the module prints, writes or sends, and the transport's safety.
# Pester 5, against the built module (out/TelecomVerify); every request goes to the module's own sandbox on 127.0.0.1.

BeforeAll { . (Join-Path $PSScriptRoot 'TestSession.ps1') }

AfterAll { Exit-TestSession }

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
                Get-JuheJournal $journal -ApiKey $Key -BaseUri $Uri | Format-List * | Out-String
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
