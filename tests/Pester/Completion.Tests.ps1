# Tab completion through TabExpansion2, against the emulator: values from S3M, never an error, never a hang.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile
    Set-S3mTestScheduler $emu -PendingSeconds 0.2 -DefaultRunSeconds 0.5
    $env:S3M_BASE_URI = $emu.BaseUri
    Connect-S3m -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full')

    function script:Complete([string]$Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}

AfterAll {
    $env:S3M_BASE_URI = $null
    Complete-S3mTestFile $emu
}

Describe 'Completion' {
    It 'offers resources from the status service' {
        $m = Complete 'Get-S3mSlurmJob -Resource o'
        $m.CompletionText | Should -Contain 'odo'
        ($m | Where-Object CompletionText -EQ 'odo').ToolTip | Should -BeLike '*OPERATIONAL*v0.0.44*'
        (Complete 'Get-S3mStatus -Name wo').CompletionText | Should -Be @('wombat')
    }

    It 'offers the documented compute and streaming prefixes' {
        (Complete 'Connect-S3m -ComputePrefix ').CompletionText | Should -Be @('/olcf/v1/slurm', '/slurm')
        (Complete 'Connect-S3m -StreamingPrefix ').CompletionText | Should -Be @('/olcf/{enclave}/v1alpha/streaming', '/olcf/v1alpha/streaming')
    }

    It 'offers the resource''s own API version first' {
        (Complete 'Test-S3mSlurm -Resource wombat -ApiVersion ')[0].CompletionText | Should -Be 'v0.0.42'
        (Complete 'Get-S3mSlurmJob -Resource odo -ApiVersion v0.0.4')[0].CompletionText | Should -Be 'v0.0.44'
    }

    It 'offers the chosen resource''s partitions' {
        (Complete 'Submit-S3mSlurmJob -Resource odo -Partition ').CompletionText | Should -Be @('batch', 'debug')
        Complete 'Submit-S3mSlurmJob -Partition ' | Should -BeNullOrEmpty
    }

    It 'offers job IDs with name and state' {
        $answer = Invoke-S3mSlurm odo /job/submit -Method POST -ApiVersion v0.0.44 -Body @{
            script = "#!/bin/bash`nsleep 600`n"; jobs = @(@{ name = 'completeme'; account = 'stf042'; partition = 'batch'; environment = @('PATH=/bin'); time_limit = @{ set = $true; number = 30 } }) }
        $m = Complete 'Stop-S3mSlurmJob -Resource odo -JobId '
        $hit = $m | Where-Object CompletionText -EQ "$($answer.job_id)"
        $hit.ToolTip | Should -BeLike 'completeme (*)'
        Stop-S3mSlurmJob -Resource odo -JobId $answer.job_id -Confirm:$false
    }

    It 'offers engines, kinds and cluster names' {
        (Complete 'Get-S3mStreamingCluster -Engine R').CompletionText | Should -Be @('RabbitMQ', 'Redis')
        (Complete 'New-S3mStreamingCluster -Engine Redis -Kind ').CompletionText | Should -Not -BeNullOrEmpty
        $name = "complete-$([guid]::NewGuid().ToString('n').Substring(0, 6))"
        $null = New-S3mStreamingCluster -Engine Redis -Name $name
        (Complete 'Remove-S3mStreamingCluster -Engine Redis -Name comp').CompletionText | Should -Contain $name
        Remove-S3mStreamingCluster -Engine Redis -Name $name -Force
    }

    It 'offers nothing, quickly and quietly, when S3M does not answer in time' {
        $path = '/olcf/v1/slurm/open/v0.0.44/odo/jobs'
        Add-S3mTestFault $emu -Path $path -LatencyMs 6000 -Count 1 | Out-Null
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $m = Complete 'Get-S3mSlurmJob -Resource odo -JobId '
        $watch.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(4))
        $m | Should -BeNullOrEmpty
        Clear-S3mTestFault $emu
    }

    It 'offers nothing without a session, and never throws' {
        $session = Get-S3mSession
        Disconnect-S3m
        try {
            Complete 'Get-S3mSlurmJob -Resource odo -JobId ' | Should -BeNullOrEmpty
            Complete 'New-S3mStreamingCluster -Engine Redis -Kind ' | Should -BeNullOrEmpty
            (Complete 'Get-S3mSlurmJob -Resource o').CompletionText | Should -Contain 'odo'
        }
        finally { Connect-S3m -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') }
    }
}
