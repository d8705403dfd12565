# Ctrl+C: a stopped pipeline ends a wait or a slow request at once, not when the server answers.

BeforeAll {
    Import-Module $env:S3M_MODULE_PATH -Force
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Start-S3mTestEmulator
    Set-S3mTestScheduler $emu -PendingSeconds 0.2 -DefaultRunSeconds 0.5
    $script:session = Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') -PassThru

    # Runs a command in its own runspace, lets it get going, then stops it as Ctrl+C does and
    # says how long stopping took.
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
            $watch.Elapsed
        }
        finally { $ps.Dispose() }
    }
}

AfterAll {
    Disconnect-S3m
    Stop-S3mTestEmulator $script:emu
}

Describe 'Stopping the pipeline' {
    It 'ends Wait-S3mSlurmJob within a second' {
        $body = @{ job = @{ name = 'long'; account = 'stf042'; partition = 'batch'; environment = @('PATH=/bin'); time_limit = @{ set = $true; number = 30 }; script = "#!/bin/bash`nsleep 600`n" } }
        $id = (Invoke-S3mSlurm odo /job/submit -Method POST -Body $body -ApiVersion v0.0.43).job_id
        $elapsed = Measure-Stop "Wait-S3mSlurmJob -Resource odo -JobId $id -PollInterval 00:00:05 -Session `$s"
        $elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
        Stop-S3mSlurmJob -Resource odo -JobId $id -Confirm:$false
    }

    It 'ends a slow request within a second' {
        Add-S3mTestFault $emu -Path '/olcf/v1alpha/status' -LatencyMs 30000 -Count 1 | Out-Null
        $elapsed = Measure-Stop 'Get-S3mStatus -Session $s'
        $elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
        Clear-S3mTestFault $emu
    }

    It 'ends Wait-S3mStreamingCluster within a second' {
        Set-S3mTestStreaming $emu -ReadySeconds 600 | Out-Null
        try {
            $name = "slow-$([guid]::NewGuid().ToString('n').Substring(0, 6))"
            $null = New-S3mStreamingCluster -Engine Redis -Name $name
            $elapsed = Measure-Stop "Wait-S3mStreamingCluster -Engine Redis -Name $name -PollInterval 00:00:05 -Session `$s"
            $elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
            Remove-S3mStreamingCluster -Engine Redis -Name $name -Force
        }
        finally { Set-S3mTestStreaming $emu -ReadySeconds 0.3 | Out-Null }
    }
}
