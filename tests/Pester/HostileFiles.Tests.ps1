#Requires -Version 7.0
# The third attack round, each hostile input made here: a sheet name that would run code through Tab
# completion, file names and headers carrying terminal controls, other people's IDs and mobiles in kept
# columns, a FIFO given to -Path, a key and a provider address from different sources.
# Every request goes to the module's own sandbox on 127.0.0.1; counts are the sandbox's.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSession.ps1')
    . (Join-Path $PSScriptRoot '../../build/SampleWorkbook.ps1')
    $Common = @{ ApiKey = $Key; BaseUri = $Uri; InformationAction = 'SilentlyContinue' }
    $Person = @('李雷', '44030619851212123X', '18900001234')
    $Controls = "[`e`a`u{202E}`u{009B}]"
    # Files with hostile names live apart from TestDrive, whose clean-up reads '[' as a wildcard.
    $Hostile = [IO.Directory]::CreateDirectory((Join-Path ([IO.Path]::GetTempPath()) ("tv-hostile-" + [guid]::NewGuid().ToString('N')))).FullName
}

AfterAll {
    [IO.Directory]::Delete($Hostile, $true)
    Exit-TestSession
}

Describe 'Tab completion of -WorksheetName' {
    It 'quotes a sheet named with typographic quotes so that the completed line runs no code' {
        Push-Location $TestDrive
        try {
            $sheet = 'a' + [char]0x2019 + '+$(Set-Content -Path PWNED -Value x)+' + [char]0x2019 + 'b'
            New-SampleWorkbook -Path (Join-Path $TestDrive 'hostile.xlsx') -Sheets @(@{ Name = $sheet; Rows = @(, @('姓名', '身份证号', '手机号')) + @(, $Person) })
            $line = 'Test-TelecomIdentity -Path hostile.xlsx -ApiKey $Key -BaseUri $Uri -WorksheetName '
            $completed = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
            $completed.Count | Should -Be 1
            $result = Invoke-Expression ($line + $completed[0].CompletionText) 6>$null
            Test-Path (Join-Path $TestDrive 'PWNED') | Should -BeFalse -Because 'the completion must be one literal string'
            $result.Status | Should -Be 'Match' -Because 'the completed name is the sheet''s own'
        }
        finally { Pop-Location }
    }

    It 'shows no control or bidirectional character of a sheet name in the completion or its tooltip' {
        $book = Join-Path $TestDrive 'controls.xlsx'
        # XML holds no ESC or BEL, so a workbook cannot name a sheet with them; it can with these.
        New-SampleWorkbook -Path $book -Sheets @(@{ Name = "x`u{202E}y`u{009B}z`u{200B}"; Rows = @(, @('姓名')) })
        $line = "Test-TelecomIdentity -Path '$book' -WorksheetName "
        $completed = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $completed.Count | Should -Be 1
        $completed[0].CompletionText | Should -Not -Match $Controls
        $completed[0].ToolTip | Should -Not -Match $Controls
        $completed[0].ListItemText | Should -Not -Match $Controls
    }
}

Describe 'Names that come from a file' {
    It 'keeps ESC, BEL, U+202E and U+009B of a file name out of MissingColumn, File and the error''s target' {
        $name = "miss`e]0;PWNED`a`u{202E}`u{009B}.csv"
        $bad = Join-Path $Hostile $name
        [IO.File]::WriteAllLines($bad, @('工号,部门', '1,财务'))
        $err = { Test-TelecomIdentity -LiteralPath $bad @Common } | Should -Throw -ErrorId 'MissingColumn,*' -PassThru
        $err.Exception.Message | Should -Not -Match $Controls
        ($err | Out-String) | Should -Not -Match $Controls
        $good = Join-Path $Hostile ("ok`e[31m`u{202E}.csv")
        [IO.File]::WriteAllLines($good, @('姓名,身份证号,手机号', ($Person -join ',')))
        $r = Test-TelecomIdentity -LiteralPath $good @Common
        $r.File | Should -Not -Match $Controls
        ($r | Export-Csv -Path (Join-Path $TestDrive 'out.csv') -Encoding utf8BOM)
        (Get-Content -Raw (Join-Path $TestDrive 'out.csv')) | Should -Not -Match $Controls
    }

    It 'cleans a header in messages and makes a formula header harmless as a kept column''s name' {
        $path = Join-Path $TestDrive 'formula.csv'
        [IO.File]::WriteAllLines($path, @('姓名,身份证号,手机号,=HYPERLINK("http://x"),备注', (($Person + @('a', 'b')) -join ',')))
        $out = Join-Path $TestDrive 'formula-out.csv'
        Test-TelecomIdentity -Path $path -KeepColumn * @Common | Export-Csv $out -Encoding utf8BOM
        (Get-Content $out -TotalCount 1) | Should -Not -Match '(^|,)"?[=+@-]'
    }
}

Describe 'Masking by what a value is' {
    It 'masks other people''s IDs and mobiles in kept columns and headers, whatever the column' {
        $path = Join-Path $TestDrive 'family.csv'
        [IO.File]::WriteAllLines($path, @(
            '姓名,身份证号,手机号,紧急联系人手机,配偶身份证,身份证号码 110101199003071233,备注'
            (($Person + @('133 5566 7788', '320582198511229871', 'x', '电话13355667788')) -join ',')))
        $out = Join-Path $TestDrive 'family-out.csv'
        $r = Test-TelecomIdentity -Path $path -KeepColumn * -ShowIdentity @Common -WarningVariable warned 3>$null
        $r | Export-Csv $out -Encoding utf8BOM
        $text = (Get-Content -Raw $out) + ($r | Format-List * | Out-String) + "$warned"
        foreach ($raw in '13355667788', '133 5566 7788', '320582198511229871', '110101199003071233') { $text | Should -Not -Match ([regex]::Escape($raw)) }
        $r.IdCard | Should -Be $Person[1] -Because '-ShowIdentity still shows the row''s own values'
    }

    It 'shows only digits of an ID field that holds a name and a number' {
        $r = [pscustomobject]@{ 姓名 = '欧阳娜娜'; 身份证号 = "欧阳娜娜`t110101199003071233"; 手机号 = '18900001234' } | Test-TelecomIdentity @Common
        $r.Status | Should -Be 'InvalidInput'
        $r.IdCard | Should -Not -Match '[\u4e00-\u9fff]'
        $r.IdCard | Should -Match '^[0-9X*]+$'
    }
}

Describe 'Files that are not files' -Tag 'Unix' {
    It 'refuses a FIFO before opening it, so nothing hangs and nothing is sent' {
        $fifo = Join-Path $TestDrive 'roster.csv'
        & mkfifo $fifo
        $before = $Sandbox.RequestCount
        $err = { Test-TelecomIdentity -Path $fifo @Common } | Should -Throw -ErrorId 'NotARegularFile,*' -PassThru
        $err.Exception.Message | Should -BeLike '*NamedPipe*'
        ($Sandbox.RequestCount - $before) | Should -Be 0
    }
    It 'hears Ctrl+C while a million-row workbook is opened, long before it is read through' {
        # Opening a sheet reads it whole (the reader finds its size and merged cells): 3 s for a million rows
        # here, and a stop was not heard until it ended. The rows are the same person's, without row numbers.
        $book = Join-Path $TestDrive 'million.xlsx'
        New-SampleWorkbook -Path $book -Sheets @(@{ Name = 'S'; Rows = @(@('姓名', '身份证号', '手机号'), $Person) })
        $zip = [IO.Compression.ZipFile]::Open($book, 'Update')
        try {
            $zip.GetEntry('xl/worksheets/sheet1.xml').Delete()
            $writer = [IO.StreamWriter]::new($zip.CreateEntry('xl/worksheets/sheet1.xml').Open())
            $ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
            $writer.Write("<worksheet xmlns=`"$ns`"><sheetData><row><c t=`"s`"><v>0</v></c><c t=`"s`"><v>1</v></c><c t=`"s`"><v>2</v></c></row>")
            $thousand = '<row><c t="s"><v>3</v></c><c t="s"><v>4</v></c><c t="s"><v>5</v></c></row>' * 1000
            for ($i = 0; $i -lt 1000; $i++) { $writer.Write($thousand) }
            $writer.Write('</sheetData></worksheet>')
            $writer.Dispose()
        }
        finally { $zip.Dispose() }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModulePath'; Test-TelecomIdentity -Path '$book' -WhatIf -ApiKey '$Key' -BaseUri '$Uri' -InformationAction SilentlyContinue 3>`$null")
            $handle = $ps.BeginInvoke()
            Start-Sleep -Seconds 1
            $ps.InvocationStateInfo.State | Should -Be 'Running' -Because 'the workbook is still being opened a second in'
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            # Not a speed figure: a stop that waits for the reader to finish takes seconds, one heard takes milliseconds.
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 1 -Because 'Ctrl+C is heard between two reads of the file'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'A key and a provider address from different sources' {
    It 'warns when a saved key is sent to the address JUHE_BASE_URI names' {
        Set-JuheCredential -ApiKey $Key -Scope CurrentUser
        $saved = $env:JUHE_BASE_URI
        try {
            $env:JUHE_BASE_URI = $Uri.AbsoluteUri
            $r = [pscustomobject]@{ 姓名 = $Person[0]; 身份证号 = $Person[1]; 手机号 = $Person[2] } | Test-TelecomIdentity -InformationAction SilentlyContinue -WarningVariable warned 3>$null
            $r.Status | Should -Be 'Match'
            "$warned" | Should -BeLike "*key comes from the saved file and the provider address from the environment*$($Uri.Authority)*"
        }
        finally {
            $env:JUHE_BASE_URI = $saved
            Remove-JuheCredential -Scope CurrentUser
        }
    }
}
