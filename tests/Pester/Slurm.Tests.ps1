# Slurm through S3M: ping, listings, jobs, wait, stop, against the emulator's scheduler.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile -Connect stf042-full
    Set-S3mTestScheduler $emu -PendingSeconds 0.2 -DefaultRunSeconds 0.5

    # A job submitted through the escape hatch, so these tests do not depend on Submit-S3mSlurmJob.
    function script:Submit-RawJob([string]$Resource = 'odo', [string]$Script = "#!/bin/bash`nsleep 1`n") {
        $body = @{ job = @{ name = 'raw'; account = 'stf042'; partition = 'batch'; environment = @('PATH=/bin'); time_limit = @{ set = $true; number = 30 }; script = $Script } }
        (Invoke-S3mSlurm -Resource $Resource -Path /job/submit -Method POST -Body $body -ApiVersion v0.0.43).job_id
    }
}

AfterAll { Complete-S3mTestFile $emu }

Describe 'Test-S3mSlurm' {
    It 'answers $true for a resource whose Slurm responds, $false for one that does not' {
        Test-S3mSlurm odo | Should -BeTrue
        Test-S3mSlurm -Resource odo, nosuch | Should -Be @($true, $false)
    }

    It 'gives an S3M.SlurmPing with -Detailed, in the resource''s version' {
        $pings = @(Test-S3mSlurm odo -Detailed)
        $pings.Count | Should -BeGreaterThan 0
        $ping = $pings[0]
        $ping | Should -BeOfType S3M.SlurmPing
        $pings.ApiVersion | Sort-Object -Unique | Should -Be 'v0.0.44'
        $ping.Responding | Should -BeTrue
        $ping.Latency | Should -BeOfType [TimeSpan]
        $ping.SlurmVersion | Should -Match '^\d+\.\d+'
        (Get-S3mTestRequest $emu -Path '*ping')[-1].path | Should -Be '/olcf/v1/slurm/open/v0.0.44/odo/ping'
    }

    It 'follows -ApiVersion, Connect-S3m -SlurmApiVersion and the short prefix' {
        (Test-S3mSlurm odo -Detailed -ApiVersion v0.0.43).ApiVersion | Sort-Object -Unique | Should -Be 'v0.0.43'
        $s = Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') -SlurmApiVersion @{ odo = '0.0.43' } -ComputePrefix /slurm -PassThru
        try {
            $s.SlurmApiVersions['odo'] | Should -Be 'v0.0.43'
            (Test-S3mSlurm odo -Detailed).ApiVersion | Sort-Object -Unique | Should -Be 'v0.0.43'
            (Get-S3mTestRequest $emu -Path '*ping')[-1].path | Should -Be '/slurm/open/v0.0.43/odo/ping'
        }
        finally { Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') }
    }

    It 'reports a version the resource does not serve' {
        $err = { Test-S3mSlurm wombat -Detailed -ApiVersion v0.0.44 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.NotFound,*'
        { Test-S3mSlurm odo -ApiVersion 'latest' } | Should -Throw -ExpectedMessage 'ApiVersion*'
    }
}

Describe 'Slurm listings' {
    It 'lists partitions with their limits' {
        $p = Get-S3mSlurmPartition -Resource odo
        $p | ForEach-Object { $_ | Should -BeOfType S3M.SlurmPartition }
        $batch = $p | Where-Object Name -EQ 'batch'
        $batch.MaximumTime | Should -BeOfType [TimeSpan]
        $batch.Cpus | Should -BeGreaterThan 0
        (Get-S3mSlurmPartition -Resource odo -Name 'deb*').Name | Should -Be 'debug'
        (Get-S3mSlurmPartition -Resource odo | Out-String -Width 120) | Should -BeLike '*Name*State*MaximumTime*batch*'
    }

    It 'lists nodes, reservations and diagnostics' {
        $nodes = Get-S3mSlurmNode -Resource defiant
        $nodes.Count | Should -BeGreaterThan 1
        $nodes[0] | Should -BeOfType S3M.SlurmNode
        $nodes[0].Cpus | Should -BeGreaterThan 0
        @(Get-S3mSlurmReservation -Resource odo)[0] | Should -BeOfType S3M.SlurmReservation
        $diag = Get-S3mSlurmDiagnostic -Resource odo
        $diag | Should -BeOfType S3M.SlurmDiagnostic
        $diag.ApiVersion | Should -Be 'v0.0.44'
    }

    It 'passes through any Slurm path with Invoke-S3mSlurm' {
        $answer = Invoke-S3mSlurm odo /partitions
        $answer.partitions.name | Should -Contain 'batch'
        $answer.meta | Should -Not -BeNullOrEmpty
    }

    It 'turns Slurm errors[] into S3M.SlurmError and warnings[] into warnings' {
        $body = @{ job = @{ name = 'x'; account = 'not-my-project'; partition = 'batch'; environment = @('PATH=/bin'); script = "#!/bin/bash`n" } }
        $err = { Invoke-S3mSlurm odo /job/submit -Method POST -Body $body -ApiVersion v0.0.43 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.SlurmError,*'
        $err.Exception.Message | Should -BeLike '*Slurm refused POST*'
        $body.job.account = 'stf042'
        $null = Invoke-S3mSlurm odo /job/submit -Method POST -Body $body -ApiVersion v0.0.43 -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -Not -BeNullOrEmpty
        "$warned" | Should -BeLike 'Slurm:*'
    }
}

Describe 'Slurm''s refusals, under slurmrestd''s status or as 200' {
    AfterEach { Set-S3mTestSlurmRefusals $emu status }

    It 'reads errors[] in an answer of <Refusals>: a job Slurm will not run is S3M.SlurmError in Slurm''s words' -ForEach @(
        @{ Refusals = 'status'; Status = 500 }
        @{ Refusals = 'ok'; Status = 200 }
    ) {
        Set-S3mTestSlurmRefusals $emu $Refusals
        Clear-S3mTestRequest $emu
        $err = { Submit-S3mSlurmJob -Resource odo -Script "#!/bin/bash`nsleep 1`n" -Partition gpu -TimeLimit 5 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.SlurmError,*'
        $err.Exception.StatusCode | Should -Be $Status
        $err.Exception.Message | Should -BeLike '*Slurm refused POST*Invalid partition name specified*error 2000*'
        $err.Exception.ServerMessage | Should -BeLike '*partition "gpu"*'
        @(Get-S3mTestRequest $emu -Method POST -Path '*/odo/job/submit').Count | Should -Be 1
    }

    It 'reads errors[] in an answer of <Refusals>: an unknown job is S3M.NotFound in Slurm''s words' -ForEach @(
        @{ Refusals = 'status'; Status = 404 }
        @{ Refusals = 'ok'; Status = 200 }
    ) {
        Set-S3mTestSlurmRefusals $emu $Refusals
        $err = { Get-S3mSlurmJob -Resource odo -JobId 999999 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.NotFound,*'
        $err.Exception.StatusCode | Should -Be $Status
        $err.Exception.Message | Should -BeLike '*Invalid job id specified*error 2017*'
    }
}

Describe 'Jobs' {
    It 'lists the project''s jobs and reads one in the accounting shape' {
        $id = Submit-RawJob
        $all = Get-S3mSlurmJob -Resource odo
        $all.JobId | Should -Contain $id
        $job = Get-S3mSlurmJob -Resource odo -JobId $id
        $job | Should -BeOfType S3M.SlurmJob
        $job.JobId | Should -Be $id
        $job.Resource | Should -Be 'odo'
        $job.ApiVersion | Should -Be 'v0.0.44'
        $job.Account | Should -Be 'stf042'
        (Get-S3mTestRequest $emu -Path "*/job/$id")[-1].method | Should -Be 'GET'
    }

    It 'filters by state and name' {
        $id = Submit-RawJob -Script "#!/bin/bash`nsleep 600`n"
        Start-Sleep -Milliseconds 400
        (Get-S3mSlurmJob -Resource odo -State RUNNING).JobId | Should -Contain $id
        (Get-S3mSlurmJob -Resource odo -State COMPLETED).JobId | Should -Not -Contain $id
        (Get-S3mSlurmJob -Resource odo -Name 'ra*').JobId | Should -Contain $id
        Stop-S3mSlurmJob -Resource odo -JobId $id -Confirm:$false
    }

    It 'reads many jobs in the order asked, an unknown one as an error' {
        $ids = 1..3 | ForEach-Object { Submit-RawJob }
        $asked = @($ids[2], $ids[0], 999999, $ids[1])
        $jobs = Get-S3mSlurmJob -Resource odo -JobId $asked -ErrorVariable errs -ErrorAction SilentlyContinue
        $jobs.JobId | Should -Be @($ids[2], $ids[0], $ids[1])
        $errs | Should -HaveCount 1
        $errs[0].TargetObject | Should -Be 999999
    }

    It 'refuses a job ID that is not one, before sending' {
        { Get-S3mSlurmJob -Resource odo -JobId 0 } | Should -Throw
        { Get-S3mSlurmJob -Resource odo -JobId 1000000000 } | Should -Throw
        { Get-S3mSlurmJob -Resource '../odo' } | Should -Throw -ExpectedMessage 'Resource*'
    }

    It 'waits for jobs to finish, from the pipeline, and shows the finished job' {
        $ids = 1..2 | ForEach-Object { Submit-RawJob }
        Clear-S3mTestRequest $emu
        $done = Get-S3mSlurmJob -Resource odo -JobId $ids | Wait-S3mSlurmJob -PollInterval 00:00:00.2 -Timeout 00:01:00
        $done.JobId | Sort-Object | Should -Be ($ids | Sort-Object)
        $done.State | Sort-Object -Unique | Should -Be 'COMPLETED'
        $done | ForEach-Object { $_.IsFinished | Should -BeTrue }
        # One /jobs call per round for both jobs.
        $rounds = @(Get-S3mTestRequest $emu -Path '*/odo/jobs').Count
        $rounds | Should -BeGreaterThan 0
        @(Get-S3mTestRequest $emu -Path '*/odo/job/*').Count | Should -BeLessOrEqual 2
    }

    It 'waits until started with -Until Started' {
        $id = Submit-RawJob -Script "#!/bin/bash`nsleep 600`n"
        $job = Wait-S3mSlurmJob -Resource odo -JobId $id -Until Started -PollInterval 00:00:00.2 -Timeout 00:00:30
        $job.State | Should -Be 'RUNNING'
        Stop-S3mSlurmJob -Resource odo -JobId $id -Confirm:$false
    }

    It 'gives an S3M.Timeout error per unfinished job when the time is up' {
        $id = Submit-RawJob -Script "#!/bin/bash`nsleep 600`n"
        $quick = Submit-RawJob
        $done = Wait-S3mSlurmJob -Resource odo -JobId $quick, $id -PollInterval 00:00:00.2 -Timeout 00:00:02 -ErrorVariable errs -ErrorAction SilentlyContinue
        $done.JobId | Should -Be $quick
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'S3M.Timeout,*'
        $errs[0].TargetObject | Should -Be $id
        $errs[0].Exception.Message | Should -BeLike "*$id*RUNNING*"
        Stop-S3mSlurmJob -Resource odo -JobId $id -Confirm:$false
    }

    It 'reports a failing job''s exit code' {
        $id = Submit-RawJob -Script "#!/bin/bash`nsleep 0.2`nexit 3`n"
        $job = Wait-S3mSlurmJob -Resource odo -JobId $id -PollInterval 00:00:00.2 -Timeout 00:00:30
        $job.State | Should -Be 'FAILED'
        $job.ExitCode | Should -Be 3
    }
}

Describe 'Stop-S3mSlurmJob' {
    It 'sends nothing with -WhatIf, from the pipeline' {
        $null = Submit-RawJob -Script "#!/bin/bash`nsleep 600`n"
        Clear-S3mTestRequest $emu
        Get-S3mSlurmJob -Resource odo | Stop-S3mSlurmJob -WhatIf
        Get-S3mTestRequest $emu -Method DELETE | Should -BeNullOrEmpty
    }

    It 'cancels a running job' {
        $id = Submit-RawJob -Script "#!/bin/bash`nsleep 600`n"
        $job = Stop-S3mSlurmJob -Resource odo -JobId $id -Confirm:$false -PassThru
        $job.State | Should -Be 'CANCELLED'
        (Get-S3mTestRequest $emu -Method DELETE)[-1].path | Should -BeLike "*/odo/job/$id"
    }

    It 'reports a job that cannot be stopped and goes on with the rest' {
        $finished = Submit-RawJob -Script "#!/bin/bash`nsleep 0.1`n"
        $running = Submit-RawJob -Script "#!/bin/bash`nsleep 600`n"
        $null = Wait-S3mSlurmJob -Resource odo -JobId $finished -PollInterval 00:00:00.2 -Timeout 00:00:30
        Stop-S3mSlurmJob -Resource odo -JobId $finished, $running -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'S3M.SlurmError,*'
        $errs[0].TargetObject | Should -Be $finished
        (Get-S3mSlurmJob -Resource odo -JobId $running).State | Should -Be 'CANCELLED'
    }

    It 'reports a job Slurm does not know as S3M.NotFound' {
        Clear-S3mTestRequest $emu
        $err = { Stop-S3mSlurmJob -Resource odo -JobId 999999 -Confirm:$false -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.NotFound,*'
        $err.TargetObject | Should -Be 999999
        $err.Exception.Message | Should -BeLike '*job 999999*'
        @(Get-S3mTestRequest $emu -Method DELETE -Path '*/odo/job/999999').Count | Should -Be 1
    }

    It 'refuses a malformed signal before sending' {
        { Stop-S3mSlurmJob -Resource odo -JobId 1 -Signal 'KILL;rm' -Confirm:$false } | Should -Throw -ExpectedMessage 'Signal*'
    }
}

Describe 'Read-only tokens' {
    It 'are refused a cancel with the missing scope named' {
        $id = Submit-RawJob -Script "#!/bin/bash`nsleep 600`n"
        $ro = Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-readonly') -PassThru
        try {
            (Get-S3mSlurmJob -Resource odo -JobId $id -Session $ro).JobId | Should -Be $id
            Stop-S3mSlurmJob -Resource odo -JobId $id -Session $ro -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'S3M.Forbidden,*'
            $errs[0].Exception.Message | Should -BeLike '*compute-ace*'
        }
        finally {
            Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full')
            Stop-S3mSlurmJob -Resource odo -JobId $id -Confirm:$false
        }
    }
}
