#Requires -Version 7.2
<#
    The work behind build.ps1. build.ps1 keeps the parameters, the help and the choice of task;
    each task lives here in a file of its name, and what several tasks share in Common.ps1:

      Common.ps1    paths, the configuration, running programs, the environment of child PowerShells
      Module.ps1    -Task Build: compile, help, out/S3M/<version>/, release notes, the emulator
      Package.ps1   -Task Package: Publish-PSResource into out/repo
      Test.ps1      -Task Test: xunit, then Pester (tests/Pester/Invoke-PesterRun.ps1) in a fresh pwsh
      Demo.ps1      -Task Demo: examples/Demo.ps1 against an emulator
      Bench.ps1     -Task Bench: tests/Bench/Invoke-S3mBench.ps1 in a fresh pwsh
      Clean.ps1     -Task Clean: out/, bin/ and obj/

    Every Invoke-*Task returns the exit code build.ps1 ends with (Invoke-BuildTask: what it built).
#>

# A module has its own preferences: build.ps1's do not reach the functions here.
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false   # every native call checks its exit code itself
$ProgressPreference = 'SilentlyContinue'

foreach ($file in 'Common', 'Module', 'Package', 'Test', 'Demo', 'Bench', 'Clean') {
    . (Join-Path $PSScriptRoot "$file.ps1")
}

Export-ModuleMember -Function Initialize-S3mBuild, Invoke-BuildTask, Invoke-PackageTask, Invoke-TestTask,
    Invoke-DemoTask, Invoke-BenchTask, Invoke-CleanTask
