<#
.SYNOPSIS
    A short tour of the S3M module: connect with a token file, look at the session, resource
    status, upcoming downtimes and the token's own introspection, submit a Slurm job from
    examples/hello.sbatch and wait for it, provision a Redis cluster, write and read a key
    through it, extend and remove it, then disconnect.

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

# Redis's wire protocol is simple enough to speak without a client library: enough for the tour.
function Invoke-Redis([uri]$Uri, [string[]]$Command) {
    $client = [Net.Sockets.TcpClient]::new()
    try {
        if (-not $client.ConnectAsync($Uri.Host, $Uri.Port).Wait(3000)) { throw "no answer from $($Uri.Host):$($Uri.Port)" }
        $stream = $client.GetStream()
        $reader = [IO.StreamReader]::new($stream)
        $user, $password = $Uri.UserInfo.Split(':', 2) | ForEach-Object { [uri]::UnescapeDataString($_) }
        foreach ($words in @(@('AUTH', $user, $password), $Command)) {
            $text = "*$($words.Count)`r`n" + (($words | ForEach-Object { "`$$([Text.Encoding]::UTF8.GetByteCount($_))`r`n$_`r`n" }) -join '')
            $bytes = [Text.Encoding]::UTF8.GetBytes($text)
            $stream.Write($bytes, 0, $bytes.Length)
            $reply = $reader.ReadLine()
            if ($reply.StartsWith('$') -and $reply -ne '$-1') { $reply = $reader.ReadLine() }
        }
        $reply.TrimStart('+')
    }
    finally { $client.Dispose() }
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

Write-Section 'Streaming: what S3M offers' 'Get-S3mStreamingBackend'
Get-S3mStreamingBackend | Out-Host

$cluster = "demo-$([guid]::NewGuid().ToString('n').Substring(0, 6))"
Write-Section 'Provision a Redis cluster and wait until it is ready' "New-S3mStreamingCluster -Engine Redis -Name $cluster -Cpus 1 -RamGB 2 -Wait"
$redis = New-S3mStreamingCluster -Engine Redis -Name $cluster -Cpus 1 -RamGB 2 -Wait -PollInterval 00:00:01 -Timeout 00:02:00
$redis | Out-Host

Write-Section 'Write and read a key through it (the password is only in GetConnectionUri())' "SET greeting; GET greeting"
try {
    $uri = $redis.GetConnectionUri()
    Write-Host "SET greeting -> $(Invoke-Redis $uri @('SET', 'greeting', 'hello from S3M'))"
    Write-Host "GET greeting -> $(Invoke-Redis $uri @('GET', 'greeting'))"
}
catch {
    Write-Host "No Redis answers at $($redis.Url) ($($_.Exception.Message)); the emulator serves real Redis when redis-server is installed."
}

Write-Section 'Extend its seven-day lifetime, then remove it' "Reset-S3mStreamingClusterLifetime -Engine Redis -Name $cluster; Remove-S3mStreamingCluster -Engine Redis -Name $cluster -Force"
Reset-S3mStreamingClusterLifetime -Engine Redis -Name $cluster | Format-List Name, Remaining, ExpiresAt, ExtendedAt | Out-Host
Remove-S3mStreamingCluster -Engine Redis -Name $cluster -Force

Write-Section 'Disconnect' 'Disconnect-S3m'
Disconnect-S3m

Write-Host ''
Write-Host 'Done. See every command with: Get-Command -Module S3M' -ForegroundColor Green
