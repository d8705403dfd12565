# Downtimes met by jobs: the warning before Submit-S3mSlurmJob sends, and the word in a wait's
# progress line, against downtimes each test sets on the emulator's status page.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile
    $script:job = "#!/bin/bash`n#SBATCH -J dt -A stf042`nsleep 1`n"

    # Each test connects anew: a session keeps the downtimes it read for five minutes.
    function script:New-Session { Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu stf042-full) -PassThru }
    function script:Get-DowntimeRead { @(Get-S3mTestRequest $emu -Method GET -Path '/olcf/v1alpha/status/downtimes*') }
    # Submits $job to odo with the test's session; its downtime warnings land in $warned.
    function script:Submit([hashtable]$With = @{}) {
        Submit-S3mSlurmJob -Session $script:session -Resource odo -Script $job -WarningVariable w -WarningAction SilentlyContinue @With
        $script:warned = @($w | Where-Object { "$_" -like '*may run into a downtime*' })
    }
    # The progress lines of a command run in a runspace of its own, which keeps its progress
    # records (a wait writes one record again and again, so they read as its last line).
    function script:Get-ProgressLine([scriptblock]$Command, [object[]]$Arguments) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:S3M_MODULE_PATH'").AddStatement().AddScript($Command)
            foreach ($argument in $Arguments) { $null = $ps.AddArgument($argument) }
            $null = $ps.Invoke()
            @($ps.Streams.Progress | ForEach-Object StatusDescription | Select-Object -Unique)
        }
        finally { $ps.Dispose() }
    }
    # Wait-S3mSlurmJob's progress lines over a second of waiting for jobs on odo.
    function script:Get-WaitProgressLine($Session, [int[]]$Ids) {
        Get-ProgressLine {
            param($Session, $Ids)
            Wait-S3mSlurmJob -Session $Session -Resource odo -JobId $Ids -Timeout 00:00:01 -PollInterval 00:00:00.2 -ErrorAction SilentlyContinue
        } $Session, $Ids
    }
}

AfterAll { Complete-S3mTestFile $emu }

Describe 'Submit-S3mSlurmJob before a downtime' {
    BeforeEach {
        Set-S3mTestScheduler $emu -PendingSeconds 0.2 -DefaultRunSeconds 0.5
        $script:downtime = Set-S3mTestDowntime $emu @{ resourceName = 'odo'; start = '+2h'; end = '+4h'; description = 'Pester maintenance' }
        $script:session = New-Session
        Clear-S3mTestRequest $emu
    }

    It 'warns of a downtime the job would run into, naming it, its start and description, and still submits' {
        $s = Submit @{ TimeLimit = '3:00:00' }
        $s.JobId | Should -BeGreaterThan 0
        $warned | Should -HaveCount 1
        $start = ([DateTimeOffset]$downtime.start).ToLocalTime().ToString('yyyy-MM-dd HH:mm')
        "$warned" | Should -BeLike "Job 'dt' may run into a downtime of odo: 'Pester maintenance', $start to *. It would run from now until * (its time limit of 3:00:00).*"
        @(Get-S3mTestRequest $emu -Method POST) | Should -HaveCount 1
    }

    It 'says nothing of a downtime the job ends before' {
        (Submit @{ TimeLimit = '1:00:00' }).JobId | Should -BeGreaterThan 0
        $warned | Should -BeNullOrEmpty
    }

    It 'counts the window from the job''s begin time' {
        $null = Submit @{ TimeLimit = '1:00:00'; Property = @{ begin_time = 'now+90minutes' } }
        "$warned" | Should -BeLike '*Pester maintenance*from its begin time, *'
        $null = Submit @{ TimeLimit = '1:00:00'; Property = @{ begin_time = 'now+5hours' } }
        $warned | Should -BeNullOrEmpty
    }

    It 'always warns of an UNLIMITED job, under -WhatIf too, which sends nothing to Slurm' {
        $null = Set-S3mTestDowntime $emu @{ resourceName = 'odo'; start = '+9d'; end = '+9d2h'; description = 'Far away' }
        $script:session = New-Session
        Clear-S3mTestRequest $emu
        Submit @{ TimeLimit = 'UNLIMITED'; WhatIf = $true }
        "$warned" | Should -BeLike "*'Far away'*with no end (it has no time limit)*"
        Get-S3mTestRequest $emu | Where-Object path -NotLike '/olcf/v1alpha/status/*' | Should -BeNullOrEmpty
    }

    It 'gives a job without a time limit its partition''s default' {
        $null = Set-S3mTestDowntime $emu @{ resourceName = 'odo'; start = '+45m'; end = '+2h'; description = 'Soon' }
        $script:session = New-Session
        $null = Submit @{ Partition = 'debug' }   # 30 minutes
        $warned | Should -BeNullOrEmpty
        $null = Submit @{ Partition = 'batch' }   # 1 hour
        "$warned" | Should -BeLike "*'Soon'*no time limit given; the default of partition batch, 1:00:00*"
        $null = Submit   # no partition: the longest default of them all
        "$warned" | Should -BeLike "*'Soon'*batch has the longest default of odo's partitions, 1:00:00*"
        @(Get-S3mTestRequest $emu -Path '*/odo/partitions') | Should -HaveCount 1 -Because 'the partitions are read once, as the downtimes are'
    }

    It 'warns once of a downtime that S3M lists both as in effect and as upcoming' {
        $dt = Set-S3mTestDowntime $emu @{ resourceName = 'odo'; start = '-1h'; end = '+1h'; description = 'Listed twice' }
        # An upcoming list that also holds the downtime under way (it ends after now), as a status page may.
        $body = @{ downtimes = @(@{ resourceName = 'odo'; status = 'UNAVAILABLE'; start = $dt[0].start; end = $dt[0].end; description = 'Listed twice' }) } | ConvertTo-Json -Depth 4 -Compress
        $null = Add-S3mTestFault $emu -Path '/olcf/v1alpha/status/downtimes/upcoming' -Method GET -Status 200 -Count 1 -ContentType 'application/json' -Body $body
        $script:session = New-Session
        $null = Submit @{ TimeLimit = '30' }
        $warned | Should -HaveCount 1
        $warned[0] | Should -BeLike "*'Listed twice'*"
    }

    It 'keeps bidirectional overrides and zero-width characters of a description out of the warning' {
        $null = Set-S3mTestDowntime $emu @{ resourceName = 'odo'; start = '+10m'; end = '+1h'; description = "Safe window`u{202E}00:81 ot 00:01`u{200B}`u{2066}end" }
        $script:session = New-Session
        $null = Submit @{ TimeLimit = '30' }
        $warned | Should -HaveCount 1
        # Each invisible character becomes a blank, as in every message that quotes S3M.
        $warned[0] | Should -BeLike "*'Safe window 00:81 ot 00:01  end'*"
        $warned[0] | Should -Not -Match '[\p{Cf}\p{Cc}]'
    }

    It 'submits when the status service fails, and says so in Verbose' {
        $null = Add-S3mTestFault $emu -Path '/olcf/v1alpha/status/downtimes*' -Status 500 -Count 2
        $verbose = Submit @{ TimeLimit = '3:00:00'; Verbose = $true } 4>&1
        @($verbose | Where-Object { $_ -is [S3M.SlurmSubmission] }) | Should -HaveCount 1
        $warned | Should -BeNullOrEmpty
        "$verbose" | Should -BeLike "*Downtimes: S3M's downtimes could not be read (*500*); the job is not checked against them.*"
        @(Get-S3mTestRequest $emu -Method POST) | Should -HaveCount 1
    }

    It 'reads the downtimes once for many submits' {
        1..5 | ForEach-Object { $null = Submit @{ TimeLimit = '3:00:00' } }
        Get-DowntimeRead | ForEach-Object path | Sort-Object | Should -Be @('/olcf/v1alpha/status/downtimes', '/olcf/v1alpha/status/downtimes/upcoming')
        @(Get-S3mTestRequest $emu -Method POST) | Should -HaveCount 5
    }
}

Describe 'Waiting while a downtime holds jobs' {
    BeforeEach {
        $null = Set-S3mTestDowntime $emu @{ resourceName = 'odo'; start = '-10m'; end = '+2h'; description = 'Pester outage' }
        $script:session = New-Session
    }

    It 'says in Wait-S3mSlurmJob''s progress line that a downtime began while jobs pend' {
        Set-S3mTestScheduler $emu -PendingSeconds 3600
        $ids = 1..2 | ForEach-Object { (Submit @{ TimeLimit = '10' }).JobId }
        Clear-S3mTestRequest $emu
        $lines = Get-WaitProgressLine $session $ids
        $lines | Should -Not -BeNullOrEmpty
        $lines | Should -BeLike "*waiting: 2 PENDING; odo: downtime 'Pester outage' began *, 2 pending"
        Get-DowntimeRead | Should -BeNullOrEmpty -Because 'the wait uses what the session read for the submits'
    }

    It 'keeps a description''s terminal escapes and line breaks out of the progress line' {
        $null = Set-S3mTestDowntime $emu @{ resourceName = 'odo'; start = '-10m'; end = '+2h'; description = "Outage`e[2J`r`nsecond line" }
        $fresh = New-Session
        Set-S3mTestScheduler $emu -PendingSeconds 3600
        $id = (Submit @{ TimeLimit = '10' }).JobId
        $lines = Get-WaitProgressLine $fresh $id
        $lines | Should -BeLike "*odo: downtime 'Outage*second line' began *, 1 pending"
        $lines -join '' | Should -Not -Match '\p{Cc}'
        $lines -join '' | Should -Match ([regex]::Escape("'Outage?[2J??second line'"))
    }

    It 'says it in Submit-S3mSlurmJob -Wait''s progress line too' {
        Set-S3mTestScheduler $emu -PendingSeconds 3600
        $lines = Get-ProgressLine {
            param($Session, $Job)
            Submit-S3mSlurmJob -Session $Session -Resource odo -Script $Job -TimeLimit 10 -Wait -Timeout 00:00:01 -PollInterval 00:00:00.2 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        } $session, $job
        $lines | Should -Not -BeNullOrEmpty
        $lines | Should -BeLike "*odo: downtime 'Pester outage' began *, 1 pending"
    }

    It 'says nothing of it once the jobs run, and reads no downtimes for running jobs' {
        Set-S3mTestScheduler $emu -PendingSeconds 0 -DefaultRunSeconds 0
        $id = (Submit-S3mSlurmJob -Session $session -Resource odo -Script "#!/bin/bash`n#SBATCH -A stf042 -t 10`nsleep 60`n" -WarningAction SilentlyContinue).JobId
        $fresh = New-Session   # one that has read no downtimes yet
        Clear-S3mTestRequest $emu
        $lines = Get-WaitProgressLine $fresh $id
        $lines | Should -Not -BeNullOrEmpty
        $lines | Should -BeLike '*waiting: 1 RUNNING'
        Get-DowntimeRead | Should -BeNullOrEmpty
    }
}
