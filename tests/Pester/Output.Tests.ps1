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

    # The rendered table's line for a row number.
    function Get-TableLine([int] $Width, [int] $Row) {
        $lines = ($Results | Format-Table | Out-String -Width $Width) -split "`r?`n"
        $lines | Where-Object { $_ -match "^\s*$Row\s" } | Select-Object -First 1
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
        $table = $Results | Format-Table | Out-String -Width $Width
        foreach ($line in $table -split "`r?`n") {
            # East Asian characters take two cells.
            $cells = ($line.ToCharArray() | ForEach-Object { if ([int]$_ -ge 0x2E80) { 2 } else { 1 } } | Measure-Object -Sum).Sum
            $cells | Should -BeLessOrEqual $Width
        }
        Get-TableLine $Width 2 | Should -Match ([regex]::Escape($Mismatch))
        Get-TableLine $Width 6 | Should -Match '227303'                          # which code
        Get-TableLine $Width 7 | Should -Match ([regex]::Escape($Local))         # which field, what is wrong
        Get-TableLine $Width 8 | Should -Match 'Same as row 1'                   # which earlier row
        Get-TableLine $Width 10 | Should -Match 'HTTP 500'
    }

    It 'leaves the whole message to Format-List' {
        $list = $Results[6] | Format-List | Out-String -Width 200
        ($list -replace '\s+', ' ') | Should -Match ([regex]::Escape('Row 7: IdCard: fails the check-character test (GB 11643): a digit is probably mistyped. Not sent.'))
        $Results[6].Message | Should -Be 'Row 7: IdCard: fails the check-character test (GB 11643): a digit is probably mistyped. Not sent.'
    }
}
