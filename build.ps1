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
           pwsh that imports the built module. Ends with one line: "N passed, N failed[, N skipped]".
    Demo   Build, start the emulator, run examples/Demo.ps1 against it, stop the emulator.
    Bench  Build, then run tests/Bench/Invoke-S3mBench.ps1 in a fresh pwsh: it starts its own
           emulator and prints medians and ratios against Invoke-RestMethod and a raw HttpClient
           (docs/performance.md). It prints and never fails on a slow figure.
    Clean  Remove out/ and every bin/ and obj/ folder under src/, tests/ and tools/.

    Run it with the repository's pinned PowerShell: dotnet tool restore; dotnet pwsh ./build.ps1

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
$PSNativeCommandUseErrorActionPreference = $false   # every native call checks $LASTEXITCODE itself
$ProgressPreference = 'SilentlyContinue'
# The PowerShells this script starts (tests, demo, packaging) send no telemetry and look for no updates.
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'
$env:POWERSHELL_UPDATECHECK = 'Off'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$TestResults = Join-Path $Out 'test-results'
$PesterVersion = '5.7.1'
$XunitProjects = @('tests/S3M.Client.Tests', 'tests/S3M.Emulator.Tests')

# What System.Text.Json 8.0.5 needs on .NET Framework (Windows PowerShell 5.1). PowerShell 7 carries
# its own copies, so these live apart in Dependencies/ and are loaded only by the module's
# AssemblyResolve handler. They are the netstandard2.0 builds that CopyLocalLockFileAssemblies
# puts next to S3M.dll.
$WindowsPowerShellDependencies = @(
    'System.Text.Json.dll'
    'System.Text.Encodings.Web.dll'
    'Microsoft.Bcl.AsyncInterfaces.dll'
    'System.Memory.dll'
    'System.Buffers.dll'
    'System.Runtime.CompilerServices.Unsafe.dll'
    'System.Threading.Tasks.Extensions.dll'
    'System.Numerics.Vectors.dll'
)

$IsCI = $env:CI -in @('true', '1')

function Write-Step([string]$Message) {
    Write-Host "==> $Message" -ForegroundColor Cyan
}

function Get-RelativePath([string]$Path) {
    [IO.Path]::GetRelativePath($Root, $Path)
}

# Runs a native command with the console as its output (so colours and live progress survive)
# and returns its exit code; throws on a non-zero exit code unless -AllowFailure. It starts the
# process itself, rather than with &, so that no caller can capture the command's output by accident.
function Invoke-Native {
    param(
        [Parameter(Mandatory)][string]$FilePath,
        [string[]]$ArgumentList = @(),
        [switch]$AllowFailure
    )
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    $command = Get-Command -Name $FilePath -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $command) { throw "'$FilePath' is not on PATH." }
    $startInfo = [Diagnostics.ProcessStartInfo]::new($command.Source)
    foreach ($argument in $ArgumentList) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.UseShellExecute = $false
    $startInfo.WorkingDirectory = (Get-Location).ProviderPath
    $process = [Diagnostics.Process]::Start($startInfo)
    try {
        $process.WaitForExit()
        $code = $process.ExitCode
    }
    finally {
        $process.Dispose()
    }
    $global:LASTEXITCODE = $code
    if ($code -ne 0 -and -not $AllowFailure) {
        throw "'$FilePath $($ArgumentList | Select-Object -First 2)' failed with exit code $code."
    }
    $code
}

function Get-ModuleVersion {
    $manifest = Import-PowerShellDataFile -Path (Join-Path $Root 'S3M.psd1')
    $version = [string]$manifest.ModuleVersion
    if (-not ($version -as [version])) {
        throw "S3M.psd1: ModuleVersion '$version' is not a version number."
    }
    $version
}

# Sets environment variables for the duration of a script block, then puts back what was there.
function Invoke-WithEnvironment([hashtable]$Variables, [scriptblock]$ScriptBlock) {
    $saved = @{}
    foreach ($name in $Variables.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Variables[$name])
    }
    try {
        & $ScriptBlock
    }
    finally {
        foreach ($name in $saved.Keys) {
            [Environment]::SetEnvironmentVariable($name, $saved[$name])
        }
    }
}

# The environment a child pwsh gets for tests and the demo: the built module and the emulator,
# and none of a developer's own S3M settings (a real token must never reach a test).
function Get-ChildEnvironment($BuildResult) {
    @{
        S3M_MODULE_PATH   = $BuildResult.ModuleManifest
        S3M_EMULATOR_DLL  = $BuildResult.EmulatorDll
        S3M_TOKEN         = $null
        S3M_TOKEN_FILE    = $null
        S3M_BASE_URI      = $null
    }
}

function Invoke-BuildTask {
    $version = Get-ModuleVersion
    Write-Step "Building S3M $version ($Configuration)"
    $null = Invoke-Native dotnet @('build', (Join-Path $Root 'S3M.sln'), '-c', $Configuration, "-p:Version=$version", '--nologo')

    $bin = Join-Path $Root "src/S3M/bin/$Configuration/netstandard2.0"
    $moduleDir = Join-Path $Out "S3M/$version"

    # The explicit list: source => path inside the module folder.
    $files = [ordered]@{
        (Join-Path $Root 'S3M.psd1')                    = 'S3M.psd1'
        (Join-Path $bin 'S3M.dll')                      = 'S3M.dll'
        (Join-Path $bin 'S3M.Client.dll')               = 'S3M.Client.dll'
        (Join-Path $Root 'src/S3M/S3M.Format.ps1xml')   = 'S3M.Format.ps1xml'
        (Join-Path $Root 'src/S3M/S3M.Types.ps1xml')    = 'S3M.Types.ps1xml'
    }
    foreach ($name in $WindowsPowerShellDependencies) {
        $files[(Join-Path $bin $name)] = "Dependencies/$name"
    }
    # Help: tools/S3M.HelpGen (built with the solution) compiles docs/en-US, the PlatyPS markdown
    # pages, into MAML and about_S3M.help.txt; it fails naming the page and line of any problem.
    $helpDir = Join-Path $Out 'help/en-US'
    if (Test-Path -LiteralPath $helpDir) { Remove-Item -LiteralPath $helpDir -Recurse -Force }
    Write-Step 'Compiling help from docs/en-US'
    $null = Invoke-Native dotnet @((Join-Path $Root "tools/S3M.HelpGen/bin/$Configuration/net10.0/S3M.HelpGen.dll"),
        '--docs', (Join-Path $Root 'docs/en-US'), '--out', $helpDir, '--manifest', (Join-Path $Root 'S3M.psd1'))
    $files[(Join-Path $helpDir 'S3M.dll-Help.xml')] = 'en-US/S3M.dll-Help.xml'
    $files[(Join-Path $helpDir 'about_S3M.help.txt')] = 'en-US/about_S3M.help.txt'

    $missing = @($files.Keys | Where-Object { -not (Test-Path -LiteralPath $_ -PathType Leaf) })
    if ($missing.Count -gt 0) {
        throw "Cannot assemble the module; missing file(s):`n  " + (($missing | ForEach-Object { Get-RelativePath $_ }) -join "`n  ")
    }

    Write-Step "Assembling $(Get-RelativePath $moduleDir)"
    $moduleRoot = Join-Path $Out 'S3M'
    if (Test-Path -LiteralPath $moduleRoot) { Remove-Item -LiteralPath $moduleRoot -Recurse -Force }
    foreach ($source in $files.Keys) {
        $target = Join-Path $moduleDir $files[$source]
        $null = New-Item -ItemType Directory -Path (Split-Path -Parent $target) -Force
        Copy-Item -LiteralPath $source -Destination $target
    }

    $emulatorDir = Join-Path $Out 'S3M.Emulator'
    Write-Step "Publishing the emulator to $(Get-RelativePath $emulatorDir)"
    if (Test-Path -LiteralPath $emulatorDir) { Remove-Item -LiteralPath $emulatorDir -Recurse -Force }
    $null = Invoke-Native dotnet @('publish', (Join-Path $Root 'src/S3M.Emulator/S3M.Emulator.csproj'), '-c', $Configuration,
        '-o', $emulatorDir, '--no-build', "-p:Version=$version", '--nologo')
    $emulatorDll = Join-Path $emulatorDir 'S3M.Emulator.dll'
    if (-not (Test-Path -LiteralPath $emulatorDll -PathType Leaf)) {
        throw "The emulator publish did not produce $(Get-RelativePath $emulatorDll)."
    }

    $manifest = Join-Path $moduleDir 'S3M.psd1'
    Set-ReleaseNotes -Manifest $manifest -Version $version
    Write-Host "Module:   $manifest"
    Write-Host "Emulator: dotnet $emulatorDll --urls http://127.0.0.1:0"
    [pscustomobject]@{
        Version        = $version
        ModuleManifest = $manifest
        EmulatorDll    = $emulatorDll
    }
}

# The built manifest's PSData.ReleaseNotes: this version's section of CHANGELOG.md (or Unreleased),
# so the Gallery page says what changed. The source manifest keeps a pointer to the file.
function Set-ReleaseNotes([string]$Manifest, [string]$Version) {
    $changelog = Get-Content -LiteralPath (Join-Path $Root 'CHANGELOG.md') -Raw
    $sections = [regex]::Split($changelog, '(?m)^## ') | Select-Object -Skip 1
    $section = $sections | Where-Object { $_ -match "^\[?$([regex]::Escape($Version))\]?" } | Select-Object -First 1
    if (-not $section) { $section = $sections | Where-Object { $_ -match '^\[Unreleased\]' } | Select-Object -First 1 }
    if (-not $section) { throw "CHANGELOG.md has no section for $Version or [Unreleased]." }
    $notes = ($section -replace '^[^\n]*\n', '').Trim() -replace "'", "''"
    $text = Get-Content -LiteralPath $Manifest -Raw
    $pattern = "ReleaseNotes\s*=\s*'[^']*'"
    if ($text -notmatch $pattern) { throw 'S3M.psd1 has no ReleaseNotes line to fill in.' }
    Set-Content -LiteralPath $Manifest -Value ([regex]::Replace($text, $pattern, { param($m) "ReleaseNotes = '$notes'" })) -Encoding utf8 -NoNewline
    $null = Test-ModuleManifest -Path $Manifest -ErrorAction Stop
}

# Publishes the built module into a local folder repository (out/repo) with Publish-PSResource,
# making the .nupkg the Gallery would receive. PSResourceGet keeps its repository list in the user's
# profile, so a child pwsh with its own temporary profile folders does it: nothing is registered
# on the developer's machine.
function Publish-LocalPackage($BuildResult) {
    $repo = Join-Path $Out 'repo'
    if (Test-Path -LiteralPath $repo) { Remove-Item -LiteralPath $repo -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $repo -Force
    $profileDir = Join-Path $Out 'package-profile'
    if (Test-Path -LiteralPath $profileDir) { Remove-Item -LiteralPath $profileDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $profileDir -Force
    Write-Step "Publishing the module to $(Get-RelativePath $repo)"
    $script = "Register-PSResourceRepository -Name S3MLocal -Uri '$repo' -Trusted; " +
        "Publish-PSResource -Path '$(Split-Path -Parent $BuildResult.ModuleManifest)' -Repository S3MLocal -ErrorAction Stop"
    $code = Invoke-WithEnvironment @{ XDG_DATA_HOME = $profileDir; LOCALAPPDATA = $profileDir } {
        Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-Command', $script) -AllowFailure
    }
    $package = Get-ChildItem -LiteralPath $repo -Filter "S3M.$($BuildResult.Version).nupkg" -ErrorAction SilentlyContinue
    if ($code -ne 0 -or -not $package) { throw "Publish-PSResource did not produce S3M.$($BuildResult.Version).nupkg in $(Get-RelativePath $repo)." }
    Write-Host "Package:  $($package.FullName)"
    $package.FullName
}

# Counts of one trx file: Passed / Failed / Skipped.
function Read-TrxCounts([string]$Path) {
    $xml = [xml](Get-Content -LiteralPath $Path -Raw)
    $counts = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($result in $xml.SelectNodes("//*[local-name()='UnitTestResult']")) {
        switch ($result.GetAttribute('outcome')) {
            'Passed' { $counts.Passed++ }
            'NotExecuted' { $counts.Skipped++ }
            'Inconclusive' { $counts.Skipped++ }
            default { $counts.Failed++ }
        }
    }
    [pscustomobject]$counts
}

function Invoke-Xunit {
    $total = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($project in $XunitProjects) {
        $name = Split-Path -Leaf $project
        $trx = Join-Path $TestResults "$name.trx"
        Write-Step "xunit: $name"
        $arguments = @('test', (Join-Path $Root $project), '-c', $Configuration, '--no-build', '--nologo',
            '--logger', "trx;LogFileName=$name.trx", '--results-directory', $TestResults)
        if ($IsCI) { $arguments += @('--logger', 'console;verbosity=normal') }
        if ($XunitFilter) { $arguments += @('--filter', $XunitFilter) }
        $code = Invoke-Native dotnet $arguments -AllowFailure
        $counts = if (Test-Path -LiteralPath $trx) { Read-TrxCounts $trx } else { [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 } }
        if ($code -ne 0 -and $counts.Failed -eq 0) {
            # The run itself failed (test host crash, no trx): count it, so the task fails.
            Write-Host "xunit: $name exited with code $code without a failed test in its trx; counting one failure." -ForegroundColor Red
            $counts.Failed = 1
        }
        Write-Host "xunit: $name - $($counts.Passed) passed, $($counts.Failed) failed, $($counts.Skipped) skipped"
        $total.Passed += $counts.Passed
        $total.Failed += $counts.Failed
        $total.Skipped += $counts.Skipped
    }
    [pscustomobject]$total
}

# Restores Pester from NuGet through tests/Pester/PesterRestore.csproj and returns the path of
# its manifest inside the package folder.
function Get-PesterModule {
    $project = Join-Path $Root 'tests/Pester/PesterRestore.csproj'
    Write-Step "Restoring Pester $PesterVersion"
    $null = Invoke-Native dotnet @('restore', $project, '--nologo', '-v', 'quiet')
    $assets = Join-Path $Root 'tests/Pester/obj/project.assets.json'
    $folders = @((Get-Content -LiteralPath $assets -Raw | ConvertFrom-Json -AsHashtable).packageFolders.Keys)
    foreach ($folder in $folders) {
        $manifest = Join-Path $folder "pester/$PesterVersion/tools/Pester.psd1"
        if (Test-Path -LiteralPath $manifest -PathType Leaf) { return $manifest }
    }
    throw "Pester $PesterVersion was restored but tools/Pester.psd1 is not in any package folder ($($folders -join ', '))."
}

# The script the child pwsh runs. It reads its settings from a JSON file and writes its counts
# to another, so nothing depends on parsing console output.
$PesterRunner = @'
param([Parameter(Mandatory)][string]$SettingsPath)
$settings = Get-Content -LiteralPath $SettingsPath -Raw | ConvertFrom-Json
Import-Module -Name $settings.PesterModule -Force -ErrorAction Stop

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

$result = Invoke-Pester -Configuration $config

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
'@

function Invoke-PesterTests($BuildResult) {
    $pesterModule = Get-PesterModule
    $paths = if ($PesterPath) {
        foreach ($p in $PesterPath) {
            $full = if ([IO.Path]::IsPathRooted($p)) { $p } else { Join-Path $Root $p }
            if (-not (Test-Path -LiteralPath $full)) { throw "-PesterPath: '$p' does not exist." }
            (Resolve-Path -LiteralPath $full).ProviderPath
        }
    }
    else {
        Join-Path $Root 'tests/Pester'
    }

    $work = Join-Path $Out 'pester'
    $null = New-Item -ItemType Directory -Path $work -Force
    $runner = Join-Path $work 'run-pester.ps1'
    $settingsPath = Join-Path $work 'settings.json'
    $countsPath = Join-Path $work 'counts.json'
    Set-Content -LiteralPath $runner -Value $PesterRunner -Encoding utf8
    if (Test-Path -LiteralPath $countsPath) { Remove-Item -LiteralPath $countsPath }
    [ordered]@{
        PesterModule = $pesterModule
        Paths        = @($paths)
        Tag          = @($Tag | Where-Object { $_ })
        ExcludeTag   = @($ExcludeTag | Where-Object { $_ })
        FullName     = @($TestName | Where-Object { $_ })
        CI           = $IsCI
        Plaintext    = $IsCI -or [Console]::IsOutputRedirected
        JUnitPath    = Join-Path $TestResults 'Pester.junit.xml'
        CountsPath   = $countsPath
    } | ConvertTo-Json | Set-Content -LiteralPath $settingsPath -Encoding utf8

    Write-Step "Pester $PesterVersion in a fresh pwsh, against $(Get-RelativePath $BuildResult.ModuleManifest)"
    $code = Invoke-WithEnvironment (Get-ChildEnvironment $BuildResult) {
        Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', $runner, '-SettingsPath', $settingsPath) -AllowFailure
    }
    if (-not (Test-Path -LiteralPath $countsPath)) {
        Write-Host "Pester did not finish (the child pwsh exited with code $code and wrote no counts); counting one failure." -ForegroundColor Red
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    $counts = Get-Content -LiteralPath $countsPath -Raw | ConvertFrom-Json
    if ($code -ne 0 -and $counts.Failed -eq 0) {
        Write-Host "The Pester process exited with code $code; counting one failure." -ForegroundColor Red
        $counts.Failed = 1
    }
    [pscustomobject]@{ Passed = [int]$counts.Passed; Failed = [int]$counts.Failed; Skipped = [int]$counts.Skipped }
}

function Invoke-PackageTask {
    $null = Publish-LocalPackage (Invoke-BuildTask)
    0
}

function Invoke-TestTask {
    $build = Invoke-BuildTask
    # Package.Tests.ps1 installs what the Gallery would receive.
    $env:S3M_PACKAGE_REPO = Split-Path -Parent (Publish-LocalPackage $build)
    if (Test-Path -LiteralPath $TestResults) { Remove-Item -LiteralPath $TestResults -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $TestResults -Force

    $runs = @()
    if (-not $SkipXunit) { $runs += Invoke-Xunit }
    if (-not $SkipPester) { $runs += Invoke-PesterTests $build }

    $passed = ($runs | Measure-Object -Property Passed -Sum).Sum
    $failed = ($runs | Measure-Object -Property Failed -Sum).Sum
    $skipped = ($runs | Measure-Object -Property Skipped -Sum).Sum
    $line = "$([int]$passed) passed, $([int]$failed) failed"
    if ($skipped -gt 0) { $line += ", $skipped skipped" }
    if ($passed + $failed -eq 0) {
        Write-Host 'No test ran.' -ForegroundColor Red
    }
    Write-Host $line
    if ($failed -gt 0 -or $passed + $failed -eq 0) { return 1 }
    0
}

function Invoke-DemoTask {
    $build = Invoke-BuildTask
    Import-Module (Join-Path $Root 'tests/Pester/TestSupport.psm1') -Force
    Write-Step 'Starting the emulator'
    $emulator = Start-S3mTestEmulator -EmulatorPath $build.EmulatorDll
    try {
        $tokenPath = Get-S3mTestTokenPath -Emulator $emulator -Name 'stf042-full'
        Write-Step "Running examples/Demo.ps1 against $($emulator.BaseUri)"
        $code = Invoke-WithEnvironment (Get-ChildEnvironment $build) {
            Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'examples/Demo.ps1'),
                '-BaseUri', $emulator.BaseUri, '-TokenPath', $tokenPath) -AllowFailure
        }
        if ($code -ne 0) { throw "examples/Demo.ps1 failed (exit code $code)." }
    }
    finally {
        Write-Step 'Stopping the emulator'
        Stop-S3mTestEmulator $emulator
    }
    0
}

# The benchmark in a fresh pwsh, with the built module and emulator as the Test task gives
# Pester; the bench starts and stops its own emulator. Exits 1 only when it could not run.
function Invoke-BenchTask {
    $build = Invoke-BuildTask
    Write-Step "Benchmark in a fresh pwsh, against $(Get-RelativePath $build.ModuleManifest)"
    Invoke-WithEnvironment (Get-ChildEnvironment $build) {
        Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tests/Bench/Invoke-S3mBench.ps1')) -AllowFailure
    }
}

function Invoke-CleanTask {
    Write-Step 'Removing out/ and bin/, obj/ under src/, tests/ and tools/'
    $targets = @($Out)
    foreach ($area in 'src', 'tests', 'tools') {
        foreach ($project in Get-ChildItem -LiteralPath (Join-Path $Root $area) -Directory -ErrorAction SilentlyContinue) {
            $targets += Join-Path $project.FullName 'bin'
            $targets += Join-Path $project.FullName 'obj'
        }
    }
    foreach ($target in $targets) {
        if (Test-Path -LiteralPath $target) {
            Write-Host "  $(Get-RelativePath $target)"
            Remove-Item -LiteralPath $target -Recurse -Force
        }
    }
    0
}

$exitCode = 1
Push-Location -LiteralPath $Root   # dotnet pwsh finds the pinned tool from the repository root
$env:DOTNET_NOLOGO = '1'
try {
    $results = switch ($Task) {
        'Build' { $null = Invoke-BuildTask; 0 }
        'Test' { Invoke-TestTask }
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
        # Not one of this script's own messages: say where it came from.
        Write-Host $_.InvocationInfo.PositionMessage -ForegroundColor DarkGray
    }
    $exitCode = 1
}
finally {
    Pop-Location
}
exit $exitCode
