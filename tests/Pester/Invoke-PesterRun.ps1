#Requires -Version 7.2

<#
.SYNOPSIS
    One Pester run over tests/Pester, in the fresh pwsh that build.ps1 -Task Test starts: one
    emulator for the whole run, then Invoke-Pester, then the counts.

.DESCRIPTION
    It starts the emulator (tests/Pester/TestSupport.psm1) and publishes it to the run, so each test
    file borrows it through Initialize-S3mTestFile, which resets it, instead of starting its own.
    It reads its settings from a JSON file and writes its counts to another, so that build.ps1
    depends on no console output. Settings (tools/Build/Test.ps1 writes them):
      PesterModule   the restored Pester.psd1
      Paths          files or folders to run
      Tag, ExcludeTag, FullName   Pester's filters (empty: none)
      CI, Plaintext  detailed output; plain text instead of colours
      JUnitPath      where the JUnit XML goes
      CountsPath     where {Passed, Failed, Skipped, NotRun, Result} goes

    The environment gives S3M_MODULE_PATH (the built module) and S3M_EMULATOR_DLL (the emulator).
#>
param([Parameter(Mandatory)][string]$SettingsPath)

# No strict mode or error preference here: the test files run in this scope's children and set their own.
$settings = Get-Content -LiteralPath $SettingsPath -Raw | ConvertFrom-Json
Import-Module -Name $settings.PesterModule -Force -ErrorAction Stop
Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force -ErrorAction Stop

$config = New-PesterConfiguration
$config.Run.Path = [string[]]$settings.Paths
$config.Run.PassThru = $true
$config.Run.Exit = $false
$config.Run.Throw = $false
if ($settings.Tag) { $config.Filter.Tag = [string[]]$settings.Tag }
if ($settings.ExcludeTag) { $config.Filter.ExcludeTag = [string[]]$settings.ExcludeTag }
if ($settings.FullName) { $config.Filter.FullName = [string[]]$settings.FullName }
$config.Output.Verbosity = if ($settings.CI) { 'Detailed' } else { 'Normal' }
if ($settings.Plaintext) {
    $config.Output.RenderMode = 'Plaintext'
    $PSStyle.OutputRendering = 'PlainText'
}
$config.Output.StackTraceVerbosity = 'Filtered'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'JUnitXml'
$config.TestResult.OutputPath = $settings.JUnitPath

# One emulator for every file: starting one takes a second or two, and a run has many files.
$emulator = Start-S3mTestEmulator
try {
    Publish-S3mTestEmulator $emulator
    $result = Invoke-Pester -Configuration $config
}
finally {
    Stop-S3mTestEmulator $emulator
}

# A failed block (BeforeAll/AfterAll) or container (a file that does not parse) counts once,
# unless a test inside it is already counted as failed.
function Test-HasFailedTest($Block) {
    if (@($Block.Tests | Where-Object Result -eq 'Failed').Count -gt 0) { return $true }
    foreach ($child in $Block.Blocks) { if (Test-HasFailedTest $child) { return $true } }
    $false
}
$extra = @($result.FailedBlocks | Where-Object { -not (Test-HasFailedTest $_) }).Count
$extra += @($result.FailedContainers | Where-Object { -not (Test-HasFailedTest $_) }).Count

[ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $extra
    Skipped = $result.SkippedCount + $result.InconclusiveCount
    NotRun  = $result.NotRunCount
    Result  = $result.Result
} | ConvertTo-Json | Set-Content -LiteralPath $settings.CountsPath -Encoding utf8
