<#
.SYNOPSIS
    Publishing and installing the module with PSResourceGet, in a scratch home. Dot-sourced by
    build.ps1 and by the package test.
.DESCRIPTION
    Register-PSResourceRepository and Install-PSResource -Scope CurrentUser write into the home
    folder (repository list, module folder). Each step here runs in a child pwsh whose HOME and
    XDG folders point into a scratch folder, so neither the build nor the tests touch the user's.
#>

. (Join-Path $PSScriptRoot 'PwshHelpers.ps1')

function Invoke-PwshInHome {
    param([Parameter(Mandatory)][string] $HomePath, [Parameter(Mandatory)][string] $Command)
    $pwsh = Get-PwshCommand
    $null = New-Item -ItemType Directory -Force $HomePath
    $saved = @{}
    $vars = @{ HOME = $HomePath; XDG_CONFIG_HOME = (Join-Path $HomePath '.config'); XDG_DATA_HOME = (Join-Path $HomePath '.local/share'); XDG_CACHE_HOME = (Join-Path $HomePath '.cache'); PSModulePath = $null }
    # .NET answers '' for a special folder that does not exist yet, and PSResourceGet then writes
    # relative to the working directory: create them first.
    foreach ($dir in $vars.Values | Where-Object { $_ }) { $null = New-Item -ItemType Directory -Force $dir }
    foreach ($name in $vars.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $vars[$name]) }
    try {
        $output = & $pwsh.Path @($pwsh.Arguments) -NoProfile -NonInteractive -Command "`$ErrorActionPreference = 'Stop'; $Command" 2>&1
        if ($LASTEXITCODE -ne 0) { throw "pwsh in $HomePath failed ($LASTEXITCODE): $($output | Out-String)" }
        return $output
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

function Publish-ModulePackage {
    <# Writes TelecomVerify.<version>.nupkg into RepositoryPath with Publish-PSResource; returns its path. #>
    param([Parameter(Mandatory)][string] $ModulePath, [Parameter(Mandatory)][string] $RepositoryPath, [Parameter(Mandatory)][string] $ScratchHome)
    $null = New-Item -ItemType Directory -Force $RepositoryPath
    $null = Invoke-PwshInHome -HomePath $ScratchHome -Command (
        "Register-PSResourceRepository -Name TelecomVerifyLocal -Uri '$RepositoryPath' -Trusted; " +
        "Publish-PSResource -Path '$ModulePath' -Repository TelecomVerifyLocal")
    Get-ChildItem $RepositoryPath -Filter 'telecomverify.*.nupkg' | Sort-Object LastWriteTime | Select-Object -Last 1 -ExpandProperty FullName
}
