<#
.SYNOPSIS
    A short tour of the S3M module: connect with a token file, look at the session, resource
    status, upcoming downtimes and the token's own introspection, submit a Slurm job from
    examples/hello.sbatch and wait for it, then disconnect.

.DESCRIPTION
    `./build.ps1 -Task Demo` builds the module, starts the local emulator and runs this script
    against it. To run it yourself against an emulator you started:

        dotnet run --project src/S3M.Emulator -- --urls http://127.0.0.1:0
        ./examples/Demo.ps1 -BaseUri http://127.0.0.1:41234 -TokenPath /tmp/s3m-emulator-1a2b3c/stf042-full.token

    Against the real S3M, pass -BaseUri https://s3m.olcf.ornl.gov and your own token file.

.PARAMETER BaseUri
    Where S3M (or the emulator) answers.

.PARAMETER TokenPath
    A file holding the token, as one line `Authorization: <token>` or the bare token.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [uri]$BaseUri,

    [Parameter(Mandatory)]
    [string]$TokenPath
)

$ErrorActionPreference = 'Stop'

# The built module when run by build.ps1, else an installed one.
if (-not (Get-Module -Name S3M)) {
    $module = if ($env:S3M_MODULE_PATH) { $env:S3M_MODULE_PATH } else { 'S3M' }
    Import-Module -Name $module
}

function Write-Section([string]$Title, [string]$Command) {
    Write-Host ''
    Write-Host "== $Title ==" -ForegroundColor Cyan
    if ($Command) { Write-Host "PS> $Command" -ForegroundColor DarkGray }
}

Write-Host "S3M $((Get-Module -Name S3M).Version) - a tour against $($BaseUri.OriginalString)" -ForegroundColor Green

Write-Section 'Connect with a token file (nothing is written unless -PassThru)' "Connect-S3m -BaseUri $($BaseUri.OriginalString) -TokenPath $TokenPath"
Connect-S3m -BaseUri $BaseUri -TokenPath $TokenPath

Write-Section 'The session: who, which project, which scopes, until when (never the token)' 'Get-S3mSession'
Get-S3mSession | Out-Host

Write-Section 'Resource status (no token needed)' 'Get-S3mStatus | Format-Table'
Get-S3mStatus | Format-Table | Out-Host

Write-Section 'Downtimes in the next ten days' 'Get-S3mDowntime -Upcoming'
$downtimes = @(Get-S3mDowntime -Upcoming)
if ($downtimes.Count -gt 0) {
    $downtimes | Out-Host
}
else {
    Write-Host 'No downtime scheduled.'
}

Write-Section 'What the gateway knows about this token' 'Get-S3mToken | Format-List'
Get-S3mToken | Format-List | Out-Host

Write-Section 'Is Slurm on odo answering?' 'Test-S3mSlurm odo -Detailed'
Test-S3mSlurm odo -Detailed | Out-Host

Write-Section 'What a batch script turns into (nothing sent)' 'ConvertFrom-S3mSbatchScript ./examples/hello.sbatch'
$hello = Join-Path $PSScriptRoot 'hello.sbatch'
ConvertFrom-S3mSbatchScript -Path $hello | Out-Host

Write-Section 'Submit it to odo and wait for it to finish (watch the progress bar)' 'Submit-S3mSlurmJob -Resource odo -ScriptPath ./examples/hello.sbatch -Wait -PollInterval 00:00:01'
$job = Submit-S3mSlurmJob -Resource odo -ScriptPath $hello -Wait -PollInterval 00:00:01 -Timeout 00:02:00
$job | Format-List | Out-Host

Write-Section 'The project''s jobs on odo' 'Get-S3mSlurmJob -Resource odo'
Get-S3mSlurmJob -Resource odo | Out-Host

Write-Section 'Disconnect' 'Disconnect-S3m'
Disconnect-S3m

Write-Host ''
Write-Host 'Done. See every command with: Get-Command -Module S3M' -ForegroundColor Green
