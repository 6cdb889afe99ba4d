<#
.SYNOPSIS
    Builds, tests, demonstrates and packages TelecomVerify.
.DESCRIPTION
    One script, named tasks; CI runs the same script. On a machine with only the .NET SDK:
        dotnet tool restore
        dotnet pwsh ./build.ps1 -Task Test
.PARAMETER Task
    Build (default): assemble out/TelecomVerify, importable with Import-Module ./out/TelecomVerify.
    Test: Build, then xunit, the core under Mono (for .NET Framework; when mono is installed) and
    Pester; ends with 'Tests: N passed, N failed'.
    Demo: Build, start the sandbox, and check module/samples/staff.csv.
    Package: Build, then a .nupkg in out/packages made with Publish-PSResource.
    Bench: Build, then the benchmark of bench/Invoke-Benchmark.ps1 (never part of Test).
    Mutate: break the module on purpose, one break at a time (build/Mutate.ps1), run the whole suite
    on each in a scratch copy, and report which breaks survived. By hand; about two minutes a break;
    -Break names the breaks to try.
    Clean: remove every build output.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench', 'Mutate', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Mutate only: the names of the breaks to try (all when omitted).
    [string[]] $Break
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'TelecomVerify'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

. (Join-Path $Root 'build/PwshHelpers.ps1')

function Invoke-ChildPwsh([string] $Command) {
    $pwsh = Get-PwshCommand
    & $pwsh.Path @($pwsh.Arguments) -NoProfile -NonInteractive -Command "`$ErrorActionPreference = 'Stop'; $Command"
    if ($LASTEXITCODE -ne 0) { throw "A child pwsh failed ($LASTEXITCODE): $Command" }
}

function Get-ModuleVersion {
    [xml] $props = Get-Content -Raw (Join-Path $Root 'Directory.Build.props')
    return ($props.Project.PropertyGroup | Where-Object { $_['VersionPrefix'] } | Select-Object -First 1).VersionPrefix
}

function Build-Module {
    # Named Build-Module, not Invoke-Build: that is the InvokeBuild module's command, which many maintainers have loaded.
    $version = Get-ModuleVersion
    # dotnet publish: the cmdlets with everything they need beside them (the core, the workbook reader, the
    # satellite assemblies), and nothing PowerShell brings itself (PowerShellStandard is compile-time only).
    $bin = Join-Path $Out "publish/$Configuration"
    Invoke-Dotnet publish (Join-Path $Root 'src/TelecomVerify/TelecomVerify.csproj') -c $Configuration -o $bin -nologo --verbosity quiet

    if (Test-Path $ModuleOut) { Remove-Item -Recurse -Force $ModuleOut }
    $null = New-Item -ItemType Directory -Force $ModuleOut
    # Only the named artifacts: PowerShell brings System.Management.Automation itself. The one
    # third-party assembly, the workbook reader, goes with its bridge into Dependencies, where
    # PowerShell does not look: the core loads both in a context of the module's own.
    foreach ($file in 'TelecomVerify.dll', 'TelecomVerify.Core.dll') {
        Copy-Item (Join-Path $bin $file) $ModuleOut
    }
    $dependencies = New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'Dependencies')
    foreach ($file in 'TelecomVerify.Workbook.dll', 'ExcelDataReader.dll') {
        Copy-Item (Join-Path $bin $file) $dependencies
    }
    # The Chinese messages: satellite assemblies that .NET (and Windows PowerShell 5.1) look for in
    # a folder named for the culture beside the module's assemblies.
    foreach ($culture in Get-ChildItem -Directory $bin | Where-Object { Test-Path (Join-Path $_.FullName 'TelecomVerify*.resources.dll') }) {
        $null = New-Item -ItemType Directory -Force (Join-Path $ModuleOut $culture.Name)
        Copy-Item (Join-Path $culture.FullName 'TelecomVerify*.resources.dll') (Join-Path $ModuleOut $culture.Name)
    }
    Copy-Item (Join-Path $Root 'module/TelecomVerify.format.ps1xml'), (Join-Path $Root 'module/TelecomVerify.types.ps1xml') $ModuleOut
    Copy-Item -Recurse (Join-Path $Root 'module/samples') $ModuleOut
    # The licence, and the notice of the assembly the module ships that it did not write (MIT: it travels with it).
    Copy-Item (Join-Path $Root 'LICENSE'), (Join-Path $Root 'THIRD-PARTY-NOTICES.txt') $ModuleOut
    # The same sample as Excel on Chinese Windows saves it (GB18030/GBK; '•' has no GBK form, '．' has).
    $utf8 = Get-Content -Raw -Encoding utf8 (Join-Path $Root 'module/samples/staff.csv')
    [IO.File]::WriteAllText((Join-Path $ModuleOut 'samples/staff-gbk.csv'), $utf8.Replace([char]0x2022, [char]0xFF0E), [Text.Encoding]::GetEncoding(936))
    # And as the workbook HR sends: the rows on a worksheet 员工, a second worksheet of notes.
    . (Join-Path $Root 'build/SampleWorkbook.ps1')
    New-SampleWorkbook -Path (Join-Path $ModuleOut 'samples/staff.xlsx') -Sheets @(
        @{ Name = '员工'; Rows = @(ConvertTo-SheetRows @(Import-Csv (Join-Path $Root 'module/samples/staff.csv'))) }
        @{ Name = '说明'; Rows = @(, [string[]] @('说明'), , [string[]] @('TelecomVerify 示例：与 staff.csv 相同的九行。')) }
    )

    # Help: Markdown sources to MAML, about topics with their tables filled from the module's data.
    # In a child process, so this session never loads the module it is building.
    Invoke-ChildPwsh ". '$Root/build/HelpBuilder.ps1'; Build-ModuleHelp -HelpRoot '$Root/module/help' -ModulePath '$ModuleOut'"

    $manifest = Get-Content -Raw (Join-Path $Root 'TelecomVerify.psd1')
    $manifest = $manifest -replace "ModuleVersion(\s*)=(\s*)'[^']*'", "ModuleVersion`$1=`$2'$version'"
    Set-Content -Path (Join-Path $ModuleOut 'TelecomVerify.psd1') -Value $manifest -Encoding utf8
    Write-Host "Built TelecomVerify $version into $ModuleOut"
}

function Get-PesterModulePath {
    Invoke-Dotnet restore (Join-Path $Root 'tests/Pester/Pester.Download.csproj') -nologo --verbosity quiet
    $cache = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $cache.Trim() 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $path)) { throw "Pester 5.7.1 was not found at $path after restore." }
    return $path
}

function Invoke-XunitTests {
    $results = Join-Path $Out 'TestResults'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    # Built once, incrementally (the module's projects are up to date from Build-Module), then run without a rebuild.
    $project = Join-Path $Root 'tests/TelecomVerify.Tests/TelecomVerify.Tests.csproj'
    Invoke-Dotnet build $project -c $Configuration -nologo --verbosity quiet | Out-Host
    & dotnet test $project -c $Configuration --no-build -nologo `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=minimal' --results-directory $results `
        --blame-hang-timeout 3m | Out-Host
    $trx = Join-Path $results 'xunit.trx'
    if (-not (Test-Path $trx)) { throw 'xunit produced no results: the test project did not build or run.' }
    [xml] $doc = Get-Content -Raw $trx
    $counters = $doc.TestRun.ResultSummary.Counters
    return [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted }
}

function Invoke-CompatTests {
    # The core on net472 under Mono, standing in for Windows PowerShell 5.1's .NET Framework. Mono
    # comes from the machine (Debian's mono-devel; .ci/run installs it); without it the leg says so.
    Invoke-Dotnet build (Join-Path $Root 'tests/TelecomVerify.Compat/TelecomVerify.Compat.csproj') -c $Configuration -nologo --verbosity quiet | Out-Host
    $mono = Get-Command mono -ErrorAction SilentlyContinue
    if (-not $mono) {
        Write-Warning 'mono is not installed: the .NET Framework stand-in (tests/TelecomVerify.Compat) was built but not run. apt-get install -y mono-devel'
        return [pscustomobject]@{ Passed = 0; Failed = 0 }
    }
    $exe = Join-Path $Root "tests/TelecomVerify.Compat/bin/$Configuration/net472/TelecomVerify.Compat.exe"
    $lines = & $mono.Source $exe
    $lines | Out-Host
    $last = $lines | Select-String '^Compat: \d+ passed, \d+ failed$' | Select-Object -Last 1
    if (-not $last -or "$last" -notmatch '^Compat: (\d+) passed, (\d+) failed$') { return [pscustomobject]@{ Passed = 0; Failed = 1 } }
    return [pscustomobject]@{ Passed = [int]$Matches[1]; Failed = [int]$Matches[2] }
}

function Invoke-PesterTests {
    # The tests run as a user's session would: the build's 'Stop' preference and strict mode are not theirs.
    $ErrorActionPreference = 'Continue'
    Set-StrictMode -Off
    Import-Module (Get-PesterModulePath) -Force
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $Root 'tests/Pester'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Normal'
    $config.Output.RenderMode = 'Plaintext'
    # Pester has no time limit per test: a watchdog ends a run that hangs, so CI fails in minutes, not in a day.
    $watchdog = Start-ThreadJob -ArgumentList 600 {
        param($seconds)
        Start-Sleep -Seconds $seconds
        [Console]::Error.WriteLine("Pester ran for more than $seconds s: a test hangs. Tests: 0 passed, 1 failed")
        [Environment]::Exit(124)
    }
    try { $run = Invoke-Pester -Configuration $config }
    finally { $watchdog | Remove-Job -Force }
    return [pscustomobject]@{ Passed = $run.PassedCount; Failed = $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount }
}

function Invoke-Demo {
    Import-Module $ModuleOut -Force
    $sandbox = Start-JuheSandbox
    try {
        Set-JuheCredential -ApiKey $sandbox.ApiKey -BaseUri $sandbox.BaseUri
        $csv = Join-Path $ModuleOut 'samples/staff.csv'
        Write-Host "Import-Csv $csv | Test-TelecomIdentity -Detail   (against the sandbox at $($sandbox.BaseUri))"
        # The view is made for 120 columns; redirected output would otherwise get 80.
        $width = [Math]::Max(120, $Host.UI.RawUI.WindowSize.Width)
        Import-Csv $csv | Test-TelecomIdentity -Detail -ErrorAction Continue | Format-Table -Wrap | Out-String -Width $width | Out-Host
        Write-Host "Paid calls the sandbox received: $($sandbox.RequestCount) (for $(@(Import-Csv $csv).Count) rows)"
    }
    finally {
        Remove-JuheCredential
        $sandbox | Stop-JuheSandbox
    }
}

switch ($Task) {
    'Build' { Build-Module }
    'Demo' { Build-Module; Invoke-Demo }
    'Package' {
        Build-Module
        . (Join-Path $Root 'build/Package.ps1')
        $packages = Join-Path $Out 'packages'
        if (Test-Path $packages) { Remove-Item -Recurse -Force $packages }
        $nupkg = Publish-ModulePackage -ModulePath $ModuleOut -RepositoryPath $packages -ScratchHome (Join-Path $Out 'package-home')
        Remove-Item -Recurse -Force (Join-Path $Out 'package-home')
        Write-Host "Package written: $nupkg"
    }
    'Bench' {
        Build-Module
        & (Join-Path $Root 'bench/Invoke-Benchmark.ps1') -ModulePath $ModuleOut -ReportPath (Join-Path $Out 'bench.md')
    }
    'Test' {
        Build-Module
        $xunit = Invoke-XunitTests
        $compat = Invoke-CompatTests
        $pester = Invoke-PesterTests
        Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Mono (for .NET Framework): $($compat.Passed) passed, $($compat.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
        $passed = $xunit.Passed + $compat.Passed + $pester.Passed
        $failed = $xunit.Failed + $compat.Failed + $pester.Failed
        Write-Host "Tests: $passed passed, $failed failed"
        if ($failed -gt 0) { exit 1 }
    }
    'Mutate' {
        . (Join-Path $Root 'build/Mutate.ps1')
        $report = @(Invoke-Mutation -Root $Root -Scratch (Join-Path $Out 'mutate') -Only $Break)
        if ($report.Count -eq 0) { throw "No break is named $($Break -join ', ') in build/Mutate.ps1." }
        $report | Format-Table -AutoSize | Out-String -Width 200 | Out-Host
        $survived = @($report | Where-Object { -not $_.Caught })
        Write-Host "Breaks caught: $($report.Count - $survived.Count) of $($report.Count)"
        if ($survived) { exit 1 }
    }
    'Clean' {
        foreach ($dir in @($Out) + @(Get-ChildItem -Path (Join-Path $Root 'src'), (Join-Path $Root 'tests') -Recurse -Directory -Include bin, obj | ForEach-Object FullName)) {
            if (Test-Path $dir) { Remove-Item -Recurse -Force $dir }
        }
    }
}
