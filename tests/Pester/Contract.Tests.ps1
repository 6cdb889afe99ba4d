#Requires -Version 7.0
# Promises of the contract that an outsider's mutants broke with no test failing: each asserted for itself,
# through the cmdlet as a user calls it.

BeforeAll {
    $ModulePath = Join-Path $PSScriptRoot '../../out/TelecomVerify'
    Import-Module $ModulePath -Force
    $Sandbox = Start-JuheSandbox
}

AfterAll { $Sandbox | Stop-JuheSandbox }

Describe 'Format-List of a result' {
    It 'shows every property the result serializes, and a file row''s File, FileRow and kept columns' {
        $csv = Join-Path ([IO.Path]::GetTempPath()) ("tv-list-{0}.csv" -f [guid]::NewGuid())
        try {
            [pscustomobject]@{ 工号 = 'E001'; 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18999000501' } | Export-Csv $csv -Encoding utf8
            $result = Test-TelecomIdentity -Path $csv -KeepColumn 工号 -MaxRetries 0 -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri `
                -ErrorAction SilentlyContinue -InformationAction SilentlyContinue
        }
        finally { Remove-Item $csv -ErrorAction SilentlyContinue }
        $result.ErrorId | Should -Be 'HttpStatus500'
        $list = $result | Format-List | Out-String -Width 300
        $names = ($result | ConvertTo-Json | ConvertFrom-Json).PSObject.Properties.Name
        $names | Should -Contain 'FileRow'
        foreach ($name in $names) { $list | Should -Match "(?m)^$([regex]::Escape($name))\s*:" -Because "Format-List shows $name" }
    }
}

Describe 'Header names and kept columns' {
    It 'binds 证件号码 (and every ID alias) to IdCard' -ForEach @(
        @{ Header = '证件号码' }, @{ Header = '身份证号码' }, @{ Header = '公民身份号码' }, @{ Header = 'IdNumber' }
    ) {
        $row = [pscustomobject]@{ 姓名 = '李雷'; $Header = '44030619851212123X'; 手机号 = '18900001234' }
        $result = $row | Test-TelecomIdentity -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -InformationAction SilentlyContinue -WarningVariable warned 3>$null
        $result.Status | Should -Be 'Match'
        # A name the module knows is bound as it is, with no "taken by its word" warning for a guessed column.
        $warned | Should -BeNullOrEmpty
    }

    It 'masks a kept column that a script block maps to Mobile, whatever its shape' {
        $row = [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 联系方式 = '+86 189-0000-1234' }
        $result = $row | Test-TelecomIdentity -Mobile { $_.联系方式 } -KeepColumn 联系方式 -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -InformationAction SilentlyContinue
        $result.Status | Should -Be 'Match'
        $result.联系方式 | Should -Not -Match '\d{4}\D?\d{4}$' -Because 'the mobile kept beside the verdict is masked'
        $result.联系方式 | Should -Match '\*'
        ($result | ConvertTo-Csv) -join "`n" | Should -Not -Match '0000.?1234'
    }

    It 'masks a kept column mapped to a field even when its value has no identity''s shape (a typo, a wrong check character)' {
        # Ten digits and a failed check character: the shape rule sees neither as a mobile or an ID; only the
        # column's being the row's own field says it is one. The row is refused locally and still shows the column.
        $row = [pscustomobject]@{ 姓名 = '李雷'; 证件 = '440306198512121234'; 联系方式 = '1890000123' }
        $result = $row | Test-TelecomIdentity -IdCard { $_.证件 } -Mobile { $_.联系方式 } -KeepColumn 证件, 联系方式 -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -InformationAction SilentlyContinue 2>$null
        $result.Status | Should -Be 'InvalidInput'
        $result.联系方式 | Should -Not -Be '1890000123'
        $result.联系方式 | Should -Match '\*'
        $result.证件 | Should -Not -Match '19851212'
        ($result | ConvertTo-Csv) -join "`n" | Should -Not -Match '1890000123|198512121234'
    }

    It 'masks a kept column shaped like a mobile or an ID that is not the row''s own (an emergency contact)' {
        $row = [pscustomobject]@{ 姓名 = '李雷'; 身份证号 = '44030619851212123X'; 手机号 = '18900001234'; 紧急联系人电话 = '133 0000 1235'; 配偶证件 = '110105199003074325' }
        $result = $row | Test-TelecomIdentity -KeepColumn 紧急联系人电话, 配偶证件 -ApiKey $Sandbox.ApiKey -BaseUri $Sandbox.BaseUri -InformationAction SilentlyContinue
        $result.紧急联系人电话 | Should -Be '133****1235'
        $result.配偶证件 | Should -Not -Match '19900307'
    }
}

Describe 'Remove-Module' {
    # Last in the file: it stops this session's sandboxes, the one the tests above use among them.
    It 'stops the sandboxes the session started: nothing answers after it' {
        $own = Start-JuheSandbox
        $uri = $own.BaseUri
        (Invoke-WebRequest -Uri $uri -SkipHttpErrorCheck -TimeoutSec 5).StatusCode | Should -BeGreaterThan 0
        Remove-Module TelecomVerify
        try { { Invoke-WebRequest -Uri $uri -TimeoutSec 5 } | Should -Throw }
        finally { Import-Module $ModulePath -Force }
    }
}
