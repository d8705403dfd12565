# One session shared by many runspaces (named, or inherited as their default), and many job look-ups in one call: no errors, no cross-talk, bounded, in order.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile
    Set-S3mTestScheduler $emu -PendingSeconds 0.2 -DefaultRunSeconds 0.5
    Set-S3mTestStreaming $emu -ReadySeconds 0 | Out-Null
    $script:session = Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') -MaximumConcurrency 6 -PassThru
    $script:module = $env:S3M_MODULE_PATH
}

AfterAll { Complete-S3mTestFile $emu }

Describe 'One session shared by 16 runspaces' {
    It 'answers 200 mixed reads with no error and no cross-talk' {
        $body = @{ job = @{ name = 'shared'; account = 'stf042'; partition = 'batch'; environment = @('PATH=/bin'); time_limit = @{ set = $true; number = 30 }; script = "#!/bin/bash`nsleep 1`n" } }
        $jobId = (Invoke-S3mSlurm odo /job/submit -Method POST -Body $body -ApiVersion v0.0.43).job_id
        $cluster = "shared-$([guid]::NewGuid().ToString('n').Substring(0, 6))"
        $null = New-S3mStreamingCluster -Engine Redis -Name $cluster

        $other = Get-S3mTestTokenPath $emu 'csc100-full'
        $results = 1..200 | ForEach-Object -ThrottleLimit 16 -Parallel {
            Import-Module $using:module
            $kind = $_ % 4
            # Half the iterations name the session; the others use the default they inherit from
            # this runspace, or (one in eight, asking for their token) one they connect themselves to another project.
            $with = if ($_ % 8 -ge 4) { @{ Session = $using:session } } else { @{} }
            $expected = 'stf042'
            if ($_ % 8 -eq 3) {
                Connect-S3m -BaseUri $using:emu.BaseUri -TokenPath $using:other -SkipIntrospection
                $expected = 'csc100'
            }
            # Verbose is captured per call: each call must see only its own request.
            $out = switch ($kind) {
                0 { Get-S3mStatus -Name odo @with -Verbose 4>&1 }
                1 { Get-S3mSlurmJob -Resource odo -JobId $using:jobId @with -Verbose 4>&1 }
                2 { Get-S3mStreamingCluster -Engine Redis -Name $using:cluster @with -Verbose 4>&1 }
                3 { Get-S3mToken @with -Verbose 4>&1 }
            }
            [pscustomobject]@{
                Kind     = $kind
                Project  = if ($with.Count) { 'stf042' } else { $expected }
                Objects  = @($out | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] })
                Verbose  = @($out | Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object Message)
            }
        } -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        $results | Should -HaveCount 200
        foreach ($r in $results) {
            $r.Objects | Should -HaveCount 1
            switch ($r.Kind) {
                0 { $r.Objects[0].Name | Should -Be 'odo'; $r.Verbose | ForEach-Object { $_ | Should -BeLike '*/status/odo*' } }
                1 { $r.Objects[0].JobId | Should -Be $jobId; $r.Verbose | ForEach-Object { $_ | Should -BeLike "*/job/$jobId*" } }
                2 { $r.Objects[0].Name | Should -Be $cluster; $r.Verbose | ForEach-Object { $_ | Should -BeLike "*/cluster/$cluster*" } }
                3 { $r.Objects[0].Project | Should -Be $r.Project; $r.Verbose | ForEach-Object { $_ | Should -BeLike '*/introspect*' } }
            }
            $r.Verbose | Should -Not -BeNullOrEmpty
        }
        (Get-S3mSession).Project | Should -Be 'stf042' -Because 'connects in the iterations leave this runspace''s default alone'
        Remove-S3mStreamingCluster -Engine Redis -Name $cluster -Force
    }
}

Describe 'Get-S3mSlurmJob -JobId with 2000 IDs' {
    It 'completes with bounded concurrency and output in the order asked' {
        $body = @{ job = @{ name = 'bulk'; account = 'stf042'; partition = 'batch'; environment = @('PATH=/bin'); time_limit = @{ set = $true; number = 30 }; script = "#!/bin/bash`nsleep 1`n" } }
        $ids = 1..2000 | ForEach-Object -ThrottleLimit 16 -Parallel {
            Import-Module $using:module
            # The default session, inherited from the runspace that started this one.
            (Invoke-S3mSlurm odo /job/submit -Method POST -Body $using:body -ApiVersion v0.0.43).job_id
        }
        $ids | Should -HaveCount 2000
        $asked = $ids | Sort-Object { Get-Random }
        Clear-S3mTestRequest $emu
        # A few milliseconds per answer, so that requests the client does send together overlap at
        # the server even on a loaded machine, and the peak in flight shows the client's bound.
        Add-S3mTestFault $emu -Path '/olcf/v1/slurm/open/v0.0.44/odo/job/*' -LatencyMs 5 -Count 2000 | Out-Null
        $jobs = Get-S3mSlurmJob -Resource odo -JobId $asked
        Clear-S3mTestFault $emu
        $jobs | Should -HaveCount 2000
        ($jobs.JobId -join ',') | Should -Be ($asked -join ',')
        $inFlight = Get-S3mTestMaxInFlight $emu
        $inFlight | Should -BeLessOrEqual 6
        $inFlight | Should -BeGreaterThan 1
    }
}
