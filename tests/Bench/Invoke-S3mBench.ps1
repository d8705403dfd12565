#Requires -Version 7.2

<#
.SYNOPSIS
    Benchmarks the built S3M module against Invoke-RestMethod and a raw HttpClient, on the emulator.

.DESCRIPTION
    Starts the S3M emulator on 127.0.0.1 (a port it picks), creates 2000 jobs up front, then
    measures, as medians of several rounds:

      1. import overhead: 'dotnet pwsh -NoProfile -c Import-Module <S3M.psd1>' against
         'dotnet pwsh -NoProfile -c exit'; and, as its floor, the same for the smallest binary
         module (one cmdlet, compiled here), which is what PowerShell itself costs. All of it
         twice: on the pinned PowerShell (a dotnet tool, IL only) and on a ReadyToRun copy of it,
         precompiled here with crossgen2 from NuGet, as PowerShell's own packages are;
      2. 1,000 sequential 'Get-S3mStatus -Name odo' against 1,000 Invoke-RestMethod of the same
         URL with the same Authorization header;
      3. 2,000 job look-ups: one 'Get-S3mSlurmJob -Resource odo -JobId <2000 IDs>' against a loop
         of Invoke-RestMethod of /job/{id}, and against ForEach-Object -Parallel with
         Invoke-RestMethod; and what reading each job's Raw adds (it is converted on first use),
         against a loop that reads a plain property;
      4. 500 submissions through the pipeline (Get-ChildItem <500 .sbatch files> |
         Submit-S3mSlurmJob), in jobs per second;
      5. the peak working set of a dedicated child pwsh that runs (3);
      6. at a distance: with the emulator holding every request -Latency ms (40 by default), as a
         gateway across the internet does, 2,000 job look-ups, and a 500-job sweep
         (Get-ChildItem | Submit-S3mSlurmJob | Wait-S3mSlurmJob) against what a user writes today
         with Invoke-RestMethod (sequential submits, then a poll per job), each against the
         physical limit: the round trips it needs, over the concurrency, times the latency. It
         also counts the requests per job of each sweep in the emulator's request log.

    The ceiling is the emulator answering a raw System.Net.Http.HttpClient driven by a few lines
    of C# (Add-Type): the same requests, sequential for (2) and (4), with the module's concurrency
    for (3). Every figure is printed with how close it comes to that ceiling; those of (6), with how
    close they come to the physical limit.

    The bench prints and never fails: a measurement that goes wrong is shown as failed and the
    rest go on. It exits 0, or 1 when it could not run at all (no module, no emulator).
    The token is read from the emulator's token file into request headers; it is never printed.

    Normally run through the build: dotnet pwsh ./build.ps1 -Task Bench

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench

.EXAMPLE
    dotnet pwsh tests/Bench/Invoke-S3mBench.ps1 -Rounds 3 -ImportRounds 5 -SlowRounds 1 -OutFile out/bench.json

.EXAMPLE
    dotnet pwsh tests/Bench/Invoke-S3mBench.ps1 -Latency 100 -LatencyRounds 1
#>
[CmdletBinding()]
param(
    # The built module's manifest; default $env:S3M_MODULE_PATH (set by build.ps1), else out/S3M/<version>/S3M.psd1.
    [string]$ModulePath = $env:S3M_MODULE_PATH,

    # The published emulator; default $env:S3M_EMULATOR_DLL (set by build.ps1), else out/S3M.Emulator/S3M.Emulator.dll.
    [string]$EmulatorPath = $env:S3M_EMULATOR_DLL,

    # Rounds of the fast measurements (1, 2, Get-S3mSlurmJob in 3, 4, and the ceilings); the median is reported.
    [ValidateRange(1, 50)]
    [int]$Rounds = 5,

    # Rounds of the slow ones (the Invoke-RestMethod forms of 3, and 5).
    [ValidateRange(1, 50)]
    [int]$SlowRounds = 3,

    # Rounds of (1). Each starts three processes whose start-up alone varies by +-100 ms on a busy
    # machine, so (1) needs many more rounds than the rest for a difference of tens of ms to hold.
    [ValidateRange(1, 100)]
    [int]$ImportRounds = 15,

    # Uncounted rounds before the fast measurements of 2, 3 and 4 (the slow forms warm up on 200
    # requests). On 2 cores the emulator and the clients need several thousand requests before
    # .NET's tiered JIT has compiled their hot paths; without these the first rounds time the JIT.
    [ValidateRange(0, 20)]
    [int]$WarmupRounds = 3,

    # ForEach-Object -Parallel's -ThrottleLimit in (3). The module's own bound is its default
    # (Connect-S3m -MaximumConcurrency, 8), which the ceiling of (3) uses too.
    [ValidateRange(1, 64)]
    [int]$ThrottleLimit = 8,

    # The emulated distance to the gateway in (6), in milliseconds (POST /_emulator/latency); 0 skips (6).
    [ValidateRange(0, 1000)]
    [int]$Latency = 40,

    # Rounds of the module's forms in (6); the Invoke-RestMethod script runs once (40 s at 40 ms).
    [ValidateRange(1, 20)]
    [int]$LatencyRounds = 3,

    # Also write the results as JSON here.
    [string]$OutFile
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).ProviderPath
$StatusCount = 1000
$JobCount = 2000
$SubmitCount = 500
$SweepCount = 500
$Resource = 'odo'

# ---------------------------------------------------------------------------------------------
# Helpers

function Get-Median([double[]]$Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count -eq 0) { return [double]::NaN }
    $mid = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { return $sorted[$mid] }
    ($sorted[$mid - 1] + $sorted[$mid]) / 2
}

# One measurement: a name and the elapsed milliseconds of each round.
function New-Measurement([string]$Id, [string]$Name, [int]$Operations = 0) {
    [pscustomobject]@{
        Id         = $Id
        Name       = $Name
        Operations = $Operations
        Rounds     = [Collections.Generic.List[double]]::new()
        Failure    = $null
    }
}

function Get-MedianOf($Measurement) {
    if ($null -eq $Measurement -or $Measurement.Failure -or $Measurement.Rounds.Count -eq 0) { return [double]::NaN }
    Get-Median $Measurement.Rounds.ToArray()
}

# Runs $Block once, timed, after a full garbage collection; $Check gets its output and returns
# an error message when the output is not what it should be.
# -Discard: a warm-up round, run and checked but not counted.
function Measure-Round($Measurement, [scriptblock]$Block, [scriptblock]$Check, [switch]$Discard) {
    if ($Measurement.Failure) { return }
    try {
        [GC]::Collect()
        [GC]::WaitForPendingFinalizers()
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $output = & $Block
        $watch.Stop()
        if ($Check) {
            $problem = & $Check $output
            if ($problem) { throw $problem }
        }
        if (-not $Discard) { $Measurement.Rounds.Add($watch.Elapsed.TotalMilliseconds) }
    }
    catch {
        $Measurement.Failure = "$($_.Exception.Message)"
    }
}

# A section that could not run at all (its warm-up failed): its measurements say why.
function Set-Failed($Measurements, $ErrorRecord) {
    foreach ($x in $Measurements) { if (-not $x.Failure) { $x.Failure = "$($ErrorRecord.Exception.Message)" } }
}

function Test-Count($Output, [int]$Expected) {
    $n = @($Output).Count
    if ($n -ne $Expected) { "expected $Expected results, got $n" }
}

# The pinned PowerShell of the repository (dotnet pwsh, found from the repository root), or the
# given pwsh.dll, with its output captured; returns the exit code, the output and the wall-clock
# milliseconds.
function Invoke-ChildPwsh([string[]]$ArgumentList, [string]$PwshDll = 'pwsh') {
    $startInfo = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($PwshDll) + $ArgumentList) { $startInfo.ArgumentList.Add($a) }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.WorkingDirectory = $RepoRoot
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($startInfo)
    try {
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        $watch.Stop()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout; Error = $stderr.Result; Milliseconds = $watch.Elapsed.TotalMilliseconds }
    }
    finally {
        $process.Dispose()
    }
}

# A ReadyToRun copy of the PowerShell running this script, for the second form of (1).
# The pinned PowerShell is the dotnet tool package, whose own assemblies are IL only: every
# method PowerShell runs while it starts and imports is compiled by the JIT first, in that process.
# PowerShell's packages (deb, rpm, msi, pkg) ship those assemblies precompiled (crossgen). This
# precompiles the same assemblies with crossgen2, which NuGet serves as the SDK's own ReadyToRun
# compiler (restored through a throwaway project). Returns the copy's pwsh.dll, or throws.
function New-ReadyToRunPwsh([string]$Work) {
    $source = Split-Path -Parent ([psobject].Assembly.Location)
    if (-not (Test-Path -LiteralPath (Join-Path $source 'pwsh.dll'))) { throw "no pwsh.dll beside $source" }
    $rid = [Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    $os, $arch = $rid -split '-', 2
    $os = @{ win = 'windows'; osx = 'osx'; linux = 'linux' }[$os]
    if (-not $os) { throw "no ReadyToRun target for runtime $rid" }

    $project = Join-Path $Work 'crossgen-restore'
    $null = New-Item -ItemType Directory -Path $project
    Set-Content -LiteralPath (Join-Path $project 'restore.csproj') -Value @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net$([Environment]::Version.ToString(2))</TargetFramework>
    <RuntimeIdentifier>$rid</RuntimeIdentifier>
    <PublishReadyToRun>true</PublishReadyToRun>
  </PropertyGroup>
</Project>
"@
    $restore = & dotnet restore $project --nologo 2>&1
    if ($LASTEXITCODE -ne 0) { throw "could not restore crossgen2: $($restore | Select-Object -Last 3)" }
    $packages = (& dotnet msbuild (Join-Path $project 'restore.csproj') -getProperty:NuGetPackageRoot 2>$null | Select-Object -Last 1).Trim()
    $compiler = Get-ChildItem -Path (Join-Path $packages "microsoft.netcore.app.crossgen2.$rid/$([Environment]::Version)/tools") -Filter 'crossgen2*' -ErrorAction SilentlyContinue |
        Where-Object { $_.Name -in 'crossgen2', 'crossgen2.exe' } | Select-Object -First 1
    if (-not $compiler) { throw "crossgen2 $([Environment]::Version) for $rid was not restored under $packages" }

    $target = Join-Path $Work 'pwsh-readytorun'
    Copy-Item -LiteralPath $source -Destination $target -Recurse
    $runtime = [Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
    $assemblies = Get-ChildItem -LiteralPath $source -Filter '*.dll' |
        Where-Object { $_.Name -eq 'pwsh.dll' -or $_.Name -eq 'System.Management.Automation.dll' -or $_.Name -like 'Microsoft.PowerShell.*.dll' }
    foreach ($assembly in $assemblies) {
        # References as folders: PowerShell would expand a '*.dll' argument into file names itself.
        $out = & $compiler.FullName $assembly.FullName -o (Join-Path $target $assembly.Name) -r $runtime -r $source --targetos $os --targetarch $arch -O 2>&1
        if ($LASTEXITCODE -ne 0) { throw "crossgen2 failed on $($assembly.Name): $($out | Select-Object -First 5)" }
    }
    Join-Path $target 'pwsh.dll'
}

# The 1-minute load average (Linux), to show how busy the machine was: other processes on the
# same cores distort every figure.
function Get-LoadAverage {
    if (Test-Path -LiteralPath '/proc/loadavg') { return ((Get-Content -LiteralPath '/proc/loadavg' -Raw) -split ' ')[0] }
    'n/a'
}

function Get-MachineDescription {
    $memory = 'unknown'
    $cpu = 'unknown'
    if (Test-Path -LiteralPath '/proc/meminfo') {
        $line = Select-String -LiteralPath '/proc/meminfo' -Pattern '^MemTotal:\s+(\d+) kB' | Select-Object -First 1
        if ($line) { $memory = '{0:0.0} GiB' -f ([double]$line.Matches[0].Groups[1].Value / 1MB) }
        $model = Select-String -LiteralPath '/proc/cpuinfo' -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1
        if ($model) { $cpu = $model.Matches[0].Groups[1].Value.Trim() }
    }
    elseif ($IsWindows) {
        $info = Get-CimInstance Win32_ComputerSystem -ErrorAction SilentlyContinue
        if ($info) { $memory = '{0:0.0} GiB' -f ($info.TotalPhysicalMemory / 1GB) }
    }
    elseif ($IsMacOS) {
        $bytes = & sysctl -n hw.memsize 2>$null
        if ($bytes) { $memory = '{0:0.0} GiB' -f ([double]$bytes / 1GB) }
    }
    [ordered]@{
        Cores      = [Environment]::ProcessorCount
        Cpu        = $cpu
        Memory     = $memory
        OS         = [Runtime.InteropServices.RuntimeInformation]::OSDescription
        Dotnet     = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
        PowerShell = $PSVersionTable.PSVersion.ToString()
    }
}

# The ceiling: a raw HttpClient, no PowerShell in the loop, reading each body as bytes.
$CeilingSource = @'
using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

public static class S3mBenchCeiling
{
    private static readonly HttpClient Client = new HttpClient(new SocketsHttpHandler
    {
        UseCookies = false, AllowAutoRedirect = false, UseProxy = false, MaxConnectionsPerServer = 64,
    });

    /// <summary>GETs every URL, <paramref name="concurrency"/> at a time; returns the elapsed milliseconds.</summary>
    public static double Get(string[] urls, string authorization, int concurrency)
    {
        return Run(urls.Length, concurrency, i => Send(HttpMethod.Get, urls[i], authorization, null));
    }

    /// <summary>POSTs <paramref name="body"/> <paramref name="count"/> times, one at a time.</summary>
    public static double Post(string url, string body, string authorization, int count)
    {
        return Run(count, 1, _ => Send(HttpMethod.Post, url, authorization, body));
    }

    private static double Run(int count, int concurrency, Func<int, Task> send)
    {
        var watch = Stopwatch.StartNew();
        var next = -1;
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count) await send(i).ConfigureAwait(false);
            });
        }
        Task.WaitAll(workers);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task Send(HttpMethod method, string url, string authorization, string body)
    {
        using (var request = new HttpRequestMessage(method, url))
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            request.Headers.TryAddWithoutValidation("Accept", "application/json");
            if (body != null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using (var response = await Client.SendAsync(request).ConfigureAwait(false))
            {
                var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException(method + " " + new Uri(url).AbsolutePath + " answered " + (int)response.StatusCode);
            }
        }
    }
}
'@

# The floor of (1): the smallest binary module (one cmdlet, a three-line manifest), compiled here.
# What PowerShell itself spends importing any binary module through a manifest.
$FloorModuleSource = @'
using System.Management.Automation;
[Cmdlet(VerbsCommon.Get, "S3mBenchFloor")]
public sealed class GetS3mBenchFloor : PSCmdlet { protected override void ProcessRecord() { WriteObject(1); } }
'@

# The child that runs (3) on its own and reports its peak working set (5).
$PeakChildScript = @'
param([string]$ModulePath, [string]$BaseUri, [string]$TokenPath, [string]$IdsPath, [string]$Resource, [int]$Rounds, [switch]$Baseline)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Connect-S3m -BaseUri $BaseUri -TokenPath $TokenPath
$count = 0
if ($Baseline) {
    $count = @(Get-S3mStatus -Name $Resource).Count
}
else {
    $ids = [int[]](Get-Content -LiteralPath $IdsPath -Raw | ConvertFrom-Json)
    for ($r = 0; $r -lt $Rounds; $r++) {
        $jobs = Get-S3mSlurmJob -Resource $Resource -JobId $ids
        $count = @($jobs).Count
    }
}
$me = [Diagnostics.Process]::GetCurrentProcess()
$me.Refresh()
[ordered]@{ Count = $count; PeakWorkingSet64 = $me.PeakWorkingSet64; WorkingSet64 = $me.WorkingSet64 } | ConvertTo-Json -Compress
'@

# ---------------------------------------------------------------------------------------------
# Set-up: the module and the emulator (copied to a private folder, so a rebuild of out/ while
# the bench runs cannot pull them away), the session, the token header, 2000 jobs.

if (-not $ModulePath) { $ModulePath = @(Get-ChildItem -Path (Join-Path $RepoRoot 'out/S3M/*/S3M.psd1') -ErrorAction SilentlyContinue | Select-Object -Last 1 -ExpandProperty FullName)[0] }
if (-not $EmulatorPath) { $EmulatorPath = Join-Path $RepoRoot 'out/S3M.Emulator/S3M.Emulator.dll' }
if (-not $ModulePath -or -not (Test-Path -LiteralPath $ModulePath -PathType Leaf)) {
    Write-Host "Invoke-S3mBench: no built module ('$ModulePath'); run: dotnet pwsh ./build.ps1" -ForegroundColor Red
    exit 1
}
if (-not (Test-Path -LiteralPath $EmulatorPath -PathType Leaf)) {
    Write-Host "Invoke-S3mBench: no published emulator ('$EmulatorPath'); run: dotnet pwsh ./build.ps1" -ForegroundColor Red
    exit 1
}

$work = [IO.Directory]::CreateTempSubdirectory('s3m-bench-').FullName
$emu = $null
$session = $null
$results = $null
$exitCode = 0
try {
    $moduleSource = Split-Path -Parent (Resolve-Path -LiteralPath $ModulePath).ProviderPath
    $moduleCopy = Join-Path $work "S3M/$(Split-Path -Leaf $moduleSource)"
    $null = New-Item -ItemType Directory -Path $moduleCopy -Force
    Copy-Item -Path (Join-Path $moduleSource '*') -Destination $moduleCopy -Recurse
    $ModulePath = Join-Path $moduleCopy (Split-Path -Leaf $ModulePath)
    $emulatorCopy = Join-Path $work 'S3M.Emulator'
    Copy-Item -LiteralPath (Split-Path -Parent (Resolve-Path -LiteralPath $EmulatorPath).ProviderPath) -Destination $emulatorCopy -Recurse
    $EmulatorPath = Join-Path $emulatorCopy (Split-Path -Leaf $EmulatorPath)

    Import-Module (Join-Path $RepoRoot 'tests/Pester/TestSupport.psm1') -Force
    Import-Module $ModulePath -Force
    $moduleVersion = (Get-Module S3M).Version.ToString()
    Add-Type -TypeDefinition $CeilingSource -Language CSharp

    $loadAtStart = Get-LoadAverage
    Write-Host "S3M bench: module $moduleVersion; starting the emulator..."
    $emu = Start-S3mTestEmulator -EmulatorPath $EmulatorPath
    # Jobs finish the moment they are submitted, with no COMPLETING pause: nothing runs in the
    # background, answers stay small, and a wait's first poll finds every job final, as the limit of (6) assumes.
    Set-S3mTestScheduler $emu -PendingSeconds 0 -DefaultRunSeconds 0 -CompletingSeconds 0
    $tokenPath = Get-S3mTestTokenPath $emu 'stf042-full'
    $session = Connect-S3m -BaseUri $emu.BaseUri -TokenPath $tokenPath -PassThru
    # The same header the module sends; kept in a variable, never printed.
    $authorization = Read-S3mTestToken $tokenPath
    $headers = @{ Authorization = $authorization }

    $version = $session.SlurmApiVersions[$Resource]
    $slurmBase = "$($emu.BaseUri)$($session.ComputePrefix)/$($session.Enclave)/$version/$Resource"
    $statusUrl = "$($emu.BaseUri)/olcf/v1alpha/status/$Resource"
    $jobPrefix = "$slurmBase/job/"
    $submitUrl = "$slurmBase/job/submit"
    $concurrency = $session.MaximumConcurrency

    Write-Host "S3M bench: creating $JobCount jobs on $Resource..."
    $body = @{ job = @{ name = 'bench'; account = 'stf042'; partition = 'batch'; environment = @('PATH=/bin'); time_limit = @{ set = $true; number = 30 }; script = "#!/bin/bash`ntrue`n" } }
    $module = $ModulePath
    # Through one shared session from 16 runspaces (as tests/Pester/Load.Tests.ps1 does); the job
    # form of v0.0.43 is the simplest body, and odo serves the same jobs in every version.
    $ids = [int[]]@(1..$JobCount | ForEach-Object -ThrottleLimit 16 -Parallel {
            Import-Module $using:module
            (Invoke-S3mSlurm $using:Resource /job/submit -Method POST -Body $using:body -ApiVersion v0.0.43 -Session $using:session).job_id
        })
    if ($ids.Count -ne $JobCount) { throw "Created $($ids.Count) jobs, not $JobCount." }
    $ids = [int[]]@($ids | Sort-Object { Get-Random })   # asked in no particular order
    $idsPath = Join-Path $work 'ids.json'
    ConvertTo-Json -InputObject $ids -Compress | Set-Content -LiteralPath $idsPath
    $jobUrls = [string[]]@($ids | ForEach-Object { "$jobPrefix$_" })
    Clear-S3mTestRequest $emu

    $m = [ordered]@{
        Exit        = New-Measurement '1' 'pwsh -NoProfile -c exit'
        Import      = New-Measurement '1' 'pwsh -NoProfile -c Import-Module S3M'
        Floor       = New-Measurement '1' 'pwsh -NoProfile -c Import-Module <one-cmdlet module>'
        ExitR2R     = New-Measurement '1' 'ReadyToRun pwsh -NoProfile -c exit'
        ImportR2R   = New-Measurement '1' 'ReadyToRun pwsh -NoProfile -c Import-Module S3M'
        FloorR2R    = New-Measurement '1' 'ReadyToRun pwsh -NoProfile -c Import-Module <one-cmdlet>'
        Status      = New-Measurement '2' "Get-S3mStatus -Name $Resource, $StatusCount times" $StatusCount
        StatusIrm   = New-Measurement '2' "Invoke-RestMethod status, $StatusCount times" $StatusCount
        StatusRaw   = New-Measurement '2' "ceiling: HttpClient, $StatusCount sequential" $StatusCount
        Jobs        = New-Measurement '3' "Get-S3mSlurmJob -JobId <$JobCount IDs>" $JobCount
        JobsIrm     = New-Measurement '3' "Invoke-RestMethod loop, $JobCount" $JobCount
        JobsPar     = New-Measurement '3' "ForEach-Object -Parallel -ThrottleLimit $ThrottleLimit + IRM" $JobCount
        JobsRaw     = New-Measurement '3' "ceiling: HttpClient, $JobCount, $concurrency in flight" $JobCount
        JobsField   = New-Measurement '3' "Get-S3mSlurmJob <$JobCount IDs>, then .JobId of each" $JobCount
        JobsAnswer  = New-Measurement '3' "Get-S3mSlurmJob <$JobCount IDs>, then .Raw.job_id of each" $JobCount
        Submit      = New-Measurement '4' "Get-ChildItem <$SubmitCount files> | Submit-S3mSlurmJob" $SubmitCount
        SubmitRaw   = New-Measurement '4' "ceiling: HttpClient POST, $SubmitCount sequential" $SubmitCount
        FarJobs     = New-Measurement '6' "at $Latency ms: Get-S3mSlurmJob -JobId <$JobCount IDs>" $JobCount
        FarSweep    = New-Measurement '6' "at $Latency ms: $SweepCount files | Submit | Wait-S3mSlurmJob" $SweepCount
        FarIrm      = New-Measurement '6' "at $Latency ms: IRM script: submits, then a poll each" $SweepCount
    }
    if ($Latency -eq 0) { foreach ($key in 'FarJobs', 'FarSweep', 'FarIrm') { $m.Remove($key) } }
    # Requests the emulator logged per job in each sweep of (6).
    $farRequests = [ordered]@{ Sweep = [Collections.Generic.List[double]]::new(); Irm = [Collections.Generic.List[double]]::new() }
    $peak = [ordered]@{ Run = $null; Baseline = $null; Failure = $null }

    # --- 1. Import overhead: the commands alternate, so drift hits them alike.
    Write-Host "S3M bench: 1. import overhead ($ImportRounds rounds)..."
    $floorDir = Join-Path $work 'S3mBenchFloor'
    $null = New-Item -ItemType Directory -Path $floorDir
    try {
        Add-Type -TypeDefinition $FloorModuleSource -OutputAssembly (Join-Path $floorDir 'S3mBenchFloor.dll')
        Set-Content -LiteralPath (Join-Path $floorDir 'S3mBenchFloor.psd1') -Value "@{ ModuleVersion = '1.0'; RootModule = 'S3mBenchFloor.dll'; CmdletsToExport = @('Get-S3mBenchFloor') }"
    }
    catch { $m.Floor.Failure = "could not compile the one-cmdlet module: $($_.Exception.Message)" }
    $import = "Import-Module '$($ModulePath -replace "'", "''")'"
    $floorImport = "Import-Module '$((Join-Path $floorDir 'S3mBenchFloor.psd1') -replace "'", "''")'"
    $r2rPwsh = 'pwsh'
    try {
        Write-Host "S3M bench: 1. precompiling a copy of this PowerShell (ReadyToRun)..."
        $r2rPwsh = New-ReadyToRunPwsh $work
    }
    catch { foreach ($x in $m.ExitR2R, $m.ImportR2R, $m.FloorR2R) { $x.Failure = "no ReadyToRun PowerShell: $($_.Exception.Message)" } }
    $forms = @(
        @($m.Exit, 'exit', 'pwsh'), @($m.Import, $import, 'pwsh'), @($m.Floor, $floorImport, 'pwsh'),
        @($m.ExitR2R, 'exit', $r2rPwsh), @($m.ImportR2R, $import, $r2rPwsh), @($m.FloorR2R, $floorImport, $r2rPwsh))
    foreach ($form in $forms) { $null = Invoke-ChildPwsh @('-NoProfile', '-c', $form[1]) $form[2] }   # warm the disk cache and the tool resolution
    for ($r = 0; $r -lt $ImportRounds; $r++) {
        foreach ($form in $forms) {
            Measure-Round $form[0] {
                $child = Invoke-ChildPwsh @('-NoProfile', '-NonInteractive', '-c', $form[1]) $form[2]
                if ($child.ExitCode -ne 0) { throw "exit code $($child.ExitCode): $($child.Error.Trim())" }
            }
        }
    }

    # --- 2. Sequential status reads.
    try {
        Write-Host "S3M bench: 2. $StatusCount status reads ($Rounds rounds)..."
        $statusUrls = [string[]]@($statusUrl) * $StatusCount
        for ($r = -$WarmupRounds; $r -lt $Rounds; $r++) {   # negative rounds warm up and are not counted
            Measure-Round $m.Status -Discard:($r -lt 0) {
                for ($i = 0; $i -lt $StatusCount; $i++) { $null = Get-S3mStatus -Name $Resource }
            }
            Measure-Round $m.StatusIrm -Discard:($r -lt 0) {
                for ($i = 0; $i -lt $StatusCount; $i++) { $null = Invoke-RestMethod -Uri $statusUrl -Headers $headers }
            }
            Measure-Round $m.StatusRaw -Discard:($r -lt 0) { [S3mBenchCeiling]::Get($statusUrls, $authorization, 1) }
            Clear-S3mTestRequest $emu
        }
    }
    catch { Set-Failed @($m.Status, $m.StatusIrm, $m.StatusRaw) $_ }

    # --- 3. 2000 job look-ups.
    try {
        Write-Host "S3M bench: 3. $JobCount job look-ups ($Rounds rounds; $SlowRounds for the Invoke-RestMethod forms)..."
        # The slow forms warm up on 200 requests each; a full uncounted round of them would take seconds.
        foreach ($url in $jobUrls[0..199]) { $null = Invoke-RestMethod -Uri $url -Headers $headers }
        $null = $jobUrls[0..199] | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel { Invoke-RestMethod -Uri $_ -Headers $using:headers }
        for ($r = -$WarmupRounds; $r -lt $Rounds; $r++) {   # negative rounds warm up and are not counted
            Measure-Round $m.Jobs -Discard:($r -lt 0) { Get-S3mSlurmJob -Resource $Resource -JobId $ids } { param($o) Test-Count $o $JobCount }
            Measure-Round $m.JobsRaw -Discard:($r -lt 0) { [S3mBenchCeiling]::Get($jobUrls, $authorization, $concurrency) }
            # Raw is converted when first read: the difference between these two is that conversion.
            Measure-Round $m.JobsField -Discard:($r -lt 0) {
                $jobs = Get-S3mSlurmJob -Resource $Resource -JobId $ids
                foreach ($job in $jobs) { $null = $job.JobId }
                $jobs
            } { param($o) Test-Count $o $JobCount }
            Measure-Round $m.JobsAnswer -Discard:($r -lt 0) {
                $jobs = Get-S3mSlurmJob -Resource $Resource -JobId $ids
                foreach ($job in $jobs) { $null = $job.Raw.job_id }
                $jobs
            } { param($o) Test-Count $o $JobCount }
            if ($r -ge 0 -and $r -lt $SlowRounds) {
                Measure-Round $m.JobsIrm {
                    foreach ($url in $jobUrls) { Invoke-RestMethod -Uri $url -Headers $headers }
                } { param($o) Test-Count $o $JobCount }
                Measure-Round $m.JobsPar {
                    $jobUrls | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel { Invoke-RestMethod -Uri $_ -Headers $using:headers }
                } { param($o) Test-Count $o $JobCount }
            }
            Clear-S3mTestRequest $emu
        }
    }
    catch { Set-Failed @($m.Jobs, $m.JobsIrm, $m.JobsPar, $m.JobsRaw, $m.JobsField, $m.JobsAnswer) $_ }

    # --- 4. Submissions through the pipeline; the ceiling POSTs the body the module sent.
    try {
        Write-Host "S3M bench: 4. $SubmitCount submissions ($Rounds rounds)..."
        # Script files through Get-ChildItem: piping script text (the -Script parameter set) does not
        # bind in this version, see docs/performance.md.
        $scriptText = "#!/bin/bash`n#SBATCH --job-name=bench-{0}`n#SBATCH --account=stf042`n#SBATCH --partition=batch`n#SBATCH --time=5`necho {0}`n"
        $scriptDir = Join-Path $work 'scripts'
        $null = New-Item -ItemType Directory -Path $scriptDir
        foreach ($i in 1..$SubmitCount) { [IO.File]::WriteAllText((Join-Path $scriptDir ('job{0:000}.sbatch' -f $i)), ($scriptText -f $i)) }
        [IO.File]::WriteAllText((Join-Path $work 'warm.sbatch'), ($scriptText -f 0))
        Clear-S3mTestRequest $emu
        $null = Get-Item -LiteralPath (Join-Path $work 'warm.sbatch') | Submit-S3mSlurmJob -Resource $Resource
        $submitBody = @(Get-S3mTestRequest $emu -Method POST -Path '*/job/submit')[-1].body
        $null = [S3mBenchCeiling]::Post($submitUrl, $submitBody, $authorization, 5)
        for ($r = -$WarmupRounds; $r -lt $Rounds; $r++) {   # negative rounds warm up and are not counted
            Measure-Round $m.Submit -Discard:($r -lt 0) {
                Get-ChildItem -LiteralPath $scriptDir -Filter '*.sbatch' | Submit-S3mSlurmJob -Resource $Resource
            } { param($o) Test-Count $o $SubmitCount }
            Measure-Round $m.SubmitRaw -Discard:($r -lt 0) { [S3mBenchCeiling]::Post($submitUrl, $submitBody, $authorization, $SubmitCount) }
            Clear-S3mTestRequest $emu
        }
    }
    catch { Set-Failed @($m.Submit, $m.SubmitRaw) $_ }

    # --- 5. Peak working set of a pwsh that runs (3), and of one that only imports and connects.
    Write-Host "S3M bench: 5. peak working set of a child pwsh running (3) $SlowRounds times..."
    try {
        $childPath = Join-Path $work 'peak-child.ps1'
        Set-Content -LiteralPath $childPath -Value $PeakChildScript
        $childArgs = @('-NoProfile', '-NonInteractive', '-File', $childPath, '-ModulePath', $ModulePath, '-BaseUri', $emu.BaseUri,
            '-TokenPath', $tokenPath, '-IdsPath', $idsPath, '-Resource', $Resource, '-Rounds', $SlowRounds)
        foreach ($kind in 'Run', 'Baseline') {
            $child = Invoke-ChildPwsh ($childArgs + $(if ($kind -eq 'Baseline') { '-Baseline' }))
            if ($child.ExitCode -ne 0) { throw "the child pwsh exited with code $($child.ExitCode): $($child.Error.Trim())" }
            $answer = $child.Output.Trim() -split "`n" | Select-Object -Last 1 | ConvertFrom-Json
            if ($kind -eq 'Run' -and $answer.Count -ne $JobCount) { throw "the child got $($answer.Count) jobs, not $JobCount" }
            $peak[$kind] = [double]$answer.PeakWorkingSet64
        }
    }
    catch {
        $peak.Failure = "$($_.Exception.Message)"
    }

    # --- 6. At a distance: the emulator holds every S3M request $Latency ms, as a gateway across
    # the internet would, so what counts is how many round trips wait one after the other.
    if ($Latency -gt 0) {
        try {
            Write-Host "S3M bench: 6. at $Latency ms: $JobCount look-ups and a $SweepCount-job sweep ($LatencyRounds rounds; the Invoke-RestMethod script once)..."
            $sweepDir = Join-Path $work 'sweep'
            $null = New-Item -ItemType Directory -Path $sweepDir
            $sweepText = "#!/bin/bash`n#SBATCH --job-name=sweep-{0}`n#SBATCH --account=stf042`n#SBATCH --time=5`necho {0}`n"
            foreach ($i in 1..$SweepCount) { [IO.File]::WriteAllText((Join-Path $sweepDir ('run{0:000}.sbatch' -f $i)), ($sweepText -f $i)) }
            # What a user writes today: one POST after the other, then one GET per job until it is final.
            $irmSweep = {
                $submitted = foreach ($file in Get-ChildItem -LiteralPath $sweepDir -Filter '*.sbatch') {
                    $job = @{ name = $file.BaseName; account = 'stf042'; environment = @('PATH=/bin:/usr/bin'); time_limit = @{ set = $true; number = 5 } }
                    $body = @{ script = [IO.File]::ReadAllText($file.FullName); jobs = @($job) } | ConvertTo-Json -Depth 5
                    (Invoke-RestMethod -Method Post -Uri $submitUrl -Headers $headers -Body $body -ContentType 'application/json').job_id
                }
                foreach ($id in $submitted) {
                    do {
                        $job = (Invoke-RestMethod -Uri "$jobPrefix$id" -Headers $headers).jobs[0]
                        $final = @($job.state.current | Where-Object { $_ -in 'COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT' }).Count -gt 0
                        if (-not $final) { Start-Sleep -Seconds 1 }
                    } until ($final)
                    $job
                }
            }
            # Every job of a sweep ended well: the module's S3M.SlurmJob, or the accounting JSON the script reads.
            $allCompleted = {
                param($Output)
                $jobs = @($Output)
                if ($jobs.Count -ne $SweepCount) { return "expected $SweepCount jobs, got $($jobs.Count)" }
                $states = foreach ($job in $jobs) { if ($job -is [S3M.SlurmJob]) { $job.State } else { @($job.state.current)[0] } }
                if (@($states | Where-Object { $_ -ne 'COMPLETED' }).Count) { 'not every job COMPLETED' }
            }
            Set-S3mTestLatency $emu $Latency
            for ($r = 0; $r -lt $LatencyRounds; $r++) {
                Measure-Round $m.FarJobs { Get-S3mSlurmJob -Resource $Resource -JobId $ids } { param($o) Test-Count $o $JobCount }
                # Earlier jobs leave the controller's list, so each sweep's job list holds its own jobs, as a fresh sweep's would.
                $null = Move-S3mTestClock $emu 600
                Clear-S3mTestRequest $emu
                Measure-Round $m.FarSweep {
                    Get-ChildItem -LiteralPath $sweepDir -Filter '*.sbatch' | Submit-S3mSlurmJob -Resource $Resource | Wait-S3mSlurmJob -PollInterval 00:00:01
                } $allCompleted
                $farRequests.Sweep.Add(@(Get-S3mTestRequest $emu).Count / $SweepCount)
            }
            $null = Move-S3mTestClock $emu 600
            Clear-S3mTestRequest $emu
            Measure-Round $m.FarIrm $irmSweep $allCompleted
            $farRequests.Irm.Add(@(Get-S3mTestRequest $emu).Count / $SweepCount)
        }
        catch { Set-Failed @($m.FarJobs, $m.FarSweep, $m.FarIrm) $_ }
        finally { Set-S3mTestLatency $emu 0 }
    }

    # -----------------------------------------------------------------------------------------
    # The report.

    $med = @{}
    foreach ($key in $m.Keys) { $med[$key] = Get-MedianOf $m[$key] }
    # The median of each round's difference: a round's three processes ran side by side, so they
    # shared whatever else the machine was doing then. (A difference of medians mixes rounds.)
    function Get-PairedOverhead($With, $Without) {
        if ($With.Failure -or $Without.Failure -or $With.Rounds.Count -ne $Without.Rounds.Count) { return (Get-MedianOf $With) - (Get-MedianOf $Without) }
        Get-Median @(for ($i = 0; $i -lt $With.Rounds.Count; $i++) { $With.Rounds[$i] - $Without.Rounds[$i] })
    }
    $importOverhead = Get-PairedOverhead $m.Import $m.Exit
    $floorOverhead = Get-PairedOverhead $m.Floor $m.Exit
    $importOverheadR2R = Get-PairedOverhead $m.ImportR2R $m.ExitR2R
    $floorOverheadR2R = Get-PairedOverhead $m.FloorR2R $m.ExitR2R

    function Format-Ms([double]$Ms) {
        if ([double]::IsNaN($Ms)) { return 'failed' }
        if ([Math]::Abs($Ms) -ge 10000) { return '{0:0.0} s' -f ($Ms / 1000) }
        '{0:0} ms' -f $Ms
    }
    function Format-Ratio([double]$Value) { if ([double]::IsNaN($Value) -or [double]::IsInfinity($Value)) { 'n/a' } else { '{0:0.0}x' -f $Value } }
    function Format-Percent([double]$Value) { if ([double]::IsNaN($Value) -or [double]::IsInfinity($Value)) { 'n/a' } else { '{0:0}%' -f (100 * $Value) } }
    function Format-MB([object]$Bytes) { if ($null -eq $Bytes) { 'failed' } else { '{0:0} MB' -f ($Bytes / 1MB) } }

    $machine = Get-MachineDescription
    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add('')
    $lines.Add("S3M benchmark: module $moduleVersion against the emulator on 127.0.0.1; medians of $Rounds rounds ($ImportRounds for 1; $SlowRounds for the Invoke-RestMethod forms of 3 and for 5; $LatencyRounds for 6, its Invoke-RestMethod script once), after $WarmupRounds uncounted")
    $lines.Add("Machine: $($machine.Cores) cores ($($machine.Cpu)), $($machine.Memory); $($machine.OS); $($machine.Dotnet); PowerShell $($machine.PowerShell)")
    $lines.Add("Load average (1 min) at start $loadAtStart, at end $(Get-LoadAverage): the bench itself adds about 1 to 2; more means other work shared the cores.")
    $lines.Add('')
    $row = '{0,-3} {1,-58} {2,10} {3,10} {4,10} {5,12} {6,10}'
    $lines.Add(($row -f '#', 'Measurement', 'Median', 'Min', 'Max', 'Per op', 'Of ceiling'))
    $lines.Add(($row -f '--', ('-' * 58), ('-' * 10), ('-' * 10), ('-' * 10), ('-' * 12), ('-' * 10)))
    $ceilingOf = @{ Status = 'StatusRaw'; StatusIrm = 'StatusRaw'; Jobs = 'JobsRaw'; JobsIrm = 'JobsRaw'; JobsPar = 'JobsRaw'; Submit = 'SubmitRaw' }
    # The physical limits of (6): the round trips that must wait one after the other, times the latency.
    # Look-ups: every ID once, $concurrency at a time. The sweep: every script once, $concurrency at a
    # time, then one read of the job list. The Invoke-RestMethod script does the same task, so it is
    # held to the same limit (its own 1,000 requests one after the other are what it loses to it).
    $lookupTrips = [Math]::Ceiling($JobCount / $concurrency)
    $sweepTrips = [Math]::Ceiling($SweepCount / $concurrency) + 1
    $limitOf = @{ FarJobs = $lookupTrips * $Latency; FarSweep = $sweepTrips * $Latency; FarIrm = $sweepTrips * $Latency }
    foreach ($key in $m.Keys) {
        $x = $m[$key]
        if ($x.Failure) {
            $lines.Add(($row -f $x.Id, $x.Name, 'failed', '', '', '', '') + "  ($($x.Failure))")
            continue
        }
        $values = $x.Rounds.ToArray()
        $perOp = if ($x.Operations) { '{0:0.000} ms' -f ($med[$key] / $x.Operations) } else { '' }
        $ofCeiling = if ($ceilingOf.ContainsKey($key)) { Format-Percent ($med[$ceilingOf[$key]] / $med[$key]) }
        elseif ($limitOf.ContainsKey($key)) { Format-Percent ($limitOf[$key] / $med[$key]) }
        else { '' }
        $lines.Add(($row -f $x.Id, $x.Name, (Format-Ms $med[$key]), (Format-Ms ($values | Measure-Object -Minimum).Minimum),
                (Format-Ms ($values | Measure-Object -Maximum).Maximum), $perOp, $ofCeiling))
    }
    $lines.Add(($row -f '1', 'import overhead (Import-Module minus exit, per round)', (Format-Ms $importOverhead), '', '', '', ''))
    $lines.Add(($row -f '1', 'floor: the same for a one-cmdlet binary module', (Format-Ms $floorOverhead), '', '', '', ''))
    $lines.Add(($row -f '1', "S3M's own share (overhead minus floor)", (Format-Ms ($importOverhead - $floorOverhead)), '', '', '', ''))
    $lines.Add(($row -f '1', 'import overhead, ReadyToRun pwsh', (Format-Ms $importOverheadR2R), '', '', '', ''))
    $lines.Add(($row -f '1', 'floor, ReadyToRun pwsh', (Format-Ms $floorOverheadR2R), '', '', '', ''))
    $lines.Add(($row -f '1', "S3M's own share, ReadyToRun pwsh", (Format-Ms ($importOverheadR2R - $floorOverheadR2R)), '', '', '', ''))
    $rawPerJob = ($med.JobsAnswer - $med.JobsField) / $JobCount
    $lines.Add(($row -f '3', 'Raw: converting one job''s on first read (the difference)', $(if ([double]::IsNaN($rawPerJob)) { 'failed' } else { '{0:0.000} ms' -f $rawPerJob }), '', '', '', ''))
    $lines.Add(($row -f '3', "Raw: reading $JobCount jobs and their Raw, against reading alone", (Format-Ratio ($med.JobsAnswer / $med.Jobs)), '', '', '', ''))
    $submitRate = $SubmitCount / ($med.Submit / 1000)
    $submitRawRate = $SubmitCount / ($med.SubmitRaw / 1000)
    $rateLabel = 'submissions per second (ceiling: {0:0}/s)' -f $submitRawRate
    $lines.Add(($row -f '4', $rateLabel, $(if ([double]::IsNaN($submitRate)) { 'failed' } else { '{0:0}/s' -f $submitRate }), '', '', '', (Format-Percent ($submitRate / $submitRawRate))))
    if ($peak.Failure) {
        $lines.Add(($row -f '5', 'peak working set, child pwsh running (3)', 'failed', '', '', '', '') + "  ($($peak.Failure))")
    }
    else {
        $lines.Add(($row -f '5', "peak working set, child pwsh running (3) $SlowRounds times", (Format-MB $peak.Run), '', '', '', ''))
        $lines.Add(($row -f '5', 'peak working set, child pwsh: import, connect, one status', (Format-MB $peak.Baseline), '', '', '', ''))
    }
    $perJob = [ordered]@{ Sweep = (Get-Median $farRequests.Sweep.ToArray()); Irm = (Get-Median $farRequests.Irm.ToArray()) }
    function Format-PerJob([double]$Value) { if ([double]::IsNaN($Value)) { 'n/a' } else { '{0:0.00}' -f $Value } }
    if ($Latency -gt 0) {
        $lines.Add(($row -f '6', "limit: $JobCount look-ups, $lookupTrips round trips of $Latency ms", (Format-Ms $limitOf.FarJobs), '', '', '', ''))
        $lines.Add(($row -f '6', "limit: the sweep, $sweepTrips round trips of $Latency ms", (Format-Ms $limitOf.FarSweep), '', '', '', ''))
        $lines.Add(($row -f '6', 'requests per job: Submit | Wait-S3mSlurmJob', (Format-PerJob $perJob.Sweep), '', '', '', ''))
        $lines.Add(($row -f '6', 'requests per job: the Invoke-RestMethod script', (Format-PerJob $perJob.Irm), '', '', '', ''))
    }
    $lines.Add('"Of ceiling": the raw HttpClient time (or rate) of the same requests as a share of this one; 100% is as fast as the emulator answers.')
    if ($Latency -gt 0) {
        $lines.Add("For 6, the physical limit of the task instead: the round trips that cannot overlap ($concurrency in flight, the session's MaximumConcurrency) times the latency.")
    }

    $statusRatio = $med.StatusIrm / $med.Status
    $loopRatio = $med.JobsIrm / $med.Jobs
    $parRatio = $med.JobsPar / $med.Jobs
    $targets = @(
        [pscustomobject]@{ Id = '1'; Target = 'import overhead < 150 ms (pinned pwsh: IL only, JIT)'; Figure = (Format-Ms $importOverhead); Met = $importOverhead -lt 150 }
        [pscustomobject]@{ Id = '1'; Target = 'import overhead < 150 ms (ReadyToRun pwsh, as packaged)'; Figure = (Format-Ms $importOverheadR2R); Met = $importOverheadR2R -lt 150 }
        [pscustomobject]@{ Id = '2'; Target = 'Get-S3mStatus >= 2x faster than Invoke-RestMethod'; Figure = (Format-Ratio $statusRatio); Met = $statusRatio -ge 2 }
        [pscustomobject]@{ Id = '3'; Target = 'Get-S3mSlurmJob >= 10x faster than the IRM loop'; Figure = (Format-Ratio $loopRatio); Met = $loopRatio -ge 10 }
        [pscustomobject]@{ Id = '3'; Target = "Get-S3mSlurmJob faster than -Parallel -ThrottleLimit $ThrottleLimit"; Figure = (Format-Ratio $parRatio); Met = $parRatio -gt 1 }
        [pscustomobject]@{ Id = '5'; Target = 'peak working set of (3) < 200 MB'; Figure = (Format-MB $peak.Run); Met = ($null -ne $peak.Run -and $peak.Run -lt 200MB) }
    )
    if ($Latency -gt 0) {
        $sweepRatio = $med.FarIrm / $med.FarSweep
        $sweepOfLimit = $med.FarSweep / $limitOf.FarSweep
        $lookupsOfLimit = $med.FarJobs / $limitOf.FarJobs
        $targets += @(
            [pscustomobject]@{ Id = '6'; Target = 'sweep >= 8x faster than the Invoke-RestMethod script'; Figure = (Format-Ratio $sweepRatio); Met = $sweepRatio -ge 8 }
            [pscustomobject]@{ Id = '6'; Target = 'sweep within 1.5x of the physical limit'; Figure = (Format-Ratio $sweepOfLimit); Met = $sweepOfLimit -le 1.5 }
            [pscustomobject]@{ Id = '6'; Target = 'sweep <= 1.2 requests per job (submit + wait)'; Figure = (Format-PerJob $perJob.Sweep); Met = $perJob.Sweep -le 1.2 }
            [pscustomobject]@{ Id = '6'; Target = "$JobCount look-ups within 1.5x of the physical limit"; Figure = (Format-Ratio $lookupsOfLimit); Met = $lookupsOfLimit -le 1.5 }
        )
    }
    $lines.Add('')
    $trow = '{0,-3} {1,-58} {2,10} {3,6}'
    $lines.Add(($trow -f '#', 'Target', 'Figure', 'Met'))
    $lines.Add(($trow -f '--', ('-' * 58), ('-' * 10), '---'))
    foreach ($t in $targets) { $lines.Add(($trow -f $t.Id, $t.Target, $t.Figure, $(if ($t.Figure -in 'n/a', 'failed') { 'n/a' } elseif ($t.Met) { 'yes' } else { 'NO' }))) }
    $lines.Add('')
    $lines.Add("$(@($targets | Where-Object Met).Count) of $($targets.Count) targets met.")
    $lines | ForEach-Object { Write-Host $_ }

    $results = [ordered]@{
        Date         = [DateTimeOffset]::UtcNow.ToString('u')
        Module       = $moduleVersion
        Machine      = $machine
        Rounds       = $Rounds
        ImportRounds = $ImportRounds
        SlowRounds   = $SlowRounds
        WarmupRounds = $WarmupRounds
        Measurements = @($m.Keys | ForEach-Object { [ordered]@{ Key = $_; Id = $m[$_].Id; Name = $m[$_].Name; MedianMs = $med[$_]; RoundsMs = $m[$_].Rounds.ToArray(); Failure = $m[$_].Failure } })
        ImportOverheadMs = $importOverhead
        ImportFloorMs    = $floorOverhead
        ImportOverheadReadyToRunMs = $importOverheadR2R
        ImportFloorReadyToRunMs    = $floorOverheadR2R
        RawMsPerJob      = $rawPerJob
        SubmitsPerSecond = $submitRate
        PeakWorkingSet   = [ordered]@{ RunBytes = $peak.Run; BaselineBytes = $peak.Baseline; Failure = $peak.Failure }
        AtDistance       = [ordered]@{ LatencyMs = $Latency; Concurrency = $concurrency; LookupLimitMs = $limitOf.FarJobs; SweepLimitMs = $limitOf.FarSweep; RequestsPerJob = $perJob }
        Targets      = $targets
    }
    if ($OutFile) {
        $full = [IO.Path]::GetFullPath($OutFile, (Get-Location).ProviderPath)
        $null = New-Item -ItemType Directory -Path (Split-Path -Parent $full) -Force
        $results | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $full -Encoding utf8
        Write-Host "Results: $full"
    }
}
catch {
    Write-Host "Invoke-S3mBench could not run: $($_.Exception.Message)" -ForegroundColor Red
    if ($_.InvocationInfo) { Write-Host $_.InvocationInfo.PositionMessage -ForegroundColor DarkGray }
    $exitCode = 1
}
finally {
    if ($session) { try { Disconnect-S3m -Session $session } catch { } }
    Stop-S3mTestEmulator $emu
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
exit $exitCode
