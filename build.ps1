#Requires -Version 7.2

<#
.SYNOPSIS
    Builds, tests and demonstrates the S3M module.

.DESCRIPTION
    Build  dotnet build S3M.sln once (version from S3M.psd1), compile docs/en-US into help with
           tools/S3M.HelpGen, then assemble out/S3M/<version>/ from an explicit list of files
           (fails naming any that is missing), with this version's CHANGELOG.md section as the
           manifest's release notes, and publish the emulator to out/S3M.Emulator/.
    Package Build, then Publish-PSResource the module into a local folder repository, out/repo:
           the .nupkg the Gallery would receive.
    Test   Build and Package, run the xunit projects, then Pester (restored from NuGet) in a fresh
           pwsh that imports the built module (tests/Pester/Invoke-PesterRun.ps1), against one
           emulator for the run. Ends with one line: "N passed, N failed[, N skipped]".
    Demo   Build, start the emulator, run examples/Demo.ps1 against it, stop the emulator.
    Bench  Build, then run tests/Bench/Invoke-S3mBench.ps1 in a fresh pwsh: it starts its own
           emulator and prints medians and ratios against Invoke-RestMethod and a raw HttpClient
           (docs/performance.md). It prints and never fails on a slow figure.
    Clean  Remove out/ and every bin/ and obj/ folder under src/, tests/ and tools/.

    Run it with the repository's pinned PowerShell: dotnet tool restore; dotnet pwsh ./build.ps1
    This script only chooses; each task's work is in tools/Build/<Task>.ps1 (Build: Module.ps1).

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -SkipXunit -PesterPath tests/Pester/Harness.Tests.ps1

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -SkipPester -XunitFilter 'FullyQualifiedName~Retry'
#>
[CmdletBinding(PositionalBinding = $false)]
param(
    # What to do. Build is the default.
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Clean', 'Bench', 'Package')]
    [string]$Task = 'Build',

    # The dotnet build configuration.
    [string]$Configuration = 'Release',

    # Test: Pester files or folders to run instead of tests/Pester.
    [string[]]$PesterPath,

    # Test: run only Pester tests carrying one of these tags.
    [string[]]$Tag,

    # Test: skip Pester tests carrying one of these tags.
    [string[]]$ExcludeTag,

    # Test: run only Pester tests whose full name ("Describe Context It") matches one of these wildcards.
    [string[]]$TestName,

    # Test: a dotnet test --filter expression for the xunit projects.
    [string]$XunitFilter,

    # Test: do not run the xunit projects.
    [switch]$SkipXunit,

    # Test: do not run Pester.
    [switch]$SkipPester
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'tools/Build/S3M.Build.psm1') -Force

$exitCode = 1
Push-Location -LiteralPath $PSScriptRoot   # dotnet pwsh finds the pinned tool from the repository root
try {
    Initialize-S3mBuild -Configuration $Configuration
    $results = switch ($Task) {
        'Build' { $null = Invoke-BuildTask; 0 }
        'Test' {
            Invoke-TestTask -PesterPath $PesterPath -Tag $Tag -ExcludeTag $ExcludeTag -TestName $TestName `
                -XunitFilter $XunitFilter -SkipXunit:$SkipXunit -SkipPester:$SkipPester
        }
        'Demo' { Invoke-DemoTask }
        'Clean' { Invoke-CleanTask }
        'Bench' { Invoke-BenchTask }
        'Package' { Invoke-PackageTask }
    }
    $exitCode = [int]@($results)[-1]
}
catch {
    Write-Host "build.ps1 -Task $Task failed: $($_.Exception.Message)" -ForegroundColor Red
    if ($_.FullyQualifiedErrorId -ne $_.Exception.Message -and $_.InvocationInfo) {
        # Not one of the build's own messages: say where it came from.
        Write-Host $_.InvocationInfo.PositionMessage -ForegroundColor DarkGray
    }
    $exitCode = 1
}
finally {
    Pop-Location
}
exit $exitCode
