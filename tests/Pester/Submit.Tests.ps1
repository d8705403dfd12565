# Submit-S3mSlurmJob and ConvertFrom-S3mSbatchScript against the emulator's scheduler.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile -Connect stf042-full
    Set-S3mTestScheduler $emu -PendingSeconds 0.2 -DefaultRunSeconds 0.5
    $script:hello = Join-Path $PSScriptRoot '../../examples/hello.sbatch'

    function script:New-Script([string]$Text) {
        $path = Join-Path $TestDrive ("job-{0}.sbatch" -f [guid]::NewGuid().ToString('n').Substring(0, 8))
        Set-Content -LiteralPath $path -Value $Text -NoNewline
        $path
    }
    function script:Get-SubmitBody { (Get-S3mTestRequest $emu -Method POST -Path '*/job/submit')[-1].body | ConvertFrom-Json }
}

AfterAll { Complete-S3mTestFile $emu }

Describe 'ConvertFrom-S3mSbatchScript' {
    It 'reads a script file''s directives without sending anything' {
        Clear-S3mTestRequest $emu
        $job = ConvertFrom-S3mSbatchScript -Path $hello
        $job | Should -BeOfType S3M.SlurmJobDescription
        $job.Name | Should -Be 'hello'
        $job.Account | Should -Be 'stf042'
        $job.Nodes | Should -Be '1'
        $job.Tasks | Should -Be 4
        $job.TimeLimit | Should -Be ([TimeSpan]::FromMinutes(10))
        $job.StandardOutput | Should -Be 'hello-%j.out'
        $job.Environment | Should -Be @('PATH=/bin:/usr/bin:/usr/local/bin')
        Get-S3mTestRequest $emu | Should -BeNullOrEmpty
    }

    It 'adds the exact body for -ApiVersion' {
        $v42 = ConvertFrom-S3mSbatchScript -Script "#!/bin/bash`n#SBATCH -J x -t 5`n" -ApiVersion 0.0.42
        ($v42.Body | ConvertFrom-Json).job.name | Should -Be 'x'
        ($v42.Body | ConvertFrom-Json).job.time_limit.number | Should -Be 5
        $v44 = ConvertFrom-S3mSbatchScript -Script "#!/bin/bash`n#SBATCH -J x`n" -ApiVersion v0.0.44
        ($v44.Body | ConvertFrom-Json).jobs[0].name | Should -Be 'x'
        ($v44.Body | ConvertFrom-Json).script | Should -BeLike '#!/bin/bash*'
    }

    It 'names the line of a directive S3M does not take' {
        $err = { ConvertFrom-S3mSbatchScript -Script "#!/bin/bash`n#SBATCH -J x`n#SBATCH --gres=gpu:1`n" } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $err.Exception.Message | Should -BeLike '*line 3*--gres*'
    }
}

Describe 'Submit-S3mSlurmJob' {
    BeforeEach { Clear-S3mTestRequest $emu }

    It 'submits a script file with directives and answers with an S3M.SlurmSubmission' {
        $s = Submit-S3mSlurmJob -Resource odo -ScriptPath $hello
        $s | Should -BeOfType S3M.SlurmSubmission
        $s.JobId | Should -BeGreaterThan 0
        $s.Resource | Should -Be 'odo'
        $s.ApiVersion | Should -Be 'v0.0.44'
        $body = Get-SubmitBody
        $body.jobs[0].name | Should -Be 'hello'
        $body.jobs[0].tasks | Should -Be 4
        $body.jobs[0].time_limit.number | Should -Be 10
        $body.script | Should -BeLike '#!/bin/bash*sleep 3*'
        @(Get-S3mTestRequest $emu -Method POST).Count | Should -Be 1
    }

    It 'uses the job form on v0.0.42 and v0.0.43' {
        $null = Submit-S3mSlurmJob -Resource wombat -ScriptPath $hello
        $body = Get-SubmitBody
        $body.job.name | Should -Be 'hello'
        $body.job.script | Should -BeLike '#!/bin/bash*'
        $body.PSObject.Properties.Name | Should -Not -Contain 'jobs'
        (Get-S3mTestRequest $emu -Method POST)[-1].path | Should -Be '/olcf/v1/slurm/open/v0.0.42/wombat/job/submit'
    }

    It 'lets parameters win over directives, and sends only accepted fields' {
        $null = Submit-S3mSlurmJob -Resource defiant -ScriptPath $hello -Name renamed -Tasks 2 -TimeLimit 1:00:00 -Memory 2G `
            -Environment @{ OMP_NUM_THREADS = 4; PATH = '/bin' } -Property @{ comment = 'from pester' }
        $job = (Get-SubmitBody).job
        $job.name | Should -Be 'renamed'
        $job.tasks | Should -Be 2
        $job.time_limit.number | Should -Be 60
        $job.memory_per_node.number | Should -Be 2048
        $job.environment | Should -Contain 'OMP_NUM_THREADS=4'
        $job.comment | Should -Match '^from pester s3m:[0-9a-f]{16}$'
        foreach ($field in $job.PSObject.Properties.Name) { [S3M.SlurmJobDescription]::AcceptedFields | Should -Contain $field }
    }

    It 'sends nothing with -WhatIf and shows the exact body in Verbose' {
        $verbose = Submit-S3mSlurmJob -Resource odo -ScriptPath $hello -WhatIf -Verbose 4>&1 | Out-String
        # Only the downtimes are read, to warn of one under -WhatIf too (Downtime.Tests.ps1).
        Get-S3mTestRequest $emu | Where-Object path -NotLike '/olcf/v1alpha/status/downtimes*' | Should -BeNullOrEmpty
        $verbose | Should -BeLike '*POST /olcf/v1/slurm/open/v0.0.44/odo/job/submit would send*"jobs"*"comment":"s3m:*"name":"hello"*'
    }

    It 'tags each submission after the comment, kept whole, and finds the job by it with Get-S3mSlurmJob -Comment' {
        $comment = 'calibration (2 of 3) [x] *'
        $first = Submit-S3mSlurmJob -Resource odo -ScriptPath $hello -Comment $comment
        $second = Submit-S3mSlurmJob -Resource odo -ScriptPath $hello -Comment $comment

        $first.SubmissionTag | Should -Match '^s3m:[0-9a-f]{16}$'
        $second.SubmissionTag | Should -Not -Be $first.SubmissionTag
        $first.FoundByTag | Should -BeFalse
        (Get-SubmitBody).jobs[0].comment | Should -BeExactly "$comment $($second.SubmissionTag)"
        $found = @(Get-S3mSlurmJob -Resource odo -Comment "*$($first.SubmissionTag)*")
        $found | Should -HaveCount 1
        $found[0].JobId | Should -Be $first.JobId
        $found[0].Comment | Should -BeExactly "$comment $($first.SubmissionTag)"
        (Get-S3mSlurmJob -Resource odo -JobId $first.JobId).Comment | Should -BeExactly "$comment $($first.SubmissionTag)"
        ($found[0] | Format-List | Out-String) | Should -BeLike "*Comment*: $([WildcardPattern]::Escape($comment)) s3m:*"
    }

    It 'sends the comment as it is with -NoSubmissionTag' {
        $s = Submit-S3mSlurmJob -Resource odo -ScriptPath $hello -Comment 'untagged' -NoSubmissionTag
        $s.SubmissionTag | Should -BeNullOrEmpty
        (Get-SubmitBody).jobs[0].comment | Should -BeExactly 'untagged'
        $null = Submit-S3mSlurmJob -Resource odo -ScriptPath $hello -NoSubmissionTag
        (Get-SubmitBody).jobs[0].PSObject.Properties.Name | Should -Not -Contain 'comment'
    }

    It 'refuses a comment with no room left for the tag, naming -Comment, and sends nothing' {
        $err = { Submit-S3mSlurmJob -Resource odo -ScriptPath $hello -Comment ('c' * 1010) } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $err.Exception.ParameterName | Should -Be 'Comment'
        $err.Exception.Message | Should -BeLike '*1010 bytes; with the submission tag (21 bytes more) it would pass the 1024 bytes Slurm takes*'
        Get-S3mTestRequest $emu | Should -BeNullOrEmpty
    }

    It 'refuses a comment longer than Slurm takes without the tag too, naming -Comment, and sends nothing' {
        $err = { Submit-S3mSlurmJob -Resource odo -ScriptPath $hello -Comment ('c' * 1025) -NoSubmissionTag } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $err.Exception.ParameterName | Should -Be 'Comment'
        $err.Exception.Message | Should -BeLike '*is 1025 bytes in UTF-8; Slurm takes at most 1024*'
        Get-S3mTestRequest $emu | Should -BeNullOrEmpty
    }

    It 'waits with -Wait and writes the finished job' {
        $job = Submit-S3mSlurmJob -Resource odo -Script "#!/bin/bash`n#SBATCH -J waited -A stf042 -p batch`nsleep 0.5`n" -Wait -PollInterval 00:00:00.2 -Timeout 00:00:30
        $job | Should -BeOfType S3M.SlurmJob
        $job.Name | Should -Be 'waited'
        $job.State | Should -Be 'COMPLETED'
        $job.ExitCode | Should -Be 0
    }

    It 'reports a failing job''s exit code' {
        $job = Submit-S3mSlurmJob -Resource odo -ScriptPath (New-Script "#!/bin/bash`n#SBATCH -A stf042 -p batch`nexit 7`n") -Wait -PollInterval 00:00:00.2 -Timeout 00:00:30
        $job.State | Should -Be 'FAILED'
        $job.ExitCode | Should -Be 7
    }

    It 'stops at an unsupported directive, naming the line, and sends nothing' {
        $path = New-Script "#!/bin/bash`n#SBATCH -A stf042`n#SBATCH --array=1-10`nsleep 1`n"
        $err = { Submit-S3mSlurmJob -Resource odo -ScriptPath $path } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $err.Exception.Message | Should -BeLike 'ScriptPath line 3*--array*'
        $err.Exception.Message | Should -BeLike '*IgnoreUnsupportedDirective*'
        Get-S3mTestRequest $emu | Should -BeNullOrEmpty
    }

    It 'turns unsupported directives into warnings with -IgnoreUnsupportedDirective' {
        $path = New-Script "#!/bin/bash`n#SBATCH -A stf042 -p batch`n#SBATCH --mail-type=END`nsleep 1`n"
        $s = Submit-S3mSlurmJob -Resource odo -ScriptPath $path -IgnoreUnsupportedDirective -WarningVariable warned -WarningAction SilentlyContinue
        $s.JobId | Should -BeGreaterThan 0
        "$warned" | Should -BeLike '*--mail-type*'
        (Get-SubmitBody).jobs[0].PSObject.Properties.Name | Should -Not -Contain 'mail_type'
    }

    It 'refuses bad parameters and -Property names before sending' {
        { Submit-S3mSlurmJob -Resource odo -ScriptPath $hello -TimeLimit 'soon' } | Should -Throw -ExpectedMessage 'TimeLimit*'
        { Submit-S3mSlurmJob -Resource odo -ScriptPath $hello -Property @{ gres = 'gpu:1' } } | Should -Throw -ExpectedMessage 'Property*gres*'
        { Submit-S3mSlurmJob -Resource odo -ScriptPath (Join-Path $TestDrive 'none.sbatch') } | Should -Throw -ExpectedMessage 'ScriptPath*does not exist*'
        Get-S3mTestRequest $emu | Should -BeNullOrEmpty
    }

    It 'submits through the pipeline, one POST each, never re-sent' {
        Add-S3mTestFault $emu -Path '/olcf/v1/slurm/open/v0.0.44/odo/job/submit' -Method POST -Status 503 -Count 1 | Out-Null
        $paths = 1..3 | ForEach-Object { New-Script "#!/bin/bash`n#SBATCH -J p$_ -A stf042 -p batch`nsleep 1`n" }
        $out = Get-Item $paths | Submit-S3mSlurmJob -Resource odo -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'S3M.Unavailable,*'
        @($out).Count | Should -Be 2
        @(Get-S3mTestRequest $emu -Method POST).Count | Should -Be 3
    }

    It 'takes script text and script files from the pipeline' {
        $fromText = "#!/bin/bash`n#SBATCH -J piped -A stf042 -p batch -t 5`nsleep 1`n" | Submit-S3mSlurmJob -Resource odo
        $fromText.JobId | Should -BeGreaterThan 0
        (Get-SubmitBody).jobs[0].name | Should -Be 'piped'
        (Get-Content -LiteralPath $hello -Raw | Submit-S3mSlurmJob -Resource odo).JobId | Should -BeGreaterThan $fromText.JobId
        (Get-Item -LiteralPath $hello | ConvertFrom-S3mSbatchScript).Name | Should -Be 'hello'
        (Get-Content -LiteralPath $hello -Raw | ConvertFrom-S3mSbatchScript).Name | Should -Be 'hello'
    }

    It 'is refused for a read-only token, naming the missing scope' {
        $ro = Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-readonly') -PassThru
        try {
            $err = { Submit-S3mSlurmJob -Resource odo -ScriptPath $hello -Session $ro -ErrorAction Stop } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'S3M.Forbidden,*'
            $err.Exception.Message | Should -BeLike '*compute-ace*'
        }
        finally { Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') }
    }

    It 'shows a readable table' {
        (Submit-S3mSlurmJob -Resource odo -ScriptPath $hello | Out-String -Width 120) | Should -BeLike '*Resource*JobId*odo*'
    }
}
