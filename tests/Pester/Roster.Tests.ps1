#Requires -Version 7.0
# HR's roster as HR's systems and Excel write it: a title above the header, Excel's "Unicode text"
# (UTF-16, TAB-separated), the old .xls, empty rows, a pilot of five rows, and messages naming the row
# HR looks up. Every request goes to the module's own sandbox on 127.0.0.1; counts are the sandbox's.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSession.ps1')
    . (Join-Path $PSScriptRoot '../../build/SampleWorkbook.ps1')
    $Gbk = [Text.Encoding]::GetEncoding(936)
    $Common = @{ ApiKey = $Key; BaseUri = $Uri; InformationAction = 'SilentlyContinue' }
    # The roster as the issue met it: a title in row 1, a blank row, HR's own headers in row 3.
    $Title = '2026年12月新入职员工花名册'
    $Header = @('工号', '员工姓名', '身份证号码（18位）', '联系手机')
    $People = @(
        , @('E001', '李雷', '44030619851212123X', '18900001234')
        , @('E002', '韩梅', '110105199003074325', '13300001235')
        , @('E003', '王芳', '440306200001010001', '13800001236')
    )
    $Xls = Join-Path $PSScriptRoot 'Data/roster-title.xls'
}

AfterAll { Exit-TestSession }

Describe 'A roster with a title above its header' {
    BeforeEach { $Before = $Sandbox.RequestCount }

    It 'finds the header in line 3 of a <Name>, says so once, and keeps the file''s numbering' -ForEach @(
        @{ Name = 'GBK CSV'; Kind = 'csv' }
        @{ Name = 'workbook (.xlsx)'; Kind = 'xlsx' }
        @{ Name = 'Excel 97-2003 workbook (.xls)'; Kind = 'xls' }
    ) {
        switch ($Kind) {
            'csv' {
                $path = Join-Path $TestDrive 'roster.csv'
                $lines = @("$Title,,,", ',,,', ($Header -join ',')) + ($People[0..1] | ForEach-Object { $_ -join ',' }) + @(',,,') + @($People[2] -join ',')
                [IO.File]::WriteAllLines($path, $lines, $Gbk)
            }
            'xlsx' {
                $path = Join-Path $TestDrive 'roster.xlsx'
                New-SampleWorkbook -Path $path -Sheets @(@{ Name = '花名册'; Rows = @(, @($Title, '', '', '')) + @(, @('', '', '', '')) + @(, $Header) + $People[0..1] + @(, @('', '', '', '')) + @(, $People[2]) })
            }
            'xls' { $path = $Xls }
        }
        $results = Test-TelecomIdentity -Path $path @Common -WarningVariable warned 3>$null
        $results.Count | Should -Be 3
        $results.FileRow | Should -Be 4, 5, 7
        $results.Row | Should -Be 1, 2, 3
        $results[0].Status | Should -Be 'Match'
        ($Sandbox.RequestCount - $Before) | Should -Be 3
        @($warned | Where-Object { "$_" -like '*Line 3 of*taken as the header*2 line(s) above it*' }).Count | Should -Be 1
    }

    It 'takes the line -HeaderRow names, and refuses an empty one before any call' {
        $path = Join-Path $TestDrive 'named.csv'
        # A title that names a field ("姓名表") makes the first row look like a header: only -HeaderRow says otherwise.
        [IO.File]::WriteAllLines($path, @('姓名表（内部）', '', '姓名,身份证号,手机号', ($People[0][1..3] -join ',')), $Gbk)
        { Test-TelecomIdentity -Path $path @Common } | Should -Throw -ErrorId 'MissingColumn,*'
        $r = Test-TelecomIdentity -Path $path -HeaderRow 3 @Common
        $r.FileRow | Should -Be 4
        $r.Status | Should -Be 'Match'
        $err = { Test-TelecomIdentity -Path $path -HeaderRow 2 @Common } | Should -Throw -ErrorId 'HeaderRowNotFound,*' -PassThru
        $err.Exception.Message | Should -BeLike '*line 2 of*empty*'
        ($Sandbox.RequestCount - $Before) | Should -Be 1
    }

    It 'does not look past data for a header: a file without one stops with MissingColumn, nothing sent' {
        $path = Join-Path $TestDrive 'noheader.csv'
        [IO.File]::WriteAllLines($path, @('名单', ($People[0][1..3] -join ','), '备注,姓名,身份证号,手机号'), $Gbk)
        { Test-TelecomIdentity -Path $path @Common } | Should -Throw -ErrorId 'MissingColumn,*'
        ($Sandbox.RequestCount - $Before) | Should -Be 0
    }
}

Describe 'Excel''s "Unicode text" and other delimiters' {
    BeforeEach { $Before = $Sandbox.RequestCount }

    It 'reads UTF-16 TAB-separated text as Excel saves it, every field bound, without a warning' {
        $path = Join-Path $TestDrive 'unicode.txt'
        $text = (@($Header -join "`t") + ($People | ForEach-Object { $_ -join "`t" })) -join "`r`n"
        [IO.File]::WriteAllText($path, $text + "`r`n", [Text.UnicodeEncoding]::new($false, $true))
        $results = Test-TelecomIdentity -Path $path @Common -WarningVariable warned 3>$null
        $results.Status | Should -Be 'Match', 'Mismatch', 'Mismatch'
        $results[0].InputObject.工号 | Should -Be 'E001'
        ($Sandbox.RequestCount - $Before) | Should -Be 3
        @($warned | Where-Object { "$_" -like '*rejected*' }).Count | Should -Be 0
    }

    It 'never binds one column to two fields: the same text read with -Delimiter '','' stops with MissingColumn' {
        $path = Join-Path $TestDrive 'unicode2.txt'
        [IO.File]::WriteAllText($path, ("姓名`t身份证号`t手机号`r`n" + ($People[0][1..3] -join "`t")), [Text.UnicodeEncoding]::new($false, $true))
        $err = { Test-TelecomIdentity -Path $path -Delimiter ',' @Common 3>$null } | Should -Throw -ErrorId 'MissingColumn,*' -PassThru
        ($Sandbox.RequestCount - $Before) | Should -Be 0
    }

    It 'takes -Delimiter as Import-Csv does' {
        $path = Join-Path $TestDrive 'semicolon.csv'
        [IO.File]::WriteAllLines($path, @('姓名;身份证号;手机号', ($People[0][1..3] -join ';')))
        (Test-TelecomIdentity -Path $path -Delimiter ';' @Common).Status | Should -Be 'Match'
        { Test-TelecomIdentity -Path $Xls -Delimiter ';' @Common } | Should -Throw -ErrorId 'DelimiterWithoutText,*'
    }
}

Describe 'The old .xls, and files named .xls that are not workbooks' {
    BeforeEach { $Before = $Sandbox.RequestCount }

    It 'reads a worksheet by name and completes -WorksheetName from an .xls' {
        $line = "Test-TelecomIdentity -Path '$Xls' -WorksheetName "
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be '花名册', '说明'
        { Test-TelecomIdentity -Path $Xls -WorksheetName 没有 @Common } | Should -Throw -ErrorId 'WorksheetNotFound,*'
        (Test-TelecomIdentity -Path $Xls -WorksheetName 花名册 @Common 3>$null).Count | Should -Be 3
    }

    It 'reads TAB-separated text saved as .xls, as HR systems export it' {
        $path = Join-Path $TestDrive 'export.xls'
        [IO.File]::WriteAllLines($path, @("姓名`t身份证号`t手机号", ($People[0][1..3] -join "`t")), $Gbk)
        (Test-TelecomIdentity -Path $path @Common).Status | Should -Be 'Match'
    }

    It 'refuses a web page saved as .xls, saying what to do, before any call' {
        $path = Join-Path $TestDrive 'page.xls'
        [IO.File]::WriteAllText($path, '<html><body><table><tr><td>姓名</td></tr></table></body></html>')
        $err = { Test-TelecomIdentity -Path $path @Common } | Should -Throw -ErrorId 'WorkbookUnreadable,*' -PassThru
        $err.Exception.Message | Should -BeLike '*web page*save it as .xlsx*'
        ($Sandbox.RequestCount - $Before) | Should -Be 0
    }
}

Describe 'Empty rows' {
    It 'skips a row whose every cell is empty in a CSV as in a workbook: the same sheet gives the same rows' {
        $csv = Join-Path $TestDrive 'empty.csv'
        [IO.File]::WriteAllLines($csv, @('姓名,身份证号,手机号', ($People[0][1..3] -join ','), ',,', ' , ,', ($People[1][1..3] -join ',')))
        $book = Join-Path $TestDrive 'empty.xlsx'
        New-SampleWorkbook -Path $book -Sheets @(@{ Name = 'S'; Rows = @(, @('姓名', '身份证号', '手机号')) + @(, $People[0][1..3]) + @(, @('', '', '')) + @(, @(' ', ' ', '')) + @(, $People[1][1..3]) })
        $fromCsv = Test-TelecomIdentity -Path $csv @Common -InformationVariable csvSummary
        $fromBook = Test-TelecomIdentity -Path $book @Common -InformationVariable bookSummary
        $fromCsv.FileRow | Should -Be 2, 5
        $fromBook.FileRow | Should -Be 2, 5
        $csvSummary.MessageData.Rows | Should -Be 2
        $bookSummary.MessageData.Rows | Should -Be 2
    }
}

Describe 'A pilot and batches: -First and -Skip' {
    BeforeAll {
        $Big = Join-Path $TestDrive 'big.csv'
        # 200 distinct people the sandbox answers (one name and ID, 200 mobiles).
        [IO.File]::WriteAllLines($Big, @('姓名,身份证号,手机号') + (1..200 | ForEach-Object { '李雷,44030619851212123X,189{0:D8}' -f $_ }))
    }
    BeforeEach { $Before = $Sandbox.RequestCount }

    It '-First 5 on a 200-row file sends exactly 5 requests' {
        $r = Test-TelecomIdentity -Path $Big -First 5 -ThrottleLimit 8 @Common
        $r.Count | Should -Be 5
        ($Sandbox.RequestCount - $Before) | Should -Be 5
    }

    It '-Skip 195 starts at the 196th row, keeping Row and FileRow' {
        $r = Test-TelecomIdentity -Path $Big -Skip 195 @Common
        $r.Row | Should -Be 196, 197, 198, 199, 200
        $r.FileRow | Should -Be 197, 198, 199, 200, 201
        ($Sandbox.RequestCount - $Before) | Should -Be 5
    }

    It 'pages piped rows too, and -IncludeTotalCount says how many rows the input had' {
        $r = Import-Csv $Big | Test-TelecomIdentity -Skip 10 -First 2 @Common
        $r.Row | Should -Be 11, 12
        ($Sandbox.RequestCount - $Before) | Should -Be 2
        $total = Test-TelecomIdentity -Path $Big -First 1 -IncludeTotalCount @Common | Select-Object -Last 1
        "$total" | Should -BeLike '*200*'
    }
}

Describe 'Messages name the row HR looks up' {
    BeforeAll {
        $Bad = Join-Path $TestDrive 'bad.csv'
        [IO.File]::WriteAllLines($Bad, @($Title, '', '姓名,身份证号,手机号', '李雷,4.40306E+17,18900001234', ($People[0][1..3] -join ','), ($People[0][1..3] -join ',')), $Gbk)
        $Second = Join-Path $TestDrive 'second.csv'
        [IO.File]::WriteAllLines($Second, @('姓名,身份证号,手机号', ($People[0][1..3] -join ',')))
    }

    It 'names the FileRow of a rejected row and of a duplicate''s first row, in <Culture>' -ForEach @(
        @{ Culture = 'en-US'; Rejected = 'Row 4: *'; Duplicate = '*as row 5;*' }
        @{ Culture = 'zh-CN'; Rejected = '第 4 行：*'; Duplicate = '*与第 5 行是同一身份*' }
    ) {
        $saved = [cultureinfo]::CurrentUICulture
        try {
            [cultureinfo]::CurrentUICulture = $Culture
            $r = Test-TelecomIdentity -Path $Bad @Common 3>$null
        }
        finally { [cultureinfo]::CurrentUICulture = $saved }
        $r[0].Message | Should -BeLike $Rejected
        $r[2].Message | Should -BeLike $Duplicate
    }

    It 'names the file too when the run reads several' {
        $r = Test-TelecomIdentity -Path $Bad, $Second @Common 3>$null
        $r[0].Message | Should -BeLike 'Row 4 of bad.csv: *'
        $r[3].Message | Should -BeLike '*as row 5 of bad.csv;*'
    }
}

Describe 'Messages that say what to do next' {
    BeforeAll {
        function Invoke-InCulture([string] $Culture, [scriptblock] $Script) {
            $saved = [cultureinfo]::CurrentUICulture
            try { [cultureinfo]::CurrentUICulture = $Culture; & $Script }
            finally { [cultureinfo]::CurrentUICulture = $saved }
        }
        $Rows = @(
            [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = 'E12345678'; 手机号 = '18900001234' }
            [pscustomobject]@{ 姓名 = '李?'; 身份证号 = '44030619851212123X'; 手机号 = '18900001234' }
            [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '4.40306E+17'; 手机号 = '18900001234' }
            [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18999227302' }
            [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18999000408' }
        )
    }

    It 'says in <Culture> what each failure means and what to do' -ForEach @(
        @{ Culture = 'en-US'; Passport = '*looks like a passport*18-character mainland ID numbers only*'; Question = '*question mark*saved as GBK*UTF-8 or .xlsx*'
           Lost = '*lost for good*retype the number from the ID card*'; NoReason = 'The query failed and the provider gave no reason (227302). It may have been billed*'; Timeout = '*may have been billed*-RetryUnconfirmed*may pay twice*' }
        @{ Culture = 'zh-CN'; Passport = '*像是护照或通行证号码：本接口只核验 18 位的内地身份证号*'; Question = '*有问号“?”（U+003F）*GBK 保存时丢失了生僻字*UTF-8 或 .xlsx*'
           Lost = '*显示为科学计数法*末几位已丢失且无法恢复*按证件重新录入*'; NoReason = '查询失败，服务商没有给出原因（227302）。这次查询可能已计费*'; Timeout = '*可能已计费*-RetryUnconfirmed*可能再次计费*' }
    ) {
        $r = Invoke-InCulture $Culture { $Rows | Test-TelecomIdentity -TimeoutSec 1 -MaxRetries 0 @Common -ErrorAction SilentlyContinue }
        $r[0].Message | Should -BeLike $Passport
        $r[1].Message | Should -BeLike $Question
        $r[2].Message | Should -BeLike $Lost
        $r[3].Message | Should -BeLike $NoReason
        $r[3].Message | Should -Not -BeLike '*reason*reason*' -Because 'the provider''s "see reason" without a reason is not repeated'
        $r[4].ErrorId | Should -Be 'Timeout'
        $r[4].Message | Should -BeLike $Timeout
    }

    It 'says a missing file and a column taken by its word in Chinese, with no English sentence or field name' {
        Invoke-InCulture 'zh-CN' {
            $err = { Test-TelecomIdentity -Path (Join-Path $TestDrive 'nothing-here.csv') @Common } | Should -Throw -ErrorId 'PathNotFound,*' -PassThru
            $err.Exception.Message | Should -BeLike '没有与*nothing-here.csv 匹配的文件。'
            $path = Join-Path $TestDrive 'words.csv'
            [IO.File]::WriteAllLines($path, @('员工姓名,身份证号,手机号', ($People[0][1..3] -join ',')))
            $null = Test-TelecomIdentity -Path $path @Common -WarningVariable warned 3>$null
            "$warned" | Should -BeLike '*列“员工姓名”按姓名读取*'
            "$warned" | Should -Not -Match 'RealName'
        }
    }

    It 'says what a -Journal path is before its permissions, and never a raw system code' {
        $book = Join-Path $TestDrive 'hr-as-journal.xlsx'
        New-SampleWorkbook -Path $book -Sheets @(@{ Name = 'S'; Rows = @(, @('姓名')) })
        chmod 644 $book
        $one = [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18900001234' }
        $err = { $one | Test-TelecomIdentity -Journal $book @Common } | Should -Throw -ErrorId 'JournalUnreadable,*' -PassThru
        $err.Exception.Message | Should -BeLike '*is not a TelecomVerify journal*'
        if ($IsLinux) {
            $err = Invoke-InCulture 'zh-CN' { { $one | Test-TelecomIdentity -Journal /proc/tv-test.journal @Common } | Should -Throw -ErrorId 'JournalNotWritable,*' -PassThru }
            $err.Exception.Message | Should -BeLike '*该位置不能创建文件*'
            $err.Exception.Message | Should -Not -Match '-?\d{6,}'
        }
    }

    It 'shows Get-JuheErrorCode with Chinese labels and words under zh-CN' {
        $table = Invoke-InCulture 'zh-CN' { Get-JuheErrorCode 10012 | Out-String -Width 120 }
        $table | Should -Match '错误码\s+类型\s+重试\s+停止运行\s+结果状态\s+说明'
        $table | Should -Match '10012\s+系统级\s+是'
        (Get-JuheErrorCode 10012 | Out-String -Width 120) | Should -Match 'Code\s+Kind'
    }
}

Describe 'The ErrorId table of the about topic' {
    It 'lists every id a failed row can carry, in <Culture>' -ForEach @(
        @{ Culture = 'en-US'; Folder = 'en-US'; Billed = 'possibly billed' }
        @{ Culture = 'zh-CN'; Folder = 'zh-CN'; Billed = '可能已计费' }
    ) {
        $about = Get-Content -Raw -Encoding utf8 (Join-Path $ModulePath "$Folder/about_TelecomVerify.help.txt")
        foreach ($f in [TelecomVerify.Errors.FailureIds]::All) { $about | Should -Match ([regex]::Escape($f.Id)) }
        $about | Should -Match ('Timeout\W+' + [regex]::Escape($Billed))
        $about | Should -Not -Match '\{\{FAILURE_IDS\}\}'
    }
}
