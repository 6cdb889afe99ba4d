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
            "'help=' + (Get-Help Test-TelecomIdentity).Synopsis; " +
            "'sheet=' + @(Test-TelecomIdentity -Path (Join-Path (Get-Module TelecomVerify).ModuleBase samples/staff.xlsx) -ApiKey `$sb.ApiKey -BaseUri `$sb.BaseUri).Count")
        $text = $output | Out-String
        $text | Should -Match 'status=Match'
        $text | Should -Match ('base=' + [regex]::Escape($userHome))
        $text | Should -Match 'help=Checks whether a name'
        # The workbook reader travels in the package's Dependencies folder.
        $text | Should -Match 'sheet=9'
    }

    It 'reads a workbook beside another module''s ExcelDataReader, loaded before it or after it' {
        # Another module's copy of the library, of another version, under the same assembly name.
        $make = Join-Path $Scratch 'make-library.ps1'
        $null = New-Item -ItemType Directory -Force $Scratch
        Set-Content $make -Value @'
param($Out, $Version)
Add-Type -AssemblyName Microsoft.CodeAnalysis.CSharp
$source = "[assembly: System.Reflection.AssemblyVersion(""$Version"")] namespace ExcelDataReader { public static class OtherModule { public static int Answer = 2; } }"
$runtime = [IO.Path]::GetDirectoryName([object].Assembly.Location)
$references = [Microsoft.CodeAnalysis.MetadataReference[]]@(
    [Microsoft.CodeAnalysis.MetadataReference]::CreateFromFile([object].Assembly.Location)
    [Microsoft.CodeAnalysis.MetadataReference]::CreateFromFile((Join-Path $runtime 'System.Runtime.dll')))
$compilation = [Microsoft.CodeAnalysis.CSharp.CSharpCompilation]::Create('ExcelDataReader',
    [Microsoft.CodeAnalysis.SyntaxTree[]]@([Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree]::ParseText($source)), $references,
    [Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions]::new([Microsoft.CodeAnalysis.OutputKind]::DynamicallyLinkedLibrary))
$file = [IO.File]::Create($Out)
try { $result = $compilation.Emit($file, $null, $null, $null, $null, $null, [Threading.CancellationToken]::None) } finally { $file.Dispose() }
if (-not $result.Success) { throw ($result.Diagnostics -join "`n") }
'@
        $older = Join-Path $Scratch 'older/ExcelDataReader.dll'; $newer = Join-Path $Scratch 'newer/ExcelDataReader.dll'
        $null = New-Item -ItemType Directory -Force (Split-Path $older), (Split-Path $newer)
        $Pwsh = Get-PwshCommand
        & $Pwsh.Path @($Pwsh.Arguments) -NoProfile -NonInteractive -File $make -Out $older -Version 2.1.0.0
        & $Pwsh.Path @($Pwsh.Arguments) -NoProfile -NonInteractive -File $make -Out $newer -Version 9.0.0.0
        $book = Join-Path $ModulePath 'samples/staff.xlsx'
        $manifest = Join-Path $ModulePath 'TelecomVerify.psd1'
        $rows = "@(Test-TelecomIdentity -Path '$book' -ApiKey `$sb.ApiKey -BaseUri `$sb.BaseUri).Count"
        # The other module first: PowerShell's shared context then holds ExcelDataReader 2.1, which the
        # module's 3.6 would clash with there. And the module first: the other module's 9.0 still loads.
        $first = & $Pwsh.Path @($Pwsh.Arguments) -NoProfile -NonInteractive -Command (
            "Add-Type -Path '$older'; Import-Module '$manifest'; `$sb = Start-JuheSandbox; 'rows=' + $rows; 'other=' + [ExcelDataReader.OtherModule]::Answer") 2>&1 | Out-String
        $first | Should -Match 'rows=9' -Because $first
        $first | Should -Not -Match 'manifest definition'
        $first | Should -Match 'other=2'
        $second = & $Pwsh.Path @($Pwsh.Arguments) -NoProfile -NonInteractive -Command (
            "Import-Module '$manifest'; `$sb = Start-JuheSandbox; `$before = $rows; Add-Type -Path '$newer'; 'rows=' + `$before + ',' + $rows; 'other=' + [ExcelDataReader.OtherModule]::Answer") 2>&1 | Out-String
        $second | Should -Match 'rows=9,9' -Because $second
        $second | Should -Match 'other=2'
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
        Get-ChildItem $ModulePath -Recurse -Filter *.dll | Where-Object Name -notlike 'TelecomVerify*' |
            ForEach-Object { Join-Path $ModulePath 'THIRD-PARTY-NOTICES.txt' | Should -FileContentMatch ([regex]::Escape($_.Name)) }
    }
}
