@{
    RootModule           = 'TelecomVerify.dll'
    # build.ps1 stamps the version from Directory.Build.props into the built copy.
    ModuleVersion        = '0.0.0'
    GUID                 = '5b0c2f7e-3a41-4d8e-9c6a-2f1e7d4b8a90'
    Author               = 'TelecomVerify contributors'
    CompanyName          = 'TelecomVerify'
    Copyright            = '(c) TelecomVerify contributors. MIT License.'
    Description          = 'Verifies that a name, a mainland ID number and a China Telecom mobile number belong together, through the Juhe telecom three-element API: pipeline-friendly, masked by default, never pays twice for the same row, with a local sandbox.'
    PowerShellVersion    = '5.1'
    # Windows PowerShell refuses the import on an older .NET Framework, naming the version: the
    # assemblies are netstandard2.0, which .NET Framework runs from 4.7.2 without extra facades.
    DotNetFrameworkVersion = '4.7.2'
    CompatiblePSEditions = @('Desktop', 'Core')
    RequiredAssemblies   = @('TelecomVerify.Core.dll')
    FormatsToProcess     = @('TelecomVerify.format.ps1xml')
    TypesToProcess       = @('TelecomVerify.types.ps1xml')
    CmdletsToExport      = @(
        'Test-TelecomIdentity'
        'Get-JuheJournal'
        'Optimize-JuheJournal'
        'Protect-JuheParameter'
        'Unprotect-JuheParameter'
        'Set-JuheCredential'
        'Get-JuheCredential'
        'Remove-JuheCredential'
        'Get-JuheErrorCode'
        'Start-JuheSandbox'
        'Stop-JuheSandbox'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Juhe', 'Telecom', 'ChinaTelecom', 'RealName', 'KYC', 'Identity', 'Verification', 'PSEdition_Core', 'PSEdition_Desktop')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'See README.md.'
        }
    }
}
