# Sweeps: many scripts through one Submit-S3mSlurmJob (checked first, then sent -ThrottleLimit at
# once, each exactly once, written in input order), many jobs waited for together, and the
# runbook examples/Sweep.ps1. Concurrency is read from the emulator (its latency setting keeps
# requests in flight; maxInFlight counts them), never from a clock.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile -Connect stf042-full
    $script:submitPath = '/olcf/v1/slurm/open/v0.0.44/odo/job/submit'

    # $Count script files sweep-01.sbatch, sweep-02.sbatch... in a folder of their own, each a job
    # named like its file; $Lines adds a line to the scripts it names by number.
    function script:New-SweepScript([int]$Count, [hashtable]$Lines = @{}) {
        $dir = Join-Path $TestDrive ([guid]::NewGuid().ToString('n').Substring(0, 8))
        $null = New-Item -ItemType Directory -Path $dir
        foreach ($i in 1..$Count) {
            $name = 'sweep-{0:d2}' -f $i
            $extra = if ($Lines.ContainsKey($i)) { "$($Lines[$i])`n" } else { '' }
            Set-Content -LiteralPath (Join-Path $dir "$name.sbatch") -Value "#!/bin/bash`n#SBATCH -J $name -A stf042 -t 5`n${extra}echo $i`n" -NoNewline
        }
        Get-ChildItem -LiteralPath $dir -Filter '*.sbatch' | Sort-Object Name
    }
}

AfterAll { Complete-S3mTestFile $emu }

Describe 'Submit-S3mSlurmJob fed many scripts' {
    BeforeEach {
        Reset-S3mTestEmulator $emu
        Set-S3mTestScheduler $emu -PendingSeconds 0 -DefaultRunSeconds 0 -CompletingSeconds 0
    }

    It 'sends each script exactly once and writes the submissions in input order' {
        $files = New-SweepScript 12
        # The first submission to arrive is held, so it is answered after the ones behind it.
        Add-S3mTestFault $emu -Path $submitPath -Method POST -LatencyMs 1500 -Count 1 | Out-Null
        $out = $files | Submit-S3mSlurmJob -Resource odo -ThrottleLimit 4
        $out | Should -HaveCount 12
        @(Get-S3mTestRequest $emu -Method POST -Path $submitPath) | Should -HaveCount 12
        # The emulator numbers jobs as it takes them, so the held one has the highest ID...
        $out.JobId | Should -Not -Be @($out.JobId | Sort-Object) -Because 'the answers came back out of order'
        # ...and the output still follows the input.
        (Get-S3mSlurmJob -Resource odo -JobId $out.JobId).Name | Should -Be $files.BaseName
    }

    It 'keeps -ThrottleLimit requests in flight at once, and one with -ThrottleLimit 1' {
        $files = New-SweepScript 8
        Set-S3mTestLatency $emu 800
        Clear-S3mTestRequest $emu
        $files | Submit-S3mSlurmJob -Resource odo -ThrottleLimit 4 | Should -HaveCount 8
        Get-S3mTestMaxInFlight $emu | Should -Be 4
        Clear-S3mTestRequest $emu
        $files[0..2] | Submit-S3mSlurmJob -Resource odo -ThrottleLimit 1 | Should -HaveCount 3
        Get-S3mTestMaxInFlight $emu | Should -Be 1
    }

    It 'sends as many at once as the session''s MaximumConcurrency by default' {
        $three = Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') -MaximumConcurrency 3 -PassThru
        try {
            $files = New-SweepScript 7
            Set-S3mTestLatency $emu 800
            Clear-S3mTestRequest $emu
            $files | Submit-S3mSlurmJob -Resource odo -Session $three | Should -HaveCount 7
            Get-S3mTestMaxInFlight $emu | Should -Be 3
        }
        finally { Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') }
    }

    It 'writes a script the emulator refuses as one error among the submissions' {
        $files = New-SweepScript 5 -Lines @{ 3 = '#SBATCH -p nosuch' }
        $out = $files | Submit-S3mSlurmJob -Resource odo -ThrottleLimit 3 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'S3M.SlurmError,*'
        $errs[0].TargetObject | Should -Be $files[2].FullName
        (Get-S3mSlurmJob -Resource odo -JobId $out.JobId).Name | Should -Be $files.BaseName[0, 1, 3, 4]
        @(Get-S3mTestRequest $emu -Method POST -Path $submitPath) | Should -HaveCount 5
    }

    It 'writes a script the gateway refuses with 400 as that script''s error, and with -Wait still waits for the rest' {
        # The gateway's own "bad argument" (gRPC 3, HTTP 400) is S3M.InvalidArgument too, but it is the server's word on one script.
        $null = Add-S3mTestFault $emu -Path $submitPath -Method POST -Status 400 -Count 1 -ContentType 'application/json' -Body '{"code":3,"message":"invalid value for field environment"}'
        $files = New-SweepScript 4
        $out = $files | Submit-S3mSlurmJob -Resource odo -ThrottleLimit 1 -Wait -PollInterval 00:00:00.2 -Timeout 00:01:00 -ErrorVariable errs -ErrorAction SilentlyContinue
        @(Get-S3mTestRequest $emu -Method POST -Path $submitPath) | Should -HaveCount 4
        @($out).Name | Should -Be @('sweep-02', 'sweep-03', 'sweep-04')
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $errs[0].TargetObject | Should -Be $files[0].FullName
    }

    It 'reads and checks every script before it sends any' {
        $files = New-SweepScript 4 -Lines @{ 3 = '#SBATCH --array=1-10' }
        $err = { $files | Submit-S3mSlurmJob -Resource odo } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $err.Exception.Message | Should -BeLike 'ScriptPath line 3*--array*'
        # Only the downtimes may have been read, to warn of one (Downtime.Tests.ps1).
        Get-S3mTestRequest $emu | Where-Object path -NotLike '/olcf/v1alpha/status/downtimes*' | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf' {
        New-SweepScript 3 | Submit-S3mSlurmJob -Resource odo -WhatIf
        Get-S3mTestRequest $emu | Where-Object path -NotLike '/olcf/v1alpha/status/downtimes*' | Should -BeNullOrEmpty
    }

    It 'declares -ThrottleLimit 1 to 64, so one out of range is refused before anything is read or sent' {
        $err = { New-SweepScript 2 | Submit-S3mSlurmJob -Resource odo -ThrottleLimit 65 } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike '*ThrottleLimit*64*'
        Get-S3mTestRequest $emu | Should -BeNullOrEmpty
    }

    It 'with -Wait submits all, then waits for all with one read of the job list a round' {
        # Jobs that end as they are taken: one round finds them all finished.
        $jobs = New-SweepScript 5 | Submit-S3mSlurmJob -Resource odo -Wait -PollInterval 00:00:00.2 -Timeout 00:01:00
        $jobs | Should -HaveCount 5
        $jobs.State | Should -Be (@('COMPLETED') * 5)
        @(Get-S3mTestRequest $emu -Method GET -Path '*/odo/jobs') | Should -HaveCount 1
        @(Get-S3mTestRequest $emu -Method GET -Path '*/job/*') | Should -BeNullOrEmpty
    }

    It 'with -Wait writes the finished jobs in input order' {
        $files = New-SweepScript 4 -Lines @{ 1 = 'sleep 1' }
        $jobs = $files | Submit-S3mSlurmJob -Resource odo -Wait -PollInterval 00:00:00.2 -Timeout 00:01:00
        $jobs.Name | Should -Be $files.BaseName -Because 'the first job finished last and still comes first'
        ($jobs | Sort-Object EndTime)[-1].Name | Should -Be 'sweep-01'
    }
}

Describe 'Wait-S3mSlurmJob on many jobs' {
    BeforeEach { Reset-S3mTestEmulator $emu }

    It 'asks for the jobs that left the controller''s list all at once, not one by one' {
        # Finished jobs leave GET /jobs at once, so each must be read from accounting.
        Set-S3mTestScheduler $emu -PendingSeconds 0 -DefaultRunSeconds 0 -CompletingSeconds 0 -KeepFinishedSeconds 0
        $submitted = New-SweepScript 6 | Submit-S3mSlurmJob -Resource odo
        Set-S3mTestLatency $emu 800
        Clear-S3mTestRequest $emu
        $jobs = $submitted | Wait-S3mSlurmJob -PollInterval 00:00:00.2 -Timeout 00:01:00
        $jobs | Should -HaveCount 6
        @(Get-S3mTestRequest $emu -Method GET -Path '*/job/*') | Should -HaveCount 6
        Get-S3mTestMaxInFlight $emu | Should -Be 6
    }
}

Describe 'examples/Sweep.ps1' {
    BeforeAll {
        $script:sweep = Join-Path $PSScriptRoot '../../examples/Sweep.ps1'
    }
    BeforeEach {
        Reset-S3mTestEmulator $emu
        Set-S3mTestScheduler $emu -PendingSeconds 0.2 -DefaultRunSeconds 0.5
    }

    It 'submits the shipped table, waits, and reports each row' {
        $report = Join-Path $TestDrive 'shipped/report.csv'
        $null = New-Item -ItemType Directory -Path (Split-Path -Parent $report) -Force
        $rows = & $sweep -Path (Join-Path $PSScriptRoot '../../examples/sweep.csv') -Resource odo -ReportPath $report -PollInterval 00:00:00.2 -PassThru 6>$null
        $rows | Should -HaveCount 4
        $written = Import-Csv -LiteralPath $report
        $written.Row | Should -Be @('1', '2', '3', '4')
        $written.State | Should -Be (@('COMPLETED') * 4)
        $written.ExitCode | Should -Be (@('0') * 4)
        $written.Steps | Should -Be @('1000', '1000', '2000', '2000')
        foreach ($line in $written) { [int]$line.ElapsedSeconds | Should -BeGreaterOrEqual 2 }
        (Get-S3mSlurmJob -Resource odo -JobId $written.JobId).Name | Should -Be @('sweep-1', 'sweep-2', 'sweep-3', 'sweep-4')
        @(Get-S3mTestRequest $emu -Method POST -Path $submitPath) | Should -HaveCount 4
        Get-Content -LiteralPath (Join-Path $TestDrive 'shipped/report-scripts/row-0002.sbatch') -Raw | Should -BeLike '*steps=1000 temperature=300*'
    }

    It 'reports a failed job and a refused script among the rest, with -Session' {
        $dir = Join-Path $TestDrive 'mixed'
        $null = New-Item -ItemType Directory -Path $dir -Force
        Set-Content -LiteralPath (Join-Path $dir 'table.csv') -Value "Partition,Code`nbatch,0`nnosuch,0`ndebug,3"
        Set-Content -LiteralPath (Join-Path $dir 'job.sbatch') -Value "#!/bin/bash`n#SBATCH -J mixed-{{Row}} -p {{Partition}} -t 5`nexit {{Code}}`n"
        $session = Get-S3mSession
        & $sweep -Path (Join-Path $dir 'table.csv') -ScriptPath (Join-Path $dir 'job.sbatch') -Resource odo -ReportPath (Join-Path $dir 'report.csv') `
            -Session $session -PollInterval 00:00:00.2 6>$null
        $written = Import-Csv -LiteralPath (Join-Path $dir 'report.csv')
        $written.State | Should -Be @('COMPLETED', 'REFUSED', 'FAILED')
        $written.ExitCode | Should -Be @('0', '', '3')
        $written[1].JobId | Should -BeNullOrEmpty
        $written[1].Problem | Should -BeLike '*nosuch*'
    }

    It 'refuses a template word the table has no column for, before sending' {
        $dir = Join-Path $TestDrive 'unknown'
        $null = New-Item -ItemType Directory -Path $dir -Force
        Set-Content -LiteralPath (Join-Path $dir 'table.csv') -Value "Steps`n10"
        Set-Content -LiteralPath (Join-Path $dir 'job.sbatch') -Value "#!/bin/bash`necho {{Steps}} {{Temperature}}`n"
        { & $sweep -Path (Join-Path $dir 'table.csv') -ScriptPath (Join-Path $dir 'job.sbatch') -Resource odo -ReportPath (Join-Path $dir 'r.csv') 6>$null } |
            Should -Throw -ExpectedMessage '-ScriptPath: the template uses {{Temperature}}*'
        Get-S3mTestRequest $emu | Should -BeNullOrEmpty
    }
}
