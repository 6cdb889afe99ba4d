#Requires -Version 7.0
# CSV files in the encodings HR sends them, read by Import-Csv or by -Path.
# Pester 5, against the built module (out/TelecomVerify); every request goes to the module's own sandbox on 127.0.0.1.

BeforeAll { . (Join-Path $PSScriptRoot 'TestSession.ps1') }

AfterAll { Exit-TestSession }

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
        $book = Join-Path $TestDrive 'staff.xlsx'
        Set-Content $book 'x'
        { Test-TelecomIdentity -LiteralPath $book -ApiKey $Key -BaseUri $Uri } | Should -Throw -ErrorId 'WorkbookUnreadable,*'
        { Import-Csv $Sample | Test-TelecomIdentity -Path $Sample -ApiKey $Key -BaseUri $Uri } | Should -Throw -ErrorId 'PathAndPipeline,*'
        $Sandbox.RequestCount | Should -Be 0
    }
}
