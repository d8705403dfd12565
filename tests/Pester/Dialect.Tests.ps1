# Answers the real gateway may give that the emulator did not use to give: the sparse form
# (protojson leaves zero fields out), job states of several words, expanded output paths, the older
# ping shape, bare accounting records. Each through the cmdlets, against the emulator's form of it.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile -Connect stf042-full

    # A job submitted through the escape hatch, so these tests do not depend on Submit-S3mSlurmJob.
    function script:Submit-RawJob {
        param([string]$Resource = 'odo', [string]$ApiVersion = 'v0.0.44', [string]$Script = "#!/bin/bash`nsleep 1`n", [hashtable]$Field = @{})
        $job = @{ name = 'dialect'; environment = @('PATH=/bin'); time_limit = @{ set = $true; number = 30 }; script = $Script } + $Field
        (Invoke-S3mSlurm -Resource $Resource -Path /job/submit -Method POST -Body @{ job = $job } -ApiVersion $ApiVersion).job_id
    }

    # Raw is PowerShell values: a field S3M left out is not there at all, not $null.
    function script:Test-RawField([psobject]$Element, [string]$Name) {
        $Element.PSObject.Properties.Name -contains $Name
    }
}

AfterAll { Complete-S3mTestFile $emu }

Describe 'The sparse form, which is the emulator''s default' {
    AfterEach { $null = Set-S3mTestDialect $emu -ZeroFields omit }

    It 'reads a resource whose status is the enum''s zero, left out, as UNSPECIFIED' {
        $orion = Get-S3mStatus -Name orion
        Test-RawField $orion.Raw 'status' | Should -BeFalse
        $orion.Status | Should -Be 'UNSPECIFIED'
        $orion.IsOperational | Should -BeFalse
        (Get-S3mStatus | Where-Object Name -EQ 'frontier').Annotations.Count | Should -Be 0
    }

    It 'reads a token without an extensions count as 0, not $null' {
        $token = Get-S3mToken
        Test-RawField $token.Raw.token 'extensions' | Should -BeFalse
        $token.Extensions | Should -BeOfType [long]
        $token.Extensions | Should -Be 0
        $token.OneTimeToken | Should -BeFalse
    }

    It 'reads Slurm answers that carry no errors and no warnings' {
        $answer = Invoke-S3mSlurm odo /ping
        $answer.PSObject.Properties.Name | Should -Not -Contain 'errors'
        $answer.PSObject.Properties.Name | Should -Not -Contain 'warnings'
        $answer.pings.Count | Should -BeGreaterThan 0
        Test-S3mSlurm odo | Should -BeTrue
        (Get-S3mSlurmDiagnostic -Resource odo).JobsPending | Should -Be 0
    }

    It 'reads the full form to the same objects' {
        # The same objects, read once from each form.
        $read = {
            [pscustomobject]@{
                Extensions = (Get-S3mToken).Extensions
                Orion      = (Get-S3mStatus -Name orion).Status
                Frontier   = (Get-S3mStatus -Name frontier).DowntimeScheduleAvailable
                Options    = (Get-S3mStreamingBackend | ForEach-Object ResourceOptions | ForEach-Object { "$($_.Key) $($_.Min)-$($_.Max)/$($_.Default)" }) -join ', '
                Flags      = (Get-S3mStreamingBackend | ForEach-Object FeatureFlags | ForEach-Object { "$($_.Key)=$($_.Default)" }) -join ', '
            }
        }
        $sparse = & $read
        $settings = Set-S3mTestDialect $emu -ZeroFields write
        $settings.zeroFields | Should -Be 'write'
        Test-RawField (Get-S3mToken).Raw.token 'extensions' | Should -BeTrue
        $full = & $read
        ($full | ConvertTo-Json) | Should -Be ($sparse | ConvertTo-Json)
        (Invoke-S3mSlurm odo /ping).PSObject.Properties.Name | Should -Contain 'errors'
    }
}

Describe 'Job states of several words' {
    BeforeEach { Set-S3mTestScheduler $emu -PendingSeconds 0 -DefaultRunSeconds 1 -CompletingSeconds 60 -RequeueSeconds 60 }

    It 'shows a job RUNNING+COMPLETING before it is COMPLETED, and waiting goes on through it' {
        $id = Submit-RawJob
        $null = Move-S3mTestClock $emu 2

        $listed = Get-S3mSlurmJob -Resource odo | Where-Object JobId -EQ $id
        ConvertTo-Json -InputObject $listed.Raw.job_state -Compress | Should -Be '["RUNNING","COMPLETING"]'
        foreach ($job in $listed, (Get-S3mSlurmJob -Resource odo -JobId $id)) {
            $job.State | Should -Be 'RUNNING'
            $job.StateFlags | Should -Be @('COMPLETING')
            $job.IsStarted | Should -BeTrue
            $job.IsFinished | Should -BeFalse
        }
        (Get-S3mSlurmJob -Resource odo -State COMPLETING).JobId | Should -Be $id

        $null = Wait-S3mSlurmJob -Resource odo -JobId $id -PollInterval 00:00:00.2 -Timeout 00:00:01 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'S3M.Timeout,*'
        $errs[0].Exception.Message | Should -BeLike '*RUNNING*'

        $null = Move-S3mTestClock $emu 60
        $done = Wait-S3mSlurmJob -Resource odo -JobId $id -PollInterval 00:00:00.2 -Timeout 00:00:30
        $done.State | Should -Be 'COMPLETED'
        $done.StateFlags | Should -BeNullOrEmpty
        $done.IsFinished | Should -BeTrue
    }

    It 'shows a cancelled running job CANCELLED+COMPLETING, finished at once' {
        $id = Submit-RawJob -Script "#!/bin/bash`nsleep 600`n"
        $null = Move-S3mTestClock $emu 1
        $job = Stop-S3mSlurmJob -Resource odo -JobId $id -Confirm:$false -PassThru
        $job.State | Should -Be 'CANCELLED'
        $job.StateFlags | Should -Be @('COMPLETING')
        $job.IsFinished | Should -BeTrue
    }

    It 'shows a job that requeued itself PENDING+REQUEUED until it runs again' {
        $id = Submit-RawJob -Script "#!/bin/bash`nsleep 1`nscontrol requeue `$SLURM_JOB_ID`nsleep 1`n"
        $null = Move-S3mTestClock $emu 2

        foreach ($job in (Get-S3mSlurmJob -Resource odo | Where-Object JobId -EQ $id), (Get-S3mSlurmJob -Resource odo -JobId $id)) {
            $job.State | Should -Be 'PENDING'
            $job.StateFlags | Should -Be @('REQUEUED')
            $job.StateReason | Should -Be 'BeginTime'
            $job.IsStarted | Should -BeFalse
            $job.StartTime | Should -BeNullOrEmpty
        }
        $null = Wait-S3mSlurmJob -Resource odo -JobId $id -Until Started -PollInterval 00:00:00.2 -Timeout 00:00:01 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'S3M.Timeout,*'

        $null = Move-S3mTestClock $emu 60
        $again = Wait-S3mSlurmJob -Resource odo -JobId $id -Until Started -PollInterval 00:00:00.2 -Timeout 00:00:30
        $again.State | Should -Be 'RUNNING'
        $again.StateFlags | Should -Not -Contain 'REQUEUED'
    }

    It 'names the expanded output paths, from the field each version has' -ForEach @(
        @{ Version = 'v0.0.42'; Resource = 'defiant' }
        @{ Version = 'v0.0.43'; Resource = 'defiant' }
        @{ Version = 'v0.0.44'; Resource = 'odo' }
    ) {
        $id = Submit-RawJob -Resource $Resource -ApiVersion $Version -Script "#!/bin/bash`nsleep 600`n" -Field @{
            current_working_directory = '/lustre/stf042'; standard_output = 'out-%j.txt'; standard_error = '%x-%u.err'
        }
        $listed = Get-S3mSlurmJob -Resource $Resource -ApiVersion $Version | Where-Object JobId -EQ $id
        $accounted = Get-S3mSlurmJob -Resource $Resource -ApiVersion $Version -JobId $id
        foreach ($job in $listed, $accounted) {
            $job.StandardOutput | Should -Be "/lustre/stf042/out-$id.txt"
            $job.StandardError | Should -Be '/lustre/stf042/dialect-stf042_auser.err'
            $job.StandardInput | Should -Be '/dev/null'
        }
        Test-RawField $listed.Raw 'stdout_expanded' | Should -Be ($Version -ne 'v0.0.42')
        Test-RawField $accounted.Raw 'stdout_expanded' | Should -BeTrue
        Stop-S3mSlurmJob -Resource $Resource -ApiVersion $Version -JobId $id -Confirm:$false
    }
}

Describe 'The older ping shape' {
    AfterEach { $null = Set-S3mTestDialect $emu -Ping current }

    It 'reads controllers with only pinged UP as responding' -ForEach @(
        @{ Resource = 'odo' }
        @{ Resource = 'wombat' }
    ) {
        $null = Set-S3mTestDialect $emu -Ping pingedOnly
        Clear-S3mTestRequest $emu
        Test-S3mSlurm $Resource | Should -BeTrue
        $pings = @(Test-S3mSlurm $Resource -Detailed)
        $pings.Count | Should -Be 2
        foreach ($ping in $pings) {
            Test-RawField $ping.Raw 'responding' | Should -BeFalse
            Test-RawField $ping.Raw 'primary' | Should -BeFalse
            $ping.Raw.pinged | Should -Be 'UP'
            $ping.Responding | Should -BeTrue
            $ping.Latency | Should -BeOfType [TimeSpan]
        }
        @(Get-S3mTestRequest $emu -Path "*/$Resource/ping").Count | Should -Be 2
    }
}

Describe 'Bare accounting records' {
    AfterEach { $null = Set-S3mTestDialect $emu -AccountingJob complete }

    It 'reads job_id, state and time alone: missing times are $null, not zero' {
        Set-S3mTestScheduler $emu -PendingSeconds 0 -DefaultRunSeconds 1 -CompletingSeconds 0
        $done = Submit-RawJob
        $null = Move-S3mTestClock $emu 5
        Set-S3mTestScheduler $emu -PendingSeconds 600
        $waiting = Submit-RawJob
        $null = Set-S3mTestDialect $emu -AccountingJob minimal
        Clear-S3mTestRequest $emu

        $jobs = Get-S3mSlurmJob -Resource odo -JobId $done, $waiting -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $jobs.JobId | Should -Be @($done, $waiting)
        $jobs[0].Raw.PSObject.Properties.Name -join ',' | Should -Be 'job_id,state,time'

        $jobs[0].State | Should -Be 'COMPLETED'
        $jobs[0].IsFinished | Should -BeTrue
        $jobs[0].StartTime | Should -BeOfType [DateTimeOffset]
        $jobs[0].EndTime - $jobs[0].StartTime | Should -Be ([TimeSpan]::FromSeconds(1))
        $jobs[0].Elapsed | Should -Be ([TimeSpan]::FromSeconds(1))
        $jobs[0].SubmitTime | Should -BeNullOrEmpty
        $jobs[0].TimeLimit | Should -BeNullOrEmpty
        $jobs[0].ExitCode | Should -BeNullOrEmpty
        $jobs[0].Cpus | Should -BeNullOrEmpty
        $jobs[0].NodeCount | Should -Be 0

        $jobs[1].State | Should -Be 'PENDING'
        $jobs[1].StateReason | Should -Be 'Priority'
        $jobs[1].StartTime | Should -BeNullOrEmpty
        $jobs[1].EndTime | Should -BeNullOrEmpty
        $jobs[1].Elapsed | Should -BeNullOrEmpty
        { $jobs | Format-List | Out-String; $jobs | Format-Table | Out-String } | Should -Not -Throw
        # Asked concurrently: in either order.
        (Get-S3mTestRequest $emu -Method GET).path | Sort-Object | Should -Be @("/olcf/v1/slurm/open/v0.0.44/odo/job/$done", "/olcf/v1/slurm/open/v0.0.44/odo/job/$waiting")
    }
}
