#Requires -Version 7.0
# -Path reads Excel workbooks as HR sends them: no Excel, no ImportExcel, no CSV export.
# Every request goes to the module's own sandbox on 127.0.0.1; counts are the sandbox's.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSession.ps1')
    . (Join-Path $PSScriptRoot '../../build/SampleWorkbook.ps1')
    $Workbook = Join-Path $ModulePath 'samples/staff.xlsx'
    $Csv = Join-Path $ModulePath 'samples/staff.csv'
}

AfterAll { Exit-TestSession }

Describe 'Test-TelecomIdentity -Path on a workbook' {
    BeforeEach { $Before = $Sandbox.RequestCount }

    It 'reads the shipped sample''s first worksheet as Import-Csv reads the same rows as CSV, and pays 7 calls for 9 rows' {
        $fromBook = Test-TelecomIdentity -Path $Workbook -Detail -ApiKey $Key -BaseUri $Uri 6>$null
        ($Sandbox.RequestCount - $Before) | Should -Be 7
        $fromCsv = Import-Csv $Csv | Test-TelecomIdentity -Detail -ApiKey $Key -BaseUri $Uri 6>$null
        ($fromBook | ForEach-Object { "$($_.Row)/$($_.Status)/$($_.Detail)/$($_.Mobile)" }) | Should -Be ($fromCsv | ForEach-Object { "$($_.Row)/$($_.Status)/$($_.Detail)/$($_.Mobile)" })
        $expected = @(Import-Csv $Csv)
        for ($i = 0; $i -lt $expected.Count; $i++) {
            $got = $fromBook[$i].InputObject
            $got.psobject.Properties.Name | Should -Be $expected[$i].psobject.Properties.Name
            foreach ($name in $expected[$i].psobject.Properties.Name) { $got.$name | Should -BeExactly $expected[$i].$name }
        }
    }

    It 'completes -WorksheetName with the worksheets of the workbook -Path names, not with file names' {
        function Complete([string] $line) { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText }
        $book = Join-Path $TestDrive 'sheets.xlsx'
        New-SampleWorkbook -Path $book -Sheets @(
            @{ Name = '说明'; Rows = @(, @('x')) }
            @{ Name = '12月入职'; Rows = @(, @('姓名')) }
            @{ Name = 'Q4 list'; Rows = @(, @('姓名')) }
        )
        Push-Location $TestDrive
        try {
            Complete "Test-TelecomIdentity -Path sheets.xlsx -WorksheetName " | Should -Be '说明', '12月入职', "'Q4 list'"
            Complete "Test-TelecomIdentity -LiteralPath '$book' -WorksheetName 12" | Should -Be '12月入职'
            Complete "Test-TelecomIdentity -Path nothing.xlsx -WorksheetName " | Should -BeNullOrEmpty
        }
        finally { Pop-Location }
    }

    It 'reads the worksheet -WorksheetName names, and names the worksheets when there is no such one' {
        $notes = { Test-TelecomIdentity -Path $Workbook -WorksheetName 说明 -ApiKey $Key -BaseUri $Uri } | Should -Throw -PassThru
        $notes.FullyQualifiedErrorId | Should -Match '^MissingColumn,'
        $missing = { Test-TelecomIdentity -Path $Workbook -WorksheetName 工资 -ApiKey $Key -BaseUri $Uri } | Should -Throw -PassThru
        $missing.FullyQualifiedErrorId | Should -Match '^WorksheetNotFound,'
        $missing.Exception.Message | Should -Match "no worksheet named '工资'; its worksheets: 员工, 说明"
        @(Test-TelecomIdentity -Path $Workbook -WorksheetName 员工 -ApiKey $Key -BaseUri $Uri 6>$null).Count | Should -Be 9
        ($Sandbox.RequestCount - $Before) | Should -Be 7
    }

    It 'refuses, free and with the spreadsheet hint, an ID number stored as a number cell; a mobile stored as a number is fine' {
        $path = Join-Path $TestDrive 'numbers.xlsx'
        New-SampleWorkbook -Path $path -Sheets @(@{ Name = 'Sheet1'; Numbers = 1, 2; Rows = @(
            , [string[]] @('姓名', '身份证号', '手机号')
            , [string[]] @('李雷', '440306198512121230', '18900001234')    # Excel keeps 15 digits of the ID
            , [string[]] @('李雷', '440306851212123', '18900001234')        # a legacy 15-digit ID survives as a number
        ) })
        $results = Test-TelecomIdentity -Path $path -ApiKey $Key -BaseUri $Uri 6>$null
        $results[0].Status | Should -Be 'InvalidInput'
        $results[0].Source | Should -Be 'Local'
        $results[0].Message | Should -Match 'IdCard: is in scientific notation: the spreadsheet stored it as a number.*Format the ID column as text'
        $results[0].Message | Should -Not -Match 'mistyped'
        $results[1].Status | Should -Be 'Match'
        $results[1].Message | Should -Match 'legacy 15-digit number was converted'
        ($Sandbox.RequestCount - $Before) | Should -Be 1
    }

    It 'gives "N of M" progress for a workbook' {
        $path = Join-Path $TestDrive 'progress.xlsx'
        $rows = @(, [string[]] @('姓名', '身份证号', '手机号')) + @(1..40 | ForEach-Object { , [string[]] @('李雷', '44030619851212123X', ('1890000{0:D4}' -f $_)) })
        New-SampleWorkbook -Path $path -Sheets @(@{ Name = 'Sheet1'; Rows = $rows })
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModulePath'; Test-TelecomIdentity -Path '$path' -ApiKey '$Key' -BaseUri '$Uri' -ThrottleLimit 1 -InformationAction SilentlyContinue")
            $null = $ps.Invoke()
            $status = @($ps.Streams.Progress | Where-Object RecordType -ne 'Completed' | ForEach-Object StatusDescription)
        }
        finally { $ps.Dispose() }
        $status | Should -Not -BeNullOrEmpty
        $status[-1] | Should -Match '^\d+ of 40 rows checked'
    }

    It 'refuses a damaged .xls and a damaged .xlsx before any call, without quoting the file' {
        $xls = Join-Path $TestDrive 'old.xls'
        # An Excel 97-2003 file's signature, then nothing a reader can use.
        [IO.File]::WriteAllBytes($xls, [byte[]](0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1) + [Text.Encoding]::UTF8.GetBytes('李雷,44030619851212123X,18900001234'))
        $err = { Test-TelecomIdentity -Path $xls -ApiKey $Key -BaseUri $Uri } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Match '^WorkbookUnreadable,'
        $err.Exception.Message | Should -Not -Match '44030619851212123X|18900001234'
        $bad = Join-Path $TestDrive 'bad.xlsx'
        Set-Content $bad '李雷,44030619851212123X,18900001234'
        $err = { Test-TelecomIdentity -Path $bad -ApiKey $Key -BaseUri $Uri } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Match '^WorkbookUnreadable,'
        $err.Exception.Message | Should -Not -Match '44030619851212123X|18900001234'
        ($Sandbox.RequestCount - $Before) | Should -Be 0
    }

    It 'refuses -WorksheetName for a CSV' {
        ({ Test-TelecomIdentity -Path $Csv -WorksheetName 员工 -ApiKey $Key -BaseUri $Uri } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -Match '^WorksheetWithoutWorkbook,'
    }
}
