# Ctrl+C: a stopped pipeline ends a wait or a slow request at once, not when the server answers.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile -Connect stf042-full
    Set-S3mTestScheduler $emu -PendingSeconds 0.2 -DefaultRunSeconds 0.5
    $script:session = Get-S3mSession

    # Runs a command in its own runspace, lets it get going, then stops it as Ctrl+C does; says
    # how long stopping took (Elapsed) and the warnings that reached the user (Warnings: while
    # the pipeline stops, only the host's UI still shows one, and the runspace records it).
    # $Command is script text that uses $s, the session.
    function script:Measure-Stop([string]$Command, [double]$RunSeconds = 1.5) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("param(`$s) Import-Module '$env:S3M_MODULE_PATH'; $Command").AddArgument($session)
            $handle = $ps.BeginInvoke()
            Start-Sleep -Seconds $RunSeconds
            $handle.IsCompleted | Should -BeFalse -Because 'the command should still be running when it is stopped'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            [pscustomobject]@{ Elapsed = $watch.Elapsed; Warnings = @($ps.Streams.Warning | ForEach-Object Message) }
        }
        finally { $ps.Dispose() }
    }
}

AfterAll { Complete-S3mTestFile $emu }

Describe 'Stopping the pipeline' {
    It 'ends Wait-S3mSlurmJob within a second' {
        $body = @{ job = @{ name = 'long'; account = 'stf042'; partition = 'batch'; environment = @('PATH=/bin'); time_limit = @{ set = $true; number = 30 }; script = "#!/bin/bash`nsleep 600`n" } }
        $id = (Invoke-S3mSlurm odo /job/submit -Method POST -Body $body -ApiVersion v0.0.43).job_id
        (Measure-Stop "Wait-S3mSlurmJob -Resource odo -JobId $id -PollInterval 00:00:05 -Session `$s").Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
        Stop-S3mSlurmJob -Resource odo -JobId $id -Confirm:$false
    }

    It 'ends a slow request within a second' {
        Add-S3mTestFault $emu -Path '/olcf/v1alpha/status' -LatencyMs 30000 -Count 1 | Out-Null
        $stopped = Measure-Stop 'Get-S3mStatus -Session $s'
        $stopped.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
        $stopped.Warnings | Should -BeNullOrEmpty -Because 'a read stopped in flight changed nothing'
        Clear-S3mTestFault $emu
    }

    It 'ends a submit within a second and warns, through the host, that the job may exist' {
        $path = '/olcf/v1/slurm/open/v0.0.44/odo/job/submit'
        Add-S3mTestFault $emu -Path $path -Method POST -LatencyMs 30000 -Count 1 | Out-Null
        $stopped = Measure-Stop "Submit-S3mSlurmJob -Resource odo -Script `"#!/bin/bash``n#SBATCH -t 5``nsleep 1``n`" -Session `$s"
        $stopped.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
        $stopped.Warnings | Should -HaveCount 1
        $stopped.Warnings[0] | Should -BeLike "POST $path was stopped while S3M may already have received it, so it may have taken effect.*its tag s3m:*Get-S3mSlurmJob -Resource odo -Comment '``*s3m:*"
        Clear-S3mTestFault $emu
    }

    It 'stops sending a sweep at once, and names what was under way and what was never sent' {
        $path = '/olcf/v1/slurm/open/v0.0.44/odo/job/submit'
        $dir = Join-Path $TestDrive 'sweep'
        $null = New-Item -ItemType Directory -Path $dir
        foreach ($i in 1..6) { Set-Content -LiteralPath (Join-Path $dir "job$i.sbatch") -Value "#!/bin/bash`n#SBATCH -J job$i -t 5`nsleep 1`n" }
        # Each request takes 3 s: two are under way when Ctrl+C comes, and the next two would follow them.
        Set-S3mTestLatency $emu 3000
        try {
            Clear-S3mTestRequest $emu
            $stopped = Measure-Stop "Get-ChildItem -LiteralPath '$dir' -Filter *.sbatch | Sort-Object Name | Submit-S3mSlurmJob -Resource odo -ThrottleLimit 2 -Session `$s"
            @(Get-S3mTestRequest $emu -Method POST) | Should -HaveCount 2
            $stopped.Warnings | Should -HaveCount 1
            # Each request under way is named with its own submission tag.
            ([regex]::Matches($stopped.Warnings[0], "POST $([regex]::Escape($path)) was stopped while S3M may already have received it.*?its tag s3m:[0-9a-f]{16}")).Count | Should -Be 2
            $stopped.Warnings[0] | Should -BeLike '*Perhaps submitted (under way or next when stopped): *job1.sbatch (tag s3m:*), *job2.sbatch (tag s3m:*). Not sent: the last 4 of 6 scripts, from *job3.sbatch on.*Get-S3mSlurmJob -Resource odo*'
            # Past the time the two stopped requests would have taken: a sweep that went on would have sent more.
            Start-Sleep -Seconds 3
            @(Get-S3mTestRequest $emu -Method POST) | Should -HaveCount 2 -Because 'nothing starts after Ctrl+C'
        }
        finally { Set-S3mTestLatency $emu 0 }
    }

    It 'ends Wait-S3mStreamingCluster within a second' {
        Set-S3mTestStreaming $emu -ReadySeconds 600 | Out-Null
        try {
            $name = "slow-$([guid]::NewGuid().ToString('n').Substring(0, 6))"
            $null = New-S3mStreamingCluster -Engine Redis -Name $name
            (Measure-Stop "Wait-S3mStreamingCluster -Engine Redis -Name $name -PollInterval 00:00:05 -Session `$s").Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
            Remove-S3mStreamingCluster -Engine Redis -Name $name -Force
        }
        finally { Set-S3mTestStreaming $emu -ReadySeconds 0.3 | Out-Null }
    }
}
