# Where the token and the request go, and what an answer may do: proxies, paths that try to leave
# their place, answers too large to hold, and answers lost after the request may have acted.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile -Connect stf042-full
    $script:tokenPath = Get-S3mTestTokenPath $emu 'stf042-full'
}

AfterAll { Complete-S3mTestFile $emu }

# The HttpClient is process-wide and reads the proxy variables once, so each case runs in a fresh pwsh.
Describe 'Proxies' {
    BeforeAll {
        # Both spellings of each variable (.NET reads either), and no exceptions: NO_PROXY unset.
        function script:ProxyEnvironment([string[]]$Names, [string]$Origin) {
            $variables = [Collections.Generic.Dictionary[string, string]]::new([StringComparer]::Ordinal)
            foreach ($name in $Names) { $variables[$name.ToUpperInvariant()] = $Origin; $variables[$name.ToLowerInvariant()] = $Origin }
            $variables['NO_PROXY'] = $null
            $variables['no_proxy'] = $null
            $variables
        }
    }
    BeforeEach {
        Clear-S3mTestRequest $emu
        $script:proxy = Start-S3mTestRecorder
    }
    AfterEach { Stop-S3mTestRecorder $script:proxy }

    It 'never sends a loopback request, nor its token, through HTTP_PROXY' {
        $command = "Import-Module '$env:S3M_MODULE_PATH'; Connect-S3m -BaseUri '$($emu.BaseUri)' -TokenPath '$tokenPath' -MaximumRetryCount 0 -Timeout 00:00:10; 'PROJECT=' + (Get-S3mToken).Project"
        $run = Invoke-S3mTestPwsh $command (ProxyEnvironment 'HTTP_PROXY', 'ALL_PROXY' $proxy.Origin)

        $run.Output | Should -Match 'PROJECT=stf042' -Because $run.Output
        @($proxy.Received) | Should -HaveCount 0
        # Both calls (connect's introspection, Get-S3mToken) went straight to the emulator, with the token.
        @(Get-S3mTestRequest $emu -Path '/olcf/v1/token/ctls/introspect' | Where-Object tokenId) | Should -HaveCount 2
    }

    It 'still sends https through HTTPS_PROXY, as a CONNECT that carries no token' {
        $command = "Import-Module '$env:S3M_MODULE_PATH'; try { Connect-S3m -BaseUri 'https://s3m.proxy-test.invalid' -Token (ConvertTo-SecureString 'not-a-real-token' -AsPlainText -Force) -MaximumRetryCount 0 -Timeout 00:00:10 } catch { 'ERROR=' + `$_.FullyQualifiedErrorId }"
        $run = Invoke-S3mTestPwsh $command (ProxyEnvironment 'HTTPS_PROXY' $proxy.Origin)

        $run.Output | Should -Match 'ERROR=S3M\.Transport' -Because $run.Output
        $seen = @($proxy.Received)
        $seen | Should -HaveCount 1
        $seen[0] | Should -Match '^CONNECT s3m\.proxy-test\.invalid:443 HTTP/1\.1'
        $seen[0] | Should -Not -Match 'not-a-real-token'
    }
}

Describe 'Paths that would leave their place' {
    BeforeEach { Clear-S3mTestRequest $emu }

    It 'refuses <Path> for Invoke-S3mSlurm, sends nothing, and the token still works' -ForEach @(
        @{ Path = '/..\..\..\..\token/ctls/revoke' }
        @{ Path = '..\..\..\..\token/ctls/revoke' }
        @{ Path = '/..\../..\../token/ctls/revoke' }
        @{ Path = '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/token/ctls/revoke' }
        @{ Path = '/%2E%2e/%2e%2E/%2E%2E/%2e%2e/token/ctls/revoke' }
        @{ Path = '/.%2e/.%2e/.%2e/.%2e/token/ctls/revoke' }
        @{ Path = '/..%2f..%2f..%2f..%2ftoken/ctls/revoke' }
        @{ Path = '/..%2F..%2F..%2F..%2Ftoken/ctls/revoke' }
        @{ Path = '/..%5c..%5c..%5c..%5ctoken/ctls/revoke' }
        @{ Path = '/..%5C..%5C..%5C..%5Ctoken/ctls/revoke' }
        @{ Path = '/jobs/./..\..\..\..\..\token/ctls/revoke' }
        @{ Path = '/%2e%2e\..%2f%2E./..%5Ctoken/ctls/revoke' }
        @{ Path = '/jobs\..\..\defiant\jobs' }
    ) {
        # Invoke-S3mRestMethod's variants are in RestMethod.Tests.ps1.
        $err = { Invoke-S3mSlurm odo $Path -Method DELETE } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $err.Exception.ParameterName | Should -Be 'Path'
        $err.Exception.Message | Should -BeLike 'Path *'
        $err.ErrorDetails.RecommendedAction | Should -Be 'Correct -Path and run the command again.'
        Get-S3mTestRequest $emu | Should -BeNullOrEmpty -Because 'a refused path sends nothing'
        (Get-S3mToken).Project | Should -Be 'stf042'
    }
}

Describe 'MaximumResponseSize' {
    BeforeEach { Clear-S3mTestFault $emu; Clear-S3mTestRequest $emu }
    AfterAll { Connect-S3m -BaseUri $emu.BaseUri -TokenPath $tokenPath }

    It 'is 256 MiB by default and shown on the session' {
        (Connect-S3m -BaseUri $emu.BaseUri -TokenPath $tokenPath -PassThru).MaximumResponseSize | Should -Be 256MB
    }

    It 'refuses <Value> bytes' -ForEach @(@{ Value = 0 }, @{ Value = 1023 }, @{ Value = 1GB + 1 }) {
        { Connect-S3m -BaseUri $emu.BaseUri -TokenPath $tokenPath -MaximumResponseSize $Value } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'ends a gzip bomb at the limit with one S3M.InvalidResponse that says how to raise it' {
        Connect-S3m -BaseUri $emu.BaseUri -TokenPath $tokenPath -MaximumResponseSize 1MB
        (Get-S3mSession).MaximumResponseSize | Should -Be 1MB
        Add-S3mTestFault $emu -Path '/olcf/v1alpha/status' -Mode gzipBomb -SizeBytes 1GB -Count 5 | Out-Null

        $err = { Get-S3mStatus } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidResponse,*'
        "$err" | Should -BeLike '*MaximumResponseSize of 1 MiB*4MB*-MaximumResponseSize (Connect-S3m)*'
        @(Get-S3mTestRequest $emu -Path '/olcf/v1alpha/status') | Should -HaveCount 1
    }

    It 'reads an answer within the limit' {
        Connect-S3m -BaseUri $emu.BaseUri -TokenPath $tokenPath -MaximumResponseSize 1MB
        Add-S3mTestFault $emu -Path '/olcf/v1alpha/status' -Mode large -SizeBytes 1MB | Out-Null
        (Get-S3mStatus).Name | Should -Contain 'odo'
    }
}

Describe 'Answers lost after the request may have acted' {
    BeforeAll {
        # Arms one fault of -Mode (with -Status) for odo's next submit; returns the submit path.
        function script:Add-SubmitFault([string]$Mode, $Status, [hashtable]$More = @{}) {
            $path = '/olcf/v1/slurm/open/v0.0.44/odo/job/submit'
            $fault = @{ Path = $path; Method = 'POST'; Mode = $Mode } + $More
            if ($Status) { $fault.Status = $Status }
            Add-S3mTestFault $emu @fault | Out-Null
            $path
        }
    }
    BeforeEach { Clear-S3mTestFault $emu; Clear-S3mTestRequest $emu; Set-S3mTestScheduler $emu }

    It 'returns a submit whose answer was lost after Slurm took it, found by its tag (<Mode> <Status>), sent once' -ForEach @(
        @{ Mode = 'resetAfter'; Status = $null }
        @{ Mode = 'statusAfter'; Status = 502 }
        @{ Mode = 'statusAfter'; Status = 504 }
    ) {
        $path = Add-SubmitFault $Mode $Status
        $name = "found-$Mode-$Status"

        $verbose = Submit-S3mSlurmJob -Resource odo -Script "#!/bin/bash`n#SBATCH -J $name`n#SBATCH -t 5`nsleep 1`n" -Comment 'my run' -Verbose 4>&1
        $submission = @($verbose | Where-Object { $_ -is [S3M.SlurmSubmission] })

        $submission | Should -HaveCount 1
        $submission[0].FoundByTag | Should -BeTrue
        $submission[0].SubmissionTag | Should -Match '^s3m:[0-9a-f]{16}$'
        ($verbose | Out-String) | Should -BeLike "*Found job $($submission[0].JobId) on odo by its tag $($submission[0].SubmissionTag)*submitted once*"
        @(Get-S3mTestRequest $emu -Path $path -Method POST) | Should -HaveCount 1
        $queued = @(Get-S3mSlurmJob -Resource odo -Name $name)
        $queued | Should -HaveCount 1
        $queued[0].JobId | Should -Be $submission[0].JobId
        $queued[0].Comment | Should -BeExactly "my run $($submission[0].SubmissionTag)"
    }

    It 'ends a submit whose answer was lost before Slurm took it in S3M.OutcomeUnknown naming its tag and how to look (<Mode>)' -ForEach @(
        @{ Mode = 'reset'; Status = $null }
        @{ Mode = 'status'; Status = 502 }
    ) {
        $path = Add-SubmitFault $Mode $Status
        $name = "notfound-$Mode"

        $err = { Submit-S3mSlurmJob -Resource odo -Script "#!/bin/bash`n#SBATCH -J $name`n#SBATCH -t 5`nsleep 1`n" -ErrorAction Stop } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.OutcomeUnknown,*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $tag = $err.Exception.SubmissionTag
        $tag | Should -Match '^s3m:[0-9a-f]{16}$'
        "$err" | Should -BeLike "The answer to POST $path was lost*not sent again*No job on odo carried its tag $tag within*first check with Get-S3mSlurmJob -Resource odo -Comment '``*$tag``*'."
        $err.ErrorDetails.RecommendedAction | Should -BeLike 'Do not simply run the command again*'
        @(Get-S3mTestRequest $emu -Path $path -Method POST) | Should -HaveCount 1
        @(Get-S3mTestRequest $emu -Path '/olcf/v1/slurm/open/v0.0.44/odo/jobs' -Method GET) | Should -HaveCount 3
        Get-S3mSlurmJob -Resource odo -Name $name | Should -BeNullOrEmpty
        # The command the error gives finds nothing either, and runs as written.
        Get-S3mSlurmJob -Resource odo -Comment "*$tag*" | Should -BeNullOrEmpty
    }

    It 'ends a submit sent with -NoSubmissionTag whose answer was lost in plain S3M.OutcomeUnknown, sent once, not looked for' {
        $path = Add-SubmitFault resetAfter

        $err = { Submit-S3mSlurmJob -Resource odo -Script "#!/bin/bash`n#SBATCH -J lost-untagged`n#SBATCH -t 5`nsleep 1`n" -NoSubmissionTag -ErrorAction Stop } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.OutcomeUnknown,*'
        $err.Exception.SubmissionTag | Should -BeNullOrEmpty
        "$err" | Should -BeLike "The answer to POST $path was lost*job list of odo*first check with Get-S3mSlurmJob -Resource odo."
        @(Get-S3mTestRequest $emu -Path $path -Method POST) | Should -HaveCount 1
        (Get-S3mTestRequest $emu -Path $path -Method POST).body | Should -Not -BeLike '*comment*'
        Get-S3mTestRequest $emu -Method GET -Path '*/jobs' | Should -BeNullOrEmpty
        (Get-S3mSlurmJob -Resource odo -Name lost-untagged).Comment | Should -BeNullOrEmpty
    }

    It 'settles a submit answered with success but no job_id by its tag, never as job 0 and never sent again' {
        # Slurm took the job; what came back is a 200 without the one field that says which job.
        $path = Add-SubmitFault statusAfter 200 @{ Count = 1; ContentType = 'application/json'; Body = '{"job_submit_user_msg":"ok"}' }

        $s = Submit-S3mSlurmJob -Resource odo -Script "#!/bin/bash`n#SBATCH -J no-job-id`n#SBATCH -t 5`nsleep 1`n"

        @(Get-S3mTestRequest $emu -Path $path -Method POST) | Should -HaveCount 1
        $s.JobId | Should -Be (Get-S3mSlurmJob -Resource odo -Name no-job-id).JobId
        $s.FoundByTag | Should -BeTrue
    }

    It 'calls a submit answered with success but no job_id and no tag S3M.OutcomeUnknown' {
        $path = Add-SubmitFault statusAfter 200 @{ Count = 1; ContentType = 'application/json'; Body = '{}' }

        $err = { Submit-S3mSlurmJob -Resource odo -Script "#!/bin/bash`n#SBATCH -J no-job-id-untagged`n#SBATCH -t 5`nsleep 1`n" -NoSubmissionTag -ErrorAction Stop } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.OutcomeUnknown,*'
        "$err" | Should -BeLike "The answer to POST $path was lost (the answer named no job_id)*job list of odo*"
        @(Get-S3mTestRequest $emu -Path $path -Method POST) | Should -HaveCount 1
    }

    It 'reports a revoke whose answer was lost and whose retry was refused as done' {
        $token = New-S3mTestToken $emu -Project stf042 -Scope compute-ace
        $session = Connect-S3m -BaseUri $emu.BaseUri -Token $token.Token -PassThru
        Add-S3mTestFault $emu -Path '/olcf/v1/token/ctls/revoke' -Method DELETE -Mode resetAfter | Out-Null

        $verbose = Revoke-S3mToken -Session $session -Force -Verbose 4>&1

        $session.Revoked | Should -BeTrue
        ($verbose | Out-String) | Should -BeLike '*401: an earlier attempt lost its answer*that attempt did it*'
        @(Get-S3mTestRequest $emu -Path '/olcf/v1/token/ctls/revoke') | Should -HaveCount 2
        Connect-S3m -BaseUri $emu.BaseUri -TokenPath $tokenPath
    }
}
