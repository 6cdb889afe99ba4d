<#
.SYNOPSIS
    Two facts every script of the repository needs, kept once. Dot-sourced by build.ps1, the other
    build scripts, the benchmark and the Pester tests.
#>

function Get-PwshCommand {
    <# The pwsh running this script, to start again: Path plus the Arguments that go before any of
       one's own ('dotnet pwsh.dll' under the repository's dotnet tool, else pwsh itself). #>
    $exe = [Environment]::ProcessPath
    [string[]] $arguments = @()
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $arguments = @(Join-Path $PSHOME 'pwsh.dll') }
    [pscustomobject]@{ Path = $exe; Arguments = $arguments }
}

function Get-CommonParameterName {
    <# The parameters PowerShell adds to every advanced command (-Verbose, -WhatIf …): not the help's to describe. #>
    [System.Management.Automation.Internal.CommonParameters].GetProperties().Name +
        [System.Management.Automation.Internal.ShouldProcessParameters].GetProperties().Name
}
