#Requires -Version 7.2
<#
    Test support for the Pester suites: the S3M emulator as a real process, and its /_emulator/
    control endpoints (docs/emulator.md).

    Every test file starts and ends the same way:

    BeforeAll {
        Import-Module $PSScriptRoot/TestSupport.psm1 -Force
        $script:emu = Initialize-S3mTestFile -Connect stf042-full   # or without -Connect
    }
    AfterAll { Complete-S3mTestFile $emu }

    One emulator serves the whole run: Invoke-PesterRun.ps1 starts it and publishes it
    (Publish-S3mTestEmulator), and Initialize-S3mTestFile borrows it, reset to how it started.
    A file run some other way (Invoke-Pester on it alone) gets an emulator of its own.

    build.ps1 -Task Test sets $env:S3M_MODULE_PATH (the built out/S3M/<version>/S3M.psd1) and
    $env:S3M_EMULATOR_DLL (out/S3M.Emulator/S3M.Emulator.dll).
#>

Set-StrictMode -Version 3.0

$ListeningPrefix = 'S3M emulator listening on '
$TokenFilesPrefix = 'Token files in '
$ControlKeyPrefix = 'Control key in '
$ControlKeyHeader = 'X-S3M-Emulator-Key'
# Where the run's emulator is published: JSON with its BaseUri, TokenDirectory, ControlKeyPath
# (the path of the key file, never the key) and ProcessId.
$RunEmulatorVariable = 'S3M_TEST_EMULATOR'

Update-TypeData -TypeName 'S3M.TestEmulator' -DefaultDisplayPropertySet 'BaseUri', 'TokenDirectory', 'ProcessId' -Force

function Get-DotnetPath {
    foreach ($candidate in @($env:DOTNET_HOST_PATH, $(if ($env:DOTNET_ROOT) { Join-Path $env:DOTNET_ROOT 'dotnet' }))) {
        if ($candidate -and (Test-Path -LiteralPath $candidate -PathType Leaf)) { return $candidate }
    }
    $command = Get-Command -Name 'dotnet' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($command) { return $command.Source }
    throw 'dotnet was not found on PATH (nor through DOTNET_HOST_PATH or DOTNET_ROOT).'
}

function Assert-Emulator($Emulator) {
    if ($null -eq $Emulator -or -not ($Emulator.PSObject.TypeNames -contains 'S3M.TestEmulator')) {
        throw 'Pass the object that Start-S3mTestEmulator returned.'
    }
    if ($Emulator.Process.HasExited) {
        # Only the process that started the emulator can read its exit code.
        $code = try { $Emulator.Process.ExitCode } catch { '?' }
        throw "The emulator at $($Emulator.BaseUri) has exited (code $code)."
    }
}

# The control key, read from the file the emulator named: one line 'X-S3M-Emulator-Key: <key>'.
function Get-EmulatorControlKey($Emulator) {
    (Get-Content -LiteralPath $Emulator.ControlKeyPath -Raw).Trim() -replace "^$([regex]::Escape($ControlKeyHeader)):\s*", ''
}

function Invoke-EmulatorControl {
    param($Emulator, [string]$Method, [string]$Path, $Body)
    Assert-Emulator $Emulator
    $request = @{
        Uri         = "$($Emulator.BaseUri)/_emulator/$Path"
        Method      = $Method
        Headers     = @{ $ControlKeyHeader = Get-EmulatorControlKey $Emulator }
        NoProxy     = $true
        TimeoutSec  = 30
        ErrorAction = 'Stop'
        Verbose     = $false
    }
    if ($null -ne $Body) {
        $request.Body = ConvertTo-Json -InputObject $Body -Depth 10 -Compress
        $request.ContentType = 'application/json'
    }
    Invoke-RestMethod @request
}

function Stop-EmulatorProcess([Diagnostics.Process]$Process) {
    if ($Process.HasExited) { return 'AlreadyExited' }
    try { $Process.StandardInput.Close() } catch { }   # --exit-on-stdin-close: the polite way
    if ($Process.WaitForExit(10000)) { return 'StdinClosed' }
    try { $Process.Kill($true) } catch { }
    $null = $Process.WaitForExit(5000)
    'Killed'
}

function Start-S3mTestEmulator {
    <#
    .SYNOPSIS
        Starts the emulator on 127.0.0.1 with a port it picks, and waits for its three lines.
    .OUTPUTS
        S3M.TestEmulator: BaseUri (as printed, e.g. http://127.0.0.1:41234), Port,
        TokenDirectory, ControlKeyPath (the file holding the control key), Process, ProcessId,
        WorkDirectory.
    #>
    [CmdletBinding()]
    [OutputType('S3M.TestEmulator')]
    param(
        # The published emulator; default $env:S3M_EMULATOR_DLL (set by build.ps1).
        [string]$EmulatorPath = $env:S3M_EMULATOR_DLL,

        # A JSON file for --config (resources, downtimes, tokens).
        [string]$ConfigPath,

        # More arguments for the emulator.
        [string[]]$ArgumentList = @(),

        # How long to wait for the three lines.
        [ValidateRange(1, 600)]
        [int]$TimeoutSeconds = 30
    )

    if (-not $EmulatorPath) {
        throw 'S3M_EMULATOR_DLL is not set. Run the tests through ./build.ps1 -Task Test, or pass -EmulatorPath out/S3M.Emulator/S3M.Emulator.dll.'
    }
    if (-not (Test-Path -LiteralPath $EmulatorPath -PathType Leaf)) {
        throw "The emulator '$EmulatorPath' does not exist. Run ./build.ps1 first."
    }
    $EmulatorPath = (Resolve-Path -LiteralPath $EmulatorPath).ProviderPath

    # One private folder per emulator (mode 700 on Unix). The emulator makes its token folder
    # inside (mode 700 too): it refuses one that other users could open.
    $work = [IO.Directory]::CreateTempSubdirectory('s3m-test-emulator-').FullName
    $tokenDir = Join-Path $work 'tokens'

    $startInfo = [Diagnostics.ProcessStartInfo]::new((Get-DotnetPath))
    foreach ($argument in @($EmulatorPath, '--urls', 'http://127.0.0.1:0', '--exit-on-stdin-close', '--token-dir', $tokenDir)) {
        $startInfo.ArgumentList.Add($argument)
    }
    if ($ConfigPath) {
        $startInfo.ArgumentList.Add('--config')
        $startInfo.ArgumentList.Add((Resolve-Path -LiteralPath $ConfigPath).ProviderPath)
    }
    foreach ($argument in $ArgumentList) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.WorkingDirectory = $work
    foreach ($name in 'ASPNETCORE_URLS', 'DOTNET_URLS', 'ASPNETCORE_HTTP_PORTS', 'ASPNETCORE_HTTPS_PORTS') {
        $null = $startInfo.Environment.Remove($name)
    }

    $process = [Diagnostics.Process]::Start($startInfo)
    # Drain stderr from the start so the emulator never blocks on a full pipe.
    $stderrTask = $process.StandardError.ReadToEndAsync()

    $baseUri = $null
    $printedTokenDir = $null
    $controlKeyPath = $null
    $seen = [Collections.Generic.List[string]]::new()
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $failure = $null
    while (-not ($baseUri -and $printedTokenDir -and $controlKeyPath)) {
        $readTask = $process.StandardOutput.ReadLineAsync()
        while (-not $readTask.Wait(200)) {
            if ([DateTime]::UtcNow -ge $deadline) { break }
        }
        if (-not $readTask.IsCompleted) {
            $failure = "did not print its three lines within $TimeoutSeconds s"
            break
        }
        $line = $readTask.Result
        if ($null -eq $line) {
            $null = $process.WaitForExit(5000)
            $failure = "exited before printing its three lines (exit code $(if ($process.HasExited) { $process.ExitCode } else { '?' }))"
            break
        }
        $seen.Add($line)
        if ($line.StartsWith($ListeningPrefix)) {
            $baseUri = $line.Substring($ListeningPrefix.Length).Trim().TrimEnd('/')
        }
        elseif ($line.StartsWith($TokenFilesPrefix)) {
            $printedTokenDir = $line.Substring($TokenFilesPrefix.Length).Trim()
        }
        elseif ($line.StartsWith($ControlKeyPrefix)) {
            $controlKeyPath = $line.Substring($ControlKeyPrefix.Length).Trim()
        }
    }

    if ($failure) {
        $null = Stop-EmulatorProcess $process
        $stderr = if ($stderrTask.Wait(2000)) { $stderrTask.Result } else { '' }
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
        $message = "The S3M emulator ($EmulatorPath) $failure."
        if ($seen.Count) { $message += "`nstdout:`n  " + ($seen -join "`n  ") }
        if ($stderr) { $message += "`nstderr:`n  " + (($stderr.TrimEnd() -split "`r?`n" | Select-Object -Last 30) -join "`n  ") }
        throw $message
    }

    # Keep reading stdout for the life of the process (its log), so it never blocks either.
    $stdoutTask = $process.StandardOutput.ReadToEndAsync()

    [pscustomobject]@{
        PSTypeName     = 'S3M.TestEmulator'
        BaseUri        = $baseUri
        Port           = ([uri]$baseUri).Port
        TokenDirectory = $printedTokenDir
        ControlKeyPath = $controlKeyPath
        Process        = $process
        ProcessId      = $process.Id
        WorkDirectory  = $work
        StoppedBy      = $null
        Borrowed       = $false
        StandardOutputTask = $stdoutTask
        StandardErrorTask  = $stderrTask
    }
}

function Stop-S3mTestEmulator {
    <#
    .SYNOPSIS
        Stops an emulator (closes its stdin, kills it after 10 s) and removes its token folder.
        Safe to call twice, or with $null (an AfterAll after a failed BeforeAll). The run's
        emulator, borrowed through Initialize-S3mTestFile, is left running: the runner stops it.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, ValueFromPipeline)]
        [AllowNull()]
        [psobject]$Emulator
    )
    process {
        if ($null -eq $Emulator -or $null -eq $Emulator.PSObject.Properties['Process']) { return }
        if ($Emulator.PSObject.Properties['Borrowed'] -and $Emulator.Borrowed) { return }
        $how = Stop-EmulatorProcess $Emulator.Process
        if ($null -eq $Emulator.StoppedBy) { $Emulator.StoppedBy = $how }
        if ($Emulator.WorkDirectory -and (Test-Path -LiteralPath $Emulator.WorkDirectory)) {
            Remove-Item -LiteralPath $Emulator.WorkDirectory -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

function Publish-S3mTestEmulator {
    <#
    .SYNOPSIS
        Makes an emulator the run's: the test files of this process borrow it through
        Initialize-S3mTestFile instead of starting one each. Invoke-PesterRun.ps1 does this,
        and stops the emulator after the run.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [psobject]$Emulator)
    Assert-Emulator $Emulator
    $published = [ordered]@{
        BaseUri        = $Emulator.BaseUri
        TokenDirectory = $Emulator.TokenDirectory
        ControlKeyPath = $Emulator.ControlKeyPath
        ProcessId      = $Emulator.ProcessId
    }
    [Environment]::SetEnvironmentVariable($RunEmulatorVariable, ($published | ConvertTo-Json -Compress))
}

# The run's emulator as Publish-S3mTestEmulator described it, or $null when there is none.
function Get-RunEmulator {
    $json = [Environment]::GetEnvironmentVariable($RunEmulatorVariable)
    if (-not $json) { return $null }
    $published = $json | ConvertFrom-Json
    $process = Get-Process -Id $published.ProcessId -ErrorAction SilentlyContinue
    if (-not $process) { throw "The run's emulator (process $($published.ProcessId), $($published.BaseUri)) is not running." }
    [pscustomobject]@{
        PSTypeName     = 'S3M.TestEmulator'
        BaseUri        = $published.BaseUri
        Port           = ([uri]$published.BaseUri).Port
        TokenDirectory = $published.TokenDirectory
        ControlKeyPath = $published.ControlKeyPath
        Process        = $process
        ProcessId      = $process.Id
        WorkDirectory  = $null
        StoppedBy      = $null
        Borrowed       = $true
        WorkingTokenFiles = @()
    }
}

function Initialize-S3mTestFile {
    <#
    .SYNOPSIS
        The setup every Pester file shares (BeforeAll): imports the built module, takes the run's
        emulator reset to how it started (faults, latency, request log, clock, downtimes, jobs,
        scheduler pace, streaming settings and clusters; POST /_emulator/reset) or, outside a run, starts one,
        and with -Connect makes the default session with one of its token files. Returns the
        emulator; Complete-S3mTestFile in AfterAll undoes the rest.
    #>
    [CmdletBinding()]
    [OutputType('S3M.TestEmulator')]
    param(
        # Connect-S3m with this token file of the emulator (stf042-full, csc100-full...).
        [string]$Connect,

        # Leave the built module alone (the harness's and the package's own tests).
        [switch]$SkipModuleImport
    )
    if (-not $SkipModuleImport) {
        if (-not $env:S3M_MODULE_PATH) {
            throw 'S3M_MODULE_PATH is not set. Run the tests through ./build.ps1 -Task Test, or set it to out/S3M/<version>/S3M.psd1.'
        }
        # -Global: imported from inside this module, the cmdlets would be this module's alone.
        Import-Module $env:S3M_MODULE_PATH -Force -Global -ErrorAction Stop
    }
    $emulator = Get-RunEmulator
    if ($emulator) {
        # Before the reset, so that the look leaves nothing in the request log.
        $emulator.WorkingTokenFiles = @(Get-WorkingTokenFile $emulator)
        Reset-S3mTestEmulator $emulator
    }
    else { $emulator = Start-S3mTestEmulator }
    if ($Connect) {
        try { Connect-S3m -BaseUri $emulator.BaseUri -TokenPath (Get-S3mTestTokenPath $emulator $Connect) }
        catch { Stop-S3mTestEmulator $emulator; throw }
    }
    $emulator
}

function Complete-S3mTestFile {
    <#
    .SYNOPSIS
        The cleanup every Pester file shares (AfterAll): ends the default session, then stops the
        file's own emulator, or resets the run's and checks that its token files still work for
        the files after this one. Safe with $null (an AfterAll after a failed BeforeAll).
    #>
    [CmdletBinding()]
    param([Parameter(Position = 0)] [AllowNull()] [psobject]$Emulator)
    if (Get-Command -Name Disconnect-S3m -ErrorAction Ignore) { Disconnect-S3m }
    if ($null -eq $Emulator) { return }
    if (-not $Emulator.Borrowed) {
        Stop-S3mTestEmulator $Emulator
        return
    }
    Reset-S3mTestEmulator $Emulator
    # A revoked token stays revoked, on the emulator as on the gateway, and a reset does not bring
    # it back: a file that revoked one of the run's token files would leave the files after it a
    # dead token. So files revoke only tokens they mint, and this names the file that did not.
    $working = @(Get-WorkingTokenFile $Emulator)
    $lost = @($Emulator.WorkingTokenFiles | Where-Object { $_ -notin $working })
    if ($lost) {
        throw "This file made the run's emulator refuse $($lost -join ', '). The emulator serves every file of the run " +
            'and never un-revokes a token: revoke only tokens the file mints (New-S3mTestToken).'
    }
}

# The names of the emulator's token files whose token it accepts now (introspect answers 200).
function Get-WorkingTokenFile($Emulator) {
    foreach ($file in Get-ChildItem -LiteralPath $Emulator.TokenDirectory -Filter '*.token') {
        $answer = Invoke-WebRequest -Uri "$($Emulator.BaseUri)/olcf/v1/token/ctls/introspect" -NoProxy -TimeoutSec 30 `
            -Headers @{ Authorization = Read-S3mTestToken $file.FullName } -SkipHttpErrorCheck -Verbose:$false
        if ($answer.StatusCode -eq 200) { $file.Name }
    }
}

function Get-S3mTestTokenPath {
    <#
    .SYNOPSIS
        The path of one of the emulator's token files, by name without '.token' (stf042-full,
        stf042-readonly, stf042-streaming, stf042-expiring, csc100-full).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject]$Emulator,
        [Parameter(Mandatory, Position = 1)] [string]$Name
    )
    Assert-Emulator $Emulator
    $path = Join-Path $Emulator.TokenDirectory "$Name.token"
    if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
        throw "The emulator wrote no token file '$Name.token' in $($Emulator.TokenDirectory)."
    }
    $path
}

function Read-S3mTestToken {
    <#
    .SYNOPSIS
        The token text of a token file ('Authorization: <token>' or the bare token), for raw
        requests and for searching output for it. Never print it.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory, Position = 0)] [string]$Path)
    (Get-Content -LiteralPath $Path -Raw).Trim() -replace '^Authorization:\s*', ''
}

function New-S3mTestToken {
    <#
    .SYNOPSIS
        Mints a token in the emulator (POST /_emulator/tokens). The token comes back only as a
        SecureString; with -OutFile it is also written as one line 'Authorization: <token>'.
    #>
    [CmdletBinding()]
    [OutputType('S3M.TestToken')]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject]$Emulator,
        [Parameter(Mandatory)] [string]$Project,
        [Parameter(Mandatory)] [AllowEmptyCollection()] [string[]]$Scope,
        [string]$Enclave = 'open',
        # May be negative for a token that has already expired.
        [long]$LifetimeSeconds = 7 * 86400,
        [string]$Description = 'pester',
        [string]$OutFile
    )
    $body = [ordered]@{
        project          = $Project
        scopes           = @($Scope)
        enclave          = $Enclave
        expiresInSeconds = $LifetimeSeconds
        description      = $Description
    }
    $answer = Invoke-EmulatorControl $Emulator POST 'tokens' $body
    $secure = ConvertTo-SecureString -String $answer.token -AsPlainText -Force
    if ($OutFile) {
        $parent = Split-Path -Parent ([IO.Path]::GetFullPath($OutFile, (Get-Location).ProviderPath))
        if ($parent) { $null = New-Item -ItemType Directory -Path $parent -Force }
        [IO.File]::WriteAllText($OutFile, "Authorization: $($answer.token)`n")
        if (-not $IsWindows) { [IO.File]::SetUnixFileMode($OutFile, [IO.UnixFileMode]'UserRead, UserWrite') }
    }
    $answer.token = $null
    [pscustomobject]@{
        PSTypeName      = 'S3M.TestToken'
        Token           = $secure
        TokenId         = $answer.tokenId
        Project         = $Project
        Scope           = @($Scope)
        Enclave         = $Enclave
        Path            = $(if ($OutFile) { [IO.Path]::GetFullPath($OutFile, (Get-Location).ProviderPath) } else { $null })
    }
}

function Get-S3mTestRequest {
    <#
    .SYNOPSIS
        The emulator's request log (GET /_emulator/requests), in arrival order: method, path,
        query, userAgent, tokenId, hasAuthorization, status, body. -Path takes wildcards.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject]$Emulator,
        [string]$Path,
        [string]$Method
    )
    $answer = Invoke-EmulatorControl $Emulator GET 'requests'
    foreach ($request in @($answer.requests)) {
        if ($null -eq $request) { continue }
        if ($Path -and -not ($request.path -like $Path)) { continue }
        if ($Method -and $request.method -ne $Method) { continue }
        $request
    }
}

function Get-S3mTestMaxInFlight {
    <# .SYNOPSIS The most S3M requests the emulator had in flight at once since its log was last cleared. #>
    [CmdletBinding()]
    [OutputType([int])]
    param([Parameter(Mandatory, Position = 0)] [psobject]$Emulator)
    (Invoke-EmulatorControl $Emulator GET 'requests').maxInFlight
}

function Clear-S3mTestRequest {
    <# .SYNOPSIS Clears the emulator's request log (DELETE /_emulator/requests). #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [psobject]$Emulator)
    $null = Invoke-EmulatorControl $Emulator DELETE 'requests'
}

function Add-S3mTestFault {
    <#
    .SYNOPSIS
        Makes the emulator answer the next -Count requests matching -Path (a trailing '*' makes
        it a prefix) and -Method with -Status (POST /_emulator/faults). -LatencyMs alone delays
        the matching requests and then serves them normally. -Mode picks another fault mode
        (docs/emulator.md), with -SizeBytes or -Location where the mode takes them. Returns the
        fault's id.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject]$Emulator,
        [Parameter(Mandatory)] [string]$Path,
        [ValidateRange(100, 599)] [int]$Status,
        [string]$Method,
        [ValidateRange(1, [int]::MaxValue)] [int]$Count,
        [string]$RetryAfter,
        [string]$Body,
        [string]$ContentType,
        [ValidateRange(0, 600000)] [int]$LatencyMs,
        [ValidateSet('status', 'reset', 'truncate', 'resetAfter', 'statusAfter', 'bytes', 'large', 'redirect', 'gzipBomb', 'endless')]
        [string]$Mode,
        [ValidateRange(1, [long]::MaxValue)] [long]$SizeBytes,
        [string]$Location
    )
    if ((-not $Mode -or $Mode -eq 'status') -and -not $PSBoundParameters.ContainsKey('Status') -and -not $PSBoundParameters.ContainsKey('LatencyMs')) {
        throw 'Add-S3mTestFault needs -Status, -LatencyMs or both (or another -Mode).'
    }
    $fault = [ordered]@{ path = $Path }
    $names = [ordered]@{
        Method = 'method'; Count = 'count'; Status = 'status'; RetryAfter = 'retryAfter'
        Body = 'body'; ContentType = 'contentType'; LatencyMs = 'latencyMs'
        Mode = 'mode'; SizeBytes = 'sizeBytes'; Location = 'location'
    }
    foreach ($name in $names.Keys) {
        if ($PSBoundParameters.ContainsKey($name)) { $fault[$names[$name]] = $PSBoundParameters[$name] }
    }
    $answer = Invoke-EmulatorControl $Emulator POST 'faults' $fault
    $answer.id
}

function Clear-S3mTestFault {
    <# .SYNOPSIS Removes every fault (DELETE /_emulator/faults). #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [psobject]$Emulator)
    $null = Invoke-EmulatorControl $Emulator DELETE 'faults'
}

function Reset-S3mTestEmulator {
    <#
    .SYNOPSIS
        Faults, latency, request log, clock, downtimes, Slurm jobs, scheduler pace and refusal
        status, the answers' dialect, streaming clusters and their ready delay back to how the
        emulator started (POST /_emulator/reset). Minted tokens
        remain, and revoked tokens stay revoked.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [psobject]$Emulator)
    $null = Invoke-EmulatorControl $Emulator POST 'reset' @{}
}

function Move-S3mTestClock {
    <# .SYNOPSIS Moves the emulator's clock forward (POST /_emulator/clock) and returns its new time. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject]$Emulator,
        [Parameter(Mandatory, Position = 1)] [ValidateRange(0, [long]::MaxValue)] [long]$Seconds
    )
    $answer = Invoke-EmulatorControl $Emulator POST 'clock' @{ advanceSeconds = $Seconds }
    $answer.now
}

function Set-S3mTestScheduler {
    <#
    .SYNOPSIS
        Sets how long emulated Slurm jobs stay PENDING, how long a job without 'sleep N' runs,
        and how long a job stays COMPLETING or PENDING+REQUEUED (POST /_emulator/scheduler), so
        tests need not wait long; with -KeepFinishedSeconds, also how long a finished job stays
        in GET /jobs (0: it leaves the list as it ends).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject]$Emulator,
        [ValidateRange(0, 3600)] [double]$PendingSeconds = 0.2,
        [ValidateRange(0, 3600)] [double]$DefaultRunSeconds = 0.5,
        [ValidateRange(0, 3600)] [double]$CompletingSeconds = 0.3,
        [ValidateRange(0, 3600)] [double]$RequeueSeconds = 0.3,
        [ValidateRange(0, 86400)] [double]$KeepFinishedSeconds
    )
    $pace = @{
        pendingSeconds = $PendingSeconds; defaultRunSeconds = $DefaultRunSeconds
        completingSeconds = $CompletingSeconds; requeueSeconds = $RequeueSeconds
    }
    if ($PSBoundParameters.ContainsKey('KeepFinishedSeconds')) { $pace.keepFinishedSeconds = $KeepFinishedSeconds }
    $null = Invoke-EmulatorControl $Emulator POST 'scheduler' $pace
}

function Set-S3mTestLatency {
    <#
    .SYNOPSIS
        Makes the emulator hold every S3M request (not its control calls) for -Milliseconds
        before answering, as a gateway across the internet does (POST /_emulator/latency);
        0 ends it, and so does Reset-S3mTestEmulator.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject]$Emulator,
        [Parameter(Mandatory, Position = 1)] [ValidateRange(0, 60000)] [int]$Milliseconds
    )
    $null = Invoke-EmulatorControl $Emulator POST 'latency' @{ milliseconds = $Milliseconds }
}

function Set-S3mTestDialect {
    <#
    .SYNOPSIS
        Picks the forms the emulator's answers take (POST /_emulator/dialect): zero fields left out
        or written, the current or the older ping shape, complete or bare accounting records.
        A reset (Reset-S3mTestEmulator, Complete-S3mTestFile) restores the sparse default. Returns
        the settings in force.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject]$Emulator,
        [ValidateSet('omit', 'write')] [string]$ZeroFields,
        [ValidateSet('current', 'pingedOnly')] [string]$Ping,
        [ValidateSet('complete', 'minimal')] [string]$AccountingJob
    )
    $body = @{}
    if ($ZeroFields) { $body.zeroFields = $ZeroFields }
    if ($Ping) { $body.ping = $Ping }
    if ($AccountingJob) { $body.accountingJob = $AccountingJob }
    Invoke-EmulatorControl $Emulator POST 'dialect' $body
}

function Set-S3mTestDowntime {
    <#
    .SYNOPSIS
        Replaces the status page's downtimes (POST /_emulator/downtimes) with -Downtime, each a
        hashtable of resourceName, start, end and optionally description, status, attributes
        (@{ scheduled; reboot }) and updatedAt; relative times ('+2h', '-10m', '+1d12h') count
        from the emulator's clock now. No -Downtime: none at all. A reset brings back the built-in ones.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject]$Emulator,
        [Parameter(Position = 1)] [hashtable[]]$Downtime = @()
    )
    $answer = Invoke-EmulatorControl $Emulator POST 'downtimes' @{ downtimes = @($Downtime) }
    @($answer.downtimes)
}

function Set-S3mTestStreaming {
    <#
    .SYNOPSIS
        Sets how long a new emulated streaming cluster takes to become ready
        (POST /_emulator/streaming); returns the emulator's streaming settings.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject]$Emulator,
        [ValidateRange(0, 3600)] [double]$ReadySeconds = 0.3
    )
    Invoke-EmulatorControl $Emulator POST 'streaming' @{ readySeconds = $ReadySeconds }
}

function Set-S3mTestClusterHealth {
    <#
    .SYNOPSIS
        Makes an emulated cluster report other sync and health words, any words at all
        (POST /_emulator/streaming/{engine}/{name}/health); '' gives a field back to the lifecycle.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject]$Emulator,
        [Parameter(Mandatory)] [ValidateSet('rabbitmq', 'redis')] [string]$Engine,
        [Parameter(Mandatory)] [string]$Name,
        [AllowEmptyString()] [string]$HealthStatus,
        [AllowEmptyString()] [string]$SyncStatus
    )
    $words = @{}
    if ($PSBoundParameters.ContainsKey('HealthStatus')) { $words.healthStatus = $HealthStatus }
    if ($PSBoundParameters.ContainsKey('SyncStatus')) { $words.syncStatus = $SyncStatus }
    if ($words.Count -eq 0) { throw 'Set-S3mTestClusterHealth needs -HealthStatus, -SyncStatus or both.' }
    $null = Invoke-EmulatorControl $Emulator POST "streaming/$Engine/$Name/health" $words
}

function Set-S3mTestClusterDeleteRefusal {
    <#
    .SYNOPSIS
        Makes every delete of an emulated cluster answer 200 without success, the cluster kept
        (POST /_emulator/streaming/{engine}/{name}/delete-refusal): 'omitted' answers {},
        'false' answers {"success":false}; '' lets deletes work again.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject]$Emulator,
        [Parameter(Mandatory)] [ValidateSet('rabbitmq', 'redis')] [string]$Engine,
        [Parameter(Mandatory)] [string]$Name,
        [Parameter(Mandatory)] [AllowEmptyString()] [ValidateSet('omitted', 'false', '')] [string]$Refusal
    )
    $null = Invoke-EmulatorControl $Emulator POST "streaming/$Engine/$Name/delete-refusal" @{ refusal = $Refusal }
}

function Set-S3mTestSlurmRefusals {
    <#
    .SYNOPSIS
        How Slurm's own refusals travel (POST /_emulator/slurm): 'status' (the default) with
        slurmrestd's HTTP status, 404 for an unknown job ID and 500 for a job Slurm will not
        run; 'ok' as HTTP 200. The body carries errors[] either way.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject]$Emulator,
        [Parameter(Mandatory, Position = 1)] [ValidateSet('status', 'ok')] [string]$Refusals
    )
    $null = Invoke-EmulatorControl $Emulator POST 'slurm' @{ refusals = $Refusals }
}

function Invoke-S3mTestPwsh {
    <#
    .SYNOPSIS
        Runs -Command in a fresh pwsh like the one running the tests (a dotnet tool here, an
        installed pwsh elsewhere), with -Environment's variables set for it ($null or '' removes
        one; pass a case-sensitive dictionary to set both HTTP_PROXY and http_proxy). Returns Code
        (the exit code) and Output (stdout and stderr as one text).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string]$Command,
        [Parameter(Position = 1)] [Collections.IDictionary]$Environment = @{}
    )
    $exe = (Get-Process -Id $PID).Path
    $arguments = @(if ((Split-Path -Leaf $exe) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' }) + @('-NoProfile', '-NonInteractive', '-Command', $Command)
    $variables = [Collections.Generic.Dictionary[string, string]]::new([StringComparer]::Ordinal)
    foreach ($name in $Environment.Keys) { $variables[$name] = $Environment[$name] }
    # A test's pwsh talks to 127.0.0.1 only: no telemetry, no update check.
    $quiet = @{ POWERSHELL_TELEMETRY_OPTOUT = '1'; POWERSHELL_UPDATECHECK = 'Off' }
    foreach ($name in $quiet.Keys) { if (-not $variables.ContainsKey($name)) { $variables[$name] = $quiet[$name] } }
    $saved = [Collections.Generic.Dictionary[string, string]]::new([StringComparer]::Ordinal)
    foreach ($name in $variables.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $variables[$name]) }
    try { $output = & $exe @arguments 2>&1 | Out-String; [pscustomobject]@{ Code = $LASTEXITCODE; Output = $output } }
    finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
}

function Start-S3mTestRecorder {
    <#
    .SYNOPSIS
        A listener on 127.0.0.1 with a port it picked that records what each connection sends
        (up to the end of its headers), answers 502 and closes: a fake proxy, or another origin,
        that a test proves was (or was not) reached. Stop it with Stop-S3mTestRecorder.
    .OUTPUTS
        S3M.TestRecorder: Port, Origin (http://127.0.0.1:<port>), and Received, the text of each
        connection so far (read it as @($recorder.Received)).
    #>
    [CmdletBinding()]
    [OutputType('S3M.TestRecorder')]
    param()
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $received = [Collections.Concurrent.ConcurrentQueue[string]]::new()
    $ps = [powershell]::Create()
    $null = $ps.AddScript({
        param($Listener, $Received)
        $reply = [Text.Encoding]::ASCII.GetBytes("HTTP/1.1 502 Bad Gateway`r`nContent-Length: 0`r`nConnection: close`r`n`r`n")
        while ($true) {
            try { $client = $Listener.AcceptTcpClient() } catch { return }   # Stop-S3mTestRecorder stopped the listener
            try {
                $client.ReceiveTimeout = 2000
                $stream = $client.GetStream()
                $buffer = [byte[]]::new(8192)
                $text = ''
                while ($text -notmatch "`r`n`r`n") {
                    $read = try { $stream.Read($buffer, 0, $buffer.Length) } catch { 0 }
                    if ($read -le 0) { break }
                    $text += [Text.Encoding]::ASCII.GetString($buffer, 0, $read)
                }
                $Received.Enqueue($text)
                try { $stream.Write($reply, 0, $reply.Length) } catch { }
            }
            finally { $client.Dispose() }
        }
    }).AddArgument($listener).AddArgument($received)
    $handle = $ps.BeginInvoke()
    $port = $listener.LocalEndpoint.Port
    [pscustomobject]@{
        PSTypeName = 'S3M.TestRecorder'
        Port       = $port
        Origin     = "http://127.0.0.1:$port"
        Received   = $received
        Listener   = $listener
        PowerShell = $ps
        Handle     = $handle
    }
}

function Stop-S3mTestRecorder {
    <# .SYNOPSIS Stops a recorder from Start-S3mTestRecorder; safe with $null. #>
    [CmdletBinding()]
    param([Parameter(Position = 0)] [AllowNull()] [psobject]$Recorder)
    if ($null -eq $Recorder -or $null -eq $Recorder.PSObject.Properties['Listener']) { return }
    $Recorder.Listener.Stop()
    $null = $Recorder.Handle.AsyncWaitHandle.WaitOne(5000)
    $Recorder.PowerShell.Dispose()
}

Export-ModuleMember -Function @(
    'Start-S3mTestEmulator'
    'Stop-S3mTestEmulator'
    'Publish-S3mTestEmulator'
    'Initialize-S3mTestFile'
    'Complete-S3mTestFile'
    'Get-S3mTestTokenPath'
    'Read-S3mTestToken'
    'New-S3mTestToken'
    'Get-S3mTestRequest'
    'Clear-S3mTestRequest'
    'Add-S3mTestFault'
    'Clear-S3mTestFault'
    'Reset-S3mTestEmulator'
    'Move-S3mTestClock'
    'Set-S3mTestScheduler'
    'Set-S3mTestLatency'
    'Set-S3mTestDialect'
    'Set-S3mTestDowntime'
    'Get-S3mTestMaxInFlight'
    'Set-S3mTestStreaming'
    'Set-S3mTestClusterHealth'
    'Set-S3mTestClusterDeleteRefusal'
    'Set-S3mTestSlurmRefusals'
    'Invoke-S3mTestPwsh'
    'Start-S3mTestRecorder'
    'Stop-S3mTestRecorder'
)
