#Requires -Version 7.0
# -Path as HR uses it: their own headers mapped by script block, their columns kept beside the verdict,
# rows numbered as the file numbers them, every file's columns checked before anything is paid.
# Every request goes to the module's own sandbox on 127.0.0.1; counts are the sandbox's.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSession.ps1')
    . (Join-Path $PSScriptRoot '../../build/SampleWorkbook.ps1')
    $Gb18030 = [Text.Encoding]::GetEncoding(54936)
    # HR's file as the issue describes it: GB18030, headers the module does not know by heart (职员, 证件),
    # a blank line, a line of empty fields, and a department that holds a line break.
    $HrLines = @(
        '工号,职员,部门,证件,手机号码,Status'
        'E001,李雷,财务部,44030619851212123X,18900001234,在职'
        ''
        ',,,,,'
        'E002,韩梅梅,"人事',
        '部",110105199003074325,13300001235,在职'
        'E003,王芳,=HYPERLINK("x"),320102197601011237,13800001236,离职'
    )
    $Hr = Join-Path $TestDrive 'hr.csv'
    [IO.File]::WriteAllLines($Hr, $HrLines, $Gb18030)
    $Map = @{ RealName = { $_.职员 }; IdCard = { $_.证件 } }
    $Common = @{ ApiKey = $Key; BaseUri = $Uri; InformationAction = 'SilentlyContinue' }
}

AfterAll { Exit-TestSession }

Describe 'Mapping a column the module does not know' {
    BeforeEach { $Before = $Sandbox.RequestCount }

    It 'works with -Path on a GB18030 CSV, as it does for piped rows' {
        $fromPath = Test-TelecomIdentity -Path $Hr @Map @Common
        # The line of empty fields is no person in a file (-Path skips it); piped, Import-Csv made it a row, and it gets its result.
        ($fromPath | ForEach-Object Status) | Should -Be 'Match', 'Match', 'Match'
        ($Sandbox.RequestCount - $Before) | Should -Be 3
        $piped = Import-Csv $Hr -Encoding 54936 | Test-TelecomIdentity @Map @Common
        ($piped | ForEach-Object Status) | Should -Be 'Match', 'InvalidInput', 'Match', 'Match'
    }

    It 'works with -Path on a workbook' {
        $book = Join-Path $TestDrive '12月入职.xlsx'
        New-SampleWorkbook -Path $book -Sheets @(@{ Name = '12月入职'; Rows = @(
            , @('工号', '职员', '证件', '联系方式')
            , @('E001', '李雷', '44030619851212123X', '18900001234')
            , @('E002', '韩梅梅', '110105199003074325', '13300001235')
        ) })
        $r = Test-TelecomIdentity -Path $book -WorksheetName 12月入职 @Map -Mobile { $_.联系方式 } @Common
        ($r | ForEach-Object Status) | Should -Be 'Match', 'Match'
        ($Sandbox.RequestCount - $Before) | Should -Be 2
    }

    It 'works with an array given to -InputObject' {
        $rows = @([pscustomobject]@{ 员工 = '李雷'; 证件 = '44030619851212123X'; 手机 = '18900001234' })
        (Test-TelecomIdentity -InputObject $rows -RealName { $_.员工 } -IdCard { $_.证件 } @Common).Status | Should -Be 'Match'
    }

    It 'makes a row whose mapping fails InvalidInput, naming the field and the error id, and prints nothing of the row' {
        $errors = $null
        $r = Test-TelecomIdentity -Path $Hr -RealName { $_.职员 } -IdCard { $_.证件.Substring(17, 5) } @Common -ErrorVariable errors 2>&1
        $results = @($r | Where-Object { $_ -is [TelecomVerify.IdentityCheckResult] -or $_.psobject.TypeNames -contains 'TelecomVerify.IdentityCheckResult' })
        $results.Count | Should -Be 3
        $results[0].Status | Should -Be 'InvalidInput'
        $results[0].Message | Should -BeLike '*IdCard*script block*(error id ArgumentOutOfRangeException)*'
        ($Sandbox.RequestCount - $Before) | Should -Be 0
        ($r | Out-String) + ($errors | Out-String) | Should -Not -Match '44030619851212123X|18900001234'
    }

    It 'never prints the first person of a file without a header row when a mapping finds no column' {
        $headerless = Join-Path $TestDrive 'headerless.csv'
        "李雷,44030619851212123X,18900001234`n韩梅梅,110105199003074325,13300001235" | Set-Content $headerless
        $err = { Test-TelecomIdentity -Path $headerless -IdCard { $_.证件 } @Common } | Should -Throw -ErrorId 'MissingColumn,*' -PassThru
        $err.Exception.Message | Should -Match '证件'
        $err.Exception.Message | Should -Not -Match '44030619851212123X|18900001234|李雷'
        ($Sandbox.RequestCount - $Before) | Should -Be 0
    }

    It 'refuses a script block when there are no rows to run it on, before any call' {
        { Test-TelecomIdentity -RealName { $_.员工 } -IdCard 44030619851212123X -Mobile 18900001234 @Common } |
            Should -Throw -ErrorId 'MappingWithoutRows,*' -ExpectedMessage '*-RealName*'
        ($Sandbox.RequestCount - $Before) | Should -Be 0
    }
}

Describe 'Several files' {
    BeforeEach { $Before = $Sandbox.RequestCount }

    It 'stops before any call when a second file lacks a column the first has, naming that file' -ForEach @(
        @{ Culture = 'en-US'; Expected = "The header of other.csv (line 1) has no column '职员', '证件', which a script block reads.*" }
        @{ Culture = 'zh-CN'; Expected = 'other.csv 的表头（第 1 行）中没有脚本块要读取的“职员”、“证件”列。现有的列：*' }
    ) {
        $other = Join-Path $TestDrive 'other.csv'
        "工号,姓名,身份证号,电话号码`nE009,李雷,44030619851212123X,18900001234" | Set-Content $other
        $saved = [cultureinfo]::CurrentUICulture
        [cultureinfo]::CurrentUICulture = $Culture
        try { $err = { Test-TelecomIdentity -Path $Hr, $other @Map @Common } | Should -Throw -ErrorId 'MissingColumn,*' -PassThru }
        finally { [cultureinfo]::CurrentUICulture = $saved }
        $err.Exception.Message | Should -BeLike $Expected
        $err.Exception.Message | Should -Match '证件'
        $err.TargetObject.File | Should -Be $other
        ($Sandbox.RequestCount - $Before) | Should -Be 0
    }

    It 'stops on a second file without a column of a known name, too' {
        $other = Join-Path $TestDrive 'other2.csv'
        "工号,姓名,电话号码`nE009,李雷,18900001234" | Set-Content $other
        $good = Join-Path $TestDrive 'good.csv'
        "姓名,身份证号,手机号`n李雷,44030619851212123X,18900001234" | Set-Content $good
        { Test-TelecomIdentity -Path $good, $other @Common } | Should -Throw -ErrorId 'MissingColumn,*' -ExpectedMessage '*other2.csv*'
        ($Sandbox.RequestCount - $Before) | Should -Be 0
    }

    It 'says which file each row came from' {
        $second = Join-Path $TestDrive 'second.csv'
        "职员,证件,手机号码`n王芳,320102197601011237,13800001236" | Set-Content $second
        $r = Test-TelecomIdentity -Path $Hr, $second @Map @Common
        $r.Count | Should -Be 4
        ($r | ForEach-Object { "$(Split-Path -Leaf $_.File):$($_.FileRow)" }) | Should -Be 'hr.csv:2', 'hr.csv:5', 'hr.csv:7', 'second.csv:2'
        ($r | ForEach-Object Row) | Should -Be 1, 2, 3, 4
    }
}

Describe 'Rows numbered as the file numbers them' {
    It 'gives a CSV row its line, counting blank lines and a field that spans two lines' {
        $r = Test-TelecomIdentity -Path $Hr @Map @Common
        ($r | ForEach-Object FileRow) | Should -Be 2, 5, 7
    }

    It 'gives a worksheet row its Excel row number, empty rows counted' {
        $book = Join-Path $TestDrive 'gaps.xlsx'
        New-SampleWorkbook -Path $book -Sheets @(@{ Name = 'S'; Rows = @(
            , @('姓名', '身份证号', '手机号')
            , @('李雷', '44030619851212123X', '18900001234')
            , @('', '', '')
            , @('', '', '')
            , @('韩梅梅', '110105199003074325', '13300001235')
        ) })
        (Test-TelecomIdentity -Path $book @Common | ForEach-Object FileRow) | Should -Be 2, 5
    }

    It 'names the file and its row in a row''s error' {
        $bad = Join-Path $TestDrive 'bad.csv'
        "姓名,身份证号,手机号`n`n王芳,320102197601011237,18999000200" | Set-Content $bad
        $errors = $null
        $null = Test-TelecomIdentity -Path $bad @Common -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        "$($errors[0].TargetObject)" | Should -Be 'row 1 (row 3 of bad.csv, mobile 189****0200)'
    }
}

Describe '-KeepColumn' {
    It 'puts the chosen input columns first, so Export-Csv gives HR its own columns beside the verdict' {
        $out = Join-Path $TestDrive 'checked.csv'
        Test-TelecomIdentity -Path $Hr @Map -KeepColumn 工号, 部门 @Common | Export-Csv $out -Encoding utf8BOM
        $header = (Get-Content $out -TotalCount 1 -Encoding utf8)
        $header | Should -BeLike '"工号","部门","File","FileRow","Row","Status",*'
        $rows = Import-Csv $out -Encoding utf8
        $rows.工号 | Should -Be 'E001', 'E002', 'E003'
        $rows[1].部门 | Should -Be '人事 部' -Because 'a kept value is the file''s, a line break made a space as in every cell the module writes'
        $rows[2].部门 | Should -Be "'=HYPERLINK(`"x`")" -Because 'a spreadsheet must not run a kept value as a formula'
        [IO.File]::ReadAllBytes($out)[0..2] | Should -Be 0xEF, 0xBB, 0xBF
    }

    It 'keeps identity columns masked, whatever their header, even with -ShowIdentity' {
        $r = Test-TelecomIdentity -Path $Hr @Map -KeepColumn * -ShowIdentity @Common
        $r[0].证件 | Should -Be '440***********123X'
        $r[0].职员 | Should -Be '李*'
        $r[0].手机号码 | Should -Be '189****1234'
        $r[0].IdCard | Should -Be '44030619851212123X' -Because '-ShowIdentity still shows the result''s own fields'
        $r[0].Input_Status | Should -Be '在职' -Because 'a kept column does not take the place of the verdict'
        $r[0].Status | Should -Be 'Match'
    }

    It 'warns once about a pattern that matches no column' {
        $warnings = $null
        $null = Test-TelecomIdentity -Path $Hr @Map -KeepColumn 工号, 岗位 @Common -WarningVariable warnings 3>$null
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "hr.csv has no column that matches -KeepColumn '岗位'*"
    }

    It 'keeps piped columns too' {
        $row = [pscustomobject]@{ 工号 = 'E7'; 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18900001234' }
        $r = $row | Test-TelecomIdentity -KeepColumn 工号, 身份证号 @Common
        $r.工号 | Should -Be 'E7'
        $r.身份证号 | Should -Be '440***********123X'
        $r.psobject.Properties['File'] | Should -BeNullOrEmpty
    }

    It 'is not offered with -Quiet' {
        { Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -Quiet -KeepColumn x @Common } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
    }
}
