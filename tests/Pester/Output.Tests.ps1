#Requires -Version 7.0
# What an administrator reads: the default table at the widths terminals really have.
# Every request goes to the module's own sandbox on 127.0.0.1.

BeforeAll {
    $ModulePath = Join-Path $PSScriptRoot '../../out/TelecomVerify'
    Import-Module $ModulePath -Force
    $Sandbox = Start-JuheSandbox
    $Rows = @(Import-Csv (Join-Path $ModulePath 'samples/staff.csv')) + @(
        [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18999000501' }   # HTTP 500 every time
    )
    $Results = $Rows | Test-TelecomIdentity -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -Detail -MaxRetries 0 -ErrorAction SilentlyContinue 6>$null

    # The default table as a terminal of $Width columns shows it: each line checked to fit
    # (East Asian characters take two cells), then the lines by row number.
    function Get-TableLines([object[]] $Of, [int] $Width) {
        $byRow = @{}
        foreach ($line in ($Of | Format-Table | Out-String -Width $Width) -split "`r?`n") {
            $cells = ($line.ToCharArray() | ForEach-Object { if ([int]$_ -ge 0x2E80) { 2 } else { 1 } } | Measure-Object -Sum).Sum
            $cells | Should -BeLessOrEqual $Width
            if ($line -match '^\s*(\d+)\s') { $byRow[[int]$Matches[1]] = $line }
        }
        $byRow
    }
}

AfterAll {
    Stop-JuheSandbox
    Remove-Module TelecomVerify -ErrorAction SilentlyContinue
}

Describe 'The default table' {
    It 'shows, at <Width> columns, what happened on every row' -ForEach @(
        @{ Width = 80; Local = 'IdCard: fails the check'; Mismatch = 'The name does not match' }
        @{ Width = 120; Local = 'IdCard: fails the check-character test (GB 11643)'; Mismatch = 'The name does not match the one registered' }
        @{ Width = 150; Local = 'IdCard: fails the check-character test (GB 11643): a digit is probably mistyped.'; Mismatch = 'The name does not match the one registered for the mobile number.' }
    ) {
        $row = Get-TableLines $Results $Width
        $row[2] | Should -Match ([regex]::Escape($Mismatch))
        $row[6] | Should -Match '227303'                          # which code
        $row[7] | Should -Match ([regex]::Escape($Local))         # which field, what is wrong
        $row[8] | Should -Match 'Same as row 1'                   # which earlier row
        $row[10] | Should -Match 'HTTP 500'
    }

    It 'leaves the whole message to Format-List' {
        $list = $Results[6] | Format-List | Out-String -Width 200
        ($list -replace '\s+', ' ') | Should -Match ([regex]::Escape('Row 7: IdCard: fails the check-character test (GB 11643): a digit is probably mistyped. Not sent.'))
        $Results[6].Message | Should -Be 'Row 7: IdCard: fails the check-character test (GB 11643): a digit is probably mistyped. Not sent.'
    }
}

Describe 'A run that stops itself' {
    It 'says what to do next, naming the journal that keeps what was paid for' {
        $journal = Join-Path $TestDrive 'next.journal'
        $two = @(
            [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18900001234' }
            [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18999010012' }   # 10012: quota used up
        )
        $err = { $two | Test-TelecomIdentity -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -Journal $journal -ThrottleLimit 1 6>$null } | Should -Throw -PassThru
        $err.Exception.Message | Should -Match ("The run stopped before row 3.*run the same command again: the rows answered so far come from the journal " + [regex]::Escape($journal) + " at no cost")
        $err.ErrorDetails.RecommendedAction | Should -BeLike 'To go on once the cause is dealt with*'
    }
}

Describe 'Under zh-CN' {
    BeforeAll {
        $SavedCulture = [cultureinfo]::CurrentUICulture
        [cultureinfo]::CurrentUICulture = 'zh-CN'
        $Chinese = $Rows | Test-TelecomIdentity -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -Detail -MaxRetries 0 -ErrorAction SilentlyContinue -ErrorVariable ChineseErrors -InformationVariable ChineseSummary 6>$null
    }
    AfterAll {
        [cultureinfo]::CurrentUICulture = $SavedCulture
    }

    It 'shows the table at <Width> columns in Chinese, each row saying what happened' -ForEach @(
        @{ Width = 80 }
        @{ Width = 120 }
        @{ Width = 150 }
    ) {
        $row = Get-TableLines $Chinese $Width
        $row[2] | Should -Match '姓名与该手机号登记的不一致'
        $row[6] | Should -Match '227303：库中无此记录'
        $row[7] | Should -Match '身份证号：校验码不符'
        $row[8] | Should -Match '同第 1 行'
    }

    It 'says a mismatch, a local rejection, a failure and the run summary in Chinese' {
        $Chinese[1].Message | Should -Be '姓名与该手机号登记的不一致。'
        $Chinese[6].Message | Should -Be '第 7 行：身份证号：校验码不符（GB 11643）：很可能有数字输错。未发送。'
        $ChineseErrors[0].Exception.Message | Should -Match '^第 10 行：服务商返回 HTTP 500'
        "$($ChineseSummary[0].MessageData)" | Should -Match '^共 10 行，用时 [\d.]+ 秒：已查得结果 7 行，取自核验记录 0 行，重复 1 行，本地拒绝 1 行，失败 1 行；发送请求 8 次。$'
    }

    It 'stops on an account-level code with a Chinese terminating error' {
        $stop = [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18999010012' }   # 10012: quota used up
        $err = { $stop | Test-TelecomIdentity -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri 6>$null } | Should -Throw -PassThru
        $err.Exception.Message | Should -Match '账户的查询次数已用完。运行停在第 2 行之前.*处理好原因后再次运行即可继续'
        $err.ErrorDetails.RecommendedAction | Should -Match '^处理好原因后再次运行即可继续.*-Journal'
        $err.FullyQualifiedErrorId | Should -Match '^Juhe10012,'
    }

    It 'estimates a file under -WhatIf in Chinese' {
        # "What if:" lines go straight to the host; a transcript is how a runbook would keep them.
        $transcript = Join-Path $TestDrive 'whatif.txt'
        $null = Start-Transcript -Path $transcript
        try { Import-Csv (Join-Path $ModulePath 'samples/staff.csv') | Test-TelecomIdentity -WhatIf }
        finally { $null = Stop-Transcript }
        $lines = Get-Content -Raw $transcript
        $lines | Should -Match '核验身份（付费查询）.*第 1 行（手机号 189\*\*\*\*1234）'
        $lines | Should -Match '费用预估：共 9 行；将发起 7 次付费查询'
    }

    It 'names a missing column in Chinese, before any call' {
        $before = $Sandbox.RequestCount
        { [pscustomobject]@{ 工号 = 'E001' } | Test-TelecomIdentity -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri } |
            Should -Throw -ExpectedMessage '第一行中找不到姓名、身份证号、手机号列。可识别的列名：*现有的列：工号。也可以用脚本块指定列，如 -RealName { $_.员工姓名 }。未发送任何请求。'
        $Sandbox.RequestCount | Should -Be $before
    }

    It 'says where the key came from in Chinese words, and a broken answer without the JSON reader''s English' {
        $verbose = Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -Verbose 4>&1 6>$null |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object Message
        $verbose | Should -Contain 'KEY 来自参数。'
        $cut = Test-TelecomIdentity 李雷 44030619851212123X 18999000001 -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -ErrorAction SilentlyContinue 6>$null
        $cut.Message | Should -Match '响应体不是 JSON（在第 \d+ 个字符处出错）'
        $cut.Message | Should -Not -Match '[A-Za-z]{4,} [A-Za-z]{3,}' -Because 'no English sentence inside a Chinese one'
    }

    It 'uses one word per concept, as the glossary says, in messages and help' {
        # The glossary's rejected words that are wrong in every sense the module could mean them; 密钥 (a
        # cipher's key), 属性 (an object's property) and 验证 (a line's authenticity) have right uses too.
        $rejected = '掩码', '打码', '遮盖', '摘要', '回答', '应答', '先保钱', '供应商', '提供方', '查无此人', '断点续传', '续查', '本地驳回', '成本估算', '模拟器'
        $texts = @(Get-ChildItem (Join-Path $PSScriptRoot '../../src') -Recurse -Filter '*.zh-CN.resx' | Where-Object FullName -notmatch '[\\/](obj|bin)[\\/]') +
            @(Get-ChildItem (Join-Path $PSScriptRoot '../../module/help/zh-CN'))
        $texts.Count | Should -BeGreaterThan 10
        foreach ($file in $texts) {
            $text = Get-Content -Raw -Encoding utf8 $file.FullName
            foreach ($word in $rejected) { $text | Should -Not -Match $word -Because "$($file.Name) must use the glossary's word, not $word" }
        }
    }

    It 'writes the about topic''s tables in Chinese: headers, kinds and the sandbox''s notes' {
        $about = Get-Content -Raw -Encoding utf8 (Join-Path $ModulePath 'zh-CN/about_TelecomVerify.help.txt')
        $about | Should -Match '错误码\s+类型\s+重试\s+停止运行'
        $about | Should -Match '227301 服务级 是'
        $about | Should -Match '18999000500 第一次返回 HTTP 500，之后返回查询结果'
        $about | Should -Match '18900001237 一致：姓名中带间隔号'
        $about | Should -Not -Match '(?<!")\b(Service|System|yes|matches|every time|the answer)\b(?!")' -Because 'a JSON value quoted in a note ("yes") is the only English left'
    }
}
