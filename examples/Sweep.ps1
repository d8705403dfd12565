<#
.SYNOPSIS
    A parameter sweep on Slurm through S3M: one job per row of a CSV table, submitted together,
    waited for with a progress bar, and a CSV report of how each ended.

.DESCRIPTION
    Each row of the table (-Path) fills in the batch script template (-ScriptPath): {{Steps}}
    becomes the row's Steps value, and {{Row}} the row's number (1 for the first row). The
    scripts, one per row, are written to a folder beside the report (what was sent, should a row
    need submitting again) and piped to Submit-S3mSlurmJob, which reads and checks every one of
    them before it sends any, then sends several at once and writes the submissions in row order.
    Wait-S3mSlurmJob then waits for all of them together, one /jobs read per round.

    The report (-ReportPath) has one line per row: the row's own columns, then Row, JobId, State,
    ExitCode, ElapsedSeconds and Problem. A script the resource refused has no JobId and State
    REFUSED; a job still running when -Timeout ran out has its state then. Problem says why.

    To run it against the local emulator: dotnet pwsh ./build.ps1, start the emulator (see
    docs/emulator.md), then

        Connect-S3m -BaseUri http://127.0.0.1:41234 -TokenPath /tmp/s3m-emulator-1a2b3c/stf042-full.token
        ./examples/Sweep.ps1 -Path ./examples/sweep.csv -Resource odo -ReportPath ./sweep-report.csv

.PARAMETER Path
    The parameter table: a CSV file with a header line, one job per row.

.PARAMETER Resource
    Where the jobs run: odo, defiant...

.PARAMETER ReportPath
    Where the CSV report goes. The scripts go to a folder beside it: <report name>-scripts.

.PARAMETER ScriptPath
    The batch script template; examples/sweep.sbatch by default. A value is put into the script
    as it is, so values may hold only letters, digits and . _ + - : / @ , =

.PARAMETER Session
    The S3M session to use (Connect-S3m -PassThru); the default session without it.

.PARAMETER PollInterval
    How often Wait-S3mSlurmJob asks how the jobs are doing.

.PARAMETER Timeout
    How long to wait for the jobs in all; without it, until every job has finished.

.PARAMETER PassThru
    Also write the report's lines as objects.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string]$Path,

    [Parameter(Mandatory)]
    [string]$Resource,

    [Parameter(Mandatory)]
    [string]$ReportPath,

    [string]$ScriptPath = (Join-Path $PSScriptRoot 'sweep.sbatch'),

    # An S3M.Session; not typed here, so the script can load the module first.
    [ValidateNotNull()]
    $Session,

    [TimeSpan]$PollInterval = '00:00:05',

    [TimeSpan]$Timeout,

    [switch]$PassThru
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# The built module when run by build.ps1 or the tests, else an installed one.
if (-not (Get-Module -Name S3M)) {
    $module = if ($env:S3M_MODULE_PATH) { $env:S3M_MODULE_PATH } else { 'S3M' }
    Import-Module -Name $module
}
$s3m = @{}
if ($Session) { $s3m.Session = $Session }

# --- Read the table and fill in the template, refusing what would not make a sound script.
$rows = @(Import-Csv -LiteralPath $Path)
if ($rows.Count -eq 0) { throw "-Path: '$Path' has no rows under its header line." }
$template = Get-Content -LiteralPath $ScriptPath -Raw
$columns = @($rows[0].PSObject.Properties.Name)
foreach ($word in [regex]::Matches($template, '\{\{(\w+)\}\}') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique) {
    if ($word -ne 'Row' -and $word -notin $columns) {
        throw "-ScriptPath: the template uses {{$word}}, and the table has no column $word (it has $($columns -join ', '))."
    }
}

$reportFull = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ReportPath)
$scriptDir = Join-Path (Split-Path -Parent $reportFull) ("{0}-scripts" -f [IO.Path]::GetFileNameWithoutExtension($reportFull))
$null = New-Item -ItemType Directory -Path $scriptDir -Force
$scripts = for ($i = 0; $i -lt $rows.Count; $i++) {
    $row = $rows[$i]
    $values = @{ Row = "$($i + 1)" }
    foreach ($column in $columns) {
        $value = "$($row.$column)"
        if ($value -notmatch '^[\w.+:/@,=-]*$') {
            throw "-Path: row $($i + 1), column ${column}: '$value' may hold only letters, digits and . _ + - : / @ , = (it goes into the script as it is)."
        }
        $values[$column] = $value
    }
    $text = [regex]::Replace($template, '\{\{(\w+)\}\}', { param($m) $values[$m.Groups[1].Value] })
    $file = Join-Path $scriptDir ('row-{0:d4}.sbatch' -f ($i + 1))
    [IO.File]::WriteAllText($file, $text)
    Get-Item -LiteralPath $file
}

# --- Submit them all: every script is checked first, then several are sent at once. A script the
# resource refuses is an error for its row only; the submissions come back in row order.
Write-Host "Submitting $($rows.Count) jobs to $Resource..."
$refused = @{}
$submissions = @($scripts | Submit-S3mSlurmJob -Resource $Resource @s3m -ErrorAction SilentlyContinue -ErrorVariable submitErrors)
foreach ($e in $submitErrors) { $refused["$($e.TargetObject)"] = $e.Exception.Message }
$accepted = @($scripts | Where-Object { -not $refused.ContainsKey($_.FullName) })
if ($accepted.Count -ne $submissions.Count) {
    throw "Submit-S3mSlurmJob answered $($submissions.Count) submissions for $($accepted.Count) accepted scripts; see the errors above."
}
$jobIdOf = @{}
for ($i = 0; $i -lt $accepted.Count; $i++) { $jobIdOf[$accepted[$i].FullName] = $submissions[$i].JobId }

# --- Wait for them together, with a progress bar; a job unfinished at -Timeout is an error of its own.
$finished = @{}
if ($submissions.Count -gt 0) {
    Write-Host "Waiting for $($submissions.Count) jobs (Ctrl+C stops waiting; the jobs go on)..."
    $wait = @{ PollInterval = $PollInterval }
    if ($PSBoundParameters.ContainsKey('Timeout')) { $wait.Timeout = $Timeout }
    foreach ($job in $submissions | Wait-S3mSlurmJob @wait @s3m -ErrorAction SilentlyContinue -ErrorVariable waitErrors) { $finished[$job.JobId] = $job }
    $unfinished = @($submissions.JobId | Where-Object { -not $finished.ContainsKey($_) })
    if ($unfinished.Count -gt 0) {
        foreach ($job in Get-S3mSlurmJob -Resource $Resource -JobId $unfinished @s3m -ErrorAction SilentlyContinue) { $finished[$job.JobId] = $job }
    }
}

# --- The report: the row's columns, then how its job ended.
$report = for ($i = 0; $i -lt $rows.Count; $i++) {
    $line = [ordered]@{}
    foreach ($column in $columns) { $line[$column] = $rows[$i].$column }
    $file = $scripts[$i].FullName
    $jobId = $jobIdOf[$file]
    $job = if ($jobId) { $finished[$jobId] } else { $null }
    $line.Row = $i + 1
    $line.JobId = $jobId
    $line.State = if ($refused.ContainsKey($file)) { 'REFUSED' } elseif ($job) { $job.State } else { 'UNKNOWN' }
    $line.ExitCode = if ($job) { $job.ExitCode } else { $null }
    $line.ElapsedSeconds = if ($job -and $job.Elapsed) { [int]$job.Elapsed.TotalSeconds } else { $null }
    $line.Problem = if ($refused.ContainsKey($file)) { $refused[$file] } elseif ($job -and -not $job.IsFinished) { "still $($job.State) when the wait ended" } elseif (-not $job) { 'no answer about this job' } else { '' }
    [pscustomobject]$line
}
$report | Export-Csv -LiteralPath $reportFull -NoTypeInformation -Encoding utf8

$summary = ($report | Group-Object State | Sort-Object Name | ForEach-Object { "$($_.Count) $($_.Name)" }) -join ', '
Write-Host "$($rows.Count) rows: $summary. Report: $reportFull"
if ($PassThru) { $report }
