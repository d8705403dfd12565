# What the tasks share: where things are, the configuration, running programs, the environment of
# the PowerShells they start.

$script:Root = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).ProviderPath
$script:Out = Join-Path $Root 'out'
$script:TestResults = Join-Path $Out 'test-results'
$script:Configuration = 'Release'
$script:IsCI = $false

# build.ps1's settings for every task; call it before any task.
function Initialize-S3mBuild {
    param([Parameter(Mandatory)][string]$Configuration)
    $script:Configuration = $Configuration
    $script:IsCI = $env:CI -in @('true', '1')
    $env:DOTNET_NOLOGO = '1'
    # The PowerShells the tasks start (tests, demo, packaging) send no telemetry and look for no updates.
    $env:POWERSHELL_TELEMETRY_OPTOUT = '1'
    $env:POWERSHELL_UPDATECHECK = 'Off'
}

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

# Runs a script in a fresh pwsh (a binary module cannot be unloaded, so tests, the demo and the
# bench each get one) with the built module and the emulator, and none of a developer's own S3M
# settings: a real token must never reach a test. Returns the exit code.
function Invoke-ChildPwsh($BuildResult, [string]$Script, [string[]]$ArgumentList = @()) {
    $environment = @{
        S3M_MODULE_PATH  = $BuildResult.ModuleManifest
        S3M_EMULATOR_DLL = $BuildResult.EmulatorDll
        S3M_TOKEN        = $null
        S3M_TOKEN_FILE   = $null
        S3M_BASE_URI     = $null
    }
    Invoke-WithEnvironment $environment {
        Invoke-Native dotnet (@('pwsh', '-NoProfile', '-NonInteractive', '-File', $Script) + $ArgumentList) -AllowFailure
    }
}
