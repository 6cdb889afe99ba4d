#Requires -Version 7.0
# The module as users get it: published with Publish-PSResource, installed with Install-PSResource
# into a clean scope, imported by name, and used against the sandbox.

BeforeAll {
    . (Join-Path $PSScriptRoot '../../build/Package.ps1')
    $ModulePath = (Resolve-Path (Join-Path $PSScriptRoot '../../out/TelecomVerify')).Path
    $Scratch = Join-Path ([IO.Path]::GetTempPath()) ("tv-package-" + [guid]::NewGuid().ToString('N'))
}

AfterAll {
    Remove-Item -Recurse -Force $Scratch -ErrorAction SilentlyContinue
}

Describe 'The package' {
    It 'is published, installed into a clean user scope, imported by name, and checks an identity' {
        $repository = Join-Path $Scratch 'repository'
        $nupkg = Publish-ModulePackage -ModulePath $ModulePath -RepositoryPath $repository -ScratchHome (Join-Path $Scratch 'publisher')
        $nupkg | Should -Exist
        $version = (Import-PowerShellDataFile (Join-Path $ModulePath 'TelecomVerify.psd1')).ModuleVersion
        Split-Path -Leaf $nupkg | Should -Be "telecomverify.$version.nupkg"

        $userHome = Join-Path $Scratch 'user'
        $output = Invoke-PwshInHome -HomePath $userHome -Command (
            "Register-PSResourceRepository -Name Local -Uri '$repository' -Trusted; " +
            "Install-PSResource TelecomVerify -Repository Local -Scope CurrentUser -TrustRepository; " +
            "Import-Module TelecomVerify; " +
            "`$sb = Start-JuheSandbox; " +
            "'base=' + (Get-Module TelecomVerify).ModuleBase; " +
            "'status=' + (Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey `$sb.ApiKey -BaseUri `$sb.BaseUri).Status; " +
            "'help=' + (Get-Help Test-TelecomIdentity).Synopsis")
        $text = $output | Out-String
        $text | Should -Match 'status=Match'
        $text | Should -Match ('base=' + [regex]::Escape($userHome))
        $text | Should -Match 'help=Checks whether a name'
    }

    It 'has about topics Windows PowerShell 5.1 reads as written: ASCII, or UTF-8 with its BOM' {
        # 5.1 reads a help .txt without a BOM in the ANSI code page: UTF-8 Chinese would show as mojibake.
        foreach ($topic in Get-ChildItem $ModulePath -Recurse -Filter 'about_*.help.txt') {
            $bytes = [IO.File]::ReadAllBytes($topic.FullName)
            $bom = $bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF
            ($bom -or -not ($bytes | Where-Object { $_ -ge 0x80 })) | Should -BeTrue -Because "$($topic.FullName) must carry a BOM"
        }
        @(Get-ChildItem $ModulePath -Recurse -Filter 'about_*.help.txt').Count | Should -Be 2
    }

    It 'carries its licence and the notice of the assembly it ships' {
        Join-Path $ModulePath 'LICENSE' | Should -FileContentMatch 'MIT License'
        Join-Path $ModulePath 'THIRD-PARTY-NOTICES.txt' | Should -FileContentMatch 'ExcelDataReader'
        # Every assembly in the module is the module's own, or has its notice there.
        Get-ChildItem $ModulePath -Filter *.dll | Where-Object Name -notlike 'TelecomVerify*' |
            ForEach-Object { Join-Path $ModulePath 'THIRD-PARTY-NOTICES.txt' | Should -FileContentMatch ([regex]::Escape($_.Name)) }
    }
}
