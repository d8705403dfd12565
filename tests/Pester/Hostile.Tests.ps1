# Hostile and malformed input: refused with a clear error naming the parameter, and nothing sent.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile -Connect stf042-full
}

AfterAll { Complete-S3mTestFile $emu }

Describe 'Hostile input' {
    BeforeEach { Clear-S3mTestRequest $emu }
    AfterEach { Get-S3mTestRequest $emu | Should -BeNullOrEmpty -Because 'refused input must send nothing' }

    It 'refuses <Label> as a <What>' -ForEach @(
        @{ Label = '../token/ctls/revoke'; What = 'resource name'; Value = '../token/ctls/revoke'; Command = { param($v) Get-S3mStatus -Name $v } }
        @{ Label = 'odo%2F..%2Fx'; What = 'resource name'; Value = 'odo%2F..%2Fx'; Command = { param($v) Get-S3mStatus -Name $v } }
        @{ Label = 'odo jobs'; What = 'resource name'; Value = 'odo jobs'; Command = { param($v) Get-S3mStatus -Name $v } }
        @{ Label = 'odoCRLFX-Evil: 1'; What = 'resource name'; Value = "odo`r`nX-Evil: 1"; Command = { param($v) Get-S3mStatus -Name $v } }
        @{ Label = '300 a''s'; What = 'resource name'; Value = ('a' * 300); Command = { param($v) Get-S3mStatus -Name $v } }
        @{ Label = '../../v1alpha/status'; What = 'Slurm resource'; Value = '../../v1alpha/status'; Command = { param($v) Get-S3mSlurmJob -Resource $v } }
        @{ Label = 'odoNUL'; What = 'Slurm resource'; Value = "odo`0"; Command = { param($v) Get-S3mSlurmPartition -Resource $v } }
        @{ Label = 'v0.0.44/../../x'; What = 'API version'; Value = 'v0.0.44/../../x'; Command = { param($v) Test-S3mSlurm odo -ApiVersion $v } }
        @{ Label = '../cluster/other'; What = 'cluster name'; Value = '../cluster/other'; Command = { param($v) Get-S3mStreamingCluster -Engine Redis -Name $v } }
        @{ Label = 'x%2F..'; What = 'cluster name'; Value = 'x%2F..'; Command = { param($v) Remove-S3mStreamingCluster -Engine Redis -Name $v -Force } }
        @{ Label = 'aTABb'; What = 'cluster name'; Value = "a`tb"; Command = { param($v) Reset-S3mStreamingClusterLifetime -Engine Redis -Name $v } }
        @{ Label = 'TERM&flags=x'; What = 'signal'; Value = 'TERM&flags=x'; Command = { param($v) Stop-S3mSlurmJob -Resource odo -JobId 1 -Signal $v -Confirm:$false } }
        @{ Label = '/olcf/%2e%2e/admin'; What = 'REST path'; Value = '/olcf/%2e%2e/admin'; Command = { param($v) Invoke-S3mRestMethod GET $v } }
        @{ Label = '/../../token/ctls/revoke'; What = 'Slurm path'; Value = '/../../token/ctls/revoke'; Command = { param($v) Invoke-S3mSlurm odo $v -Method DELETE } }
    ) {
        $err = { & $Command $Value } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $err.Exception.Message | Should -Not -BeLike '*Exception*'
    }

    It 'refuses job IDs that are negative, zero or overflow' -ForEach @(
        @{ Value = -1 }, @{ Value = 0 }, @{ Value = 1000000000 }
    ) {
        { Get-S3mSlurmJob -Resource odo -JobId $Value } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Get-S3mSlurmJob -Resource odo -JobId ([long]::MaxValue) } | Should -Throw -ErrorId 'CannotConvertArgument*'
    }

    It 'refuses negative and overflowing numbers' {
        { Submit-S3mSlurmJob -Resource odo -Script "#!/bin/bash`n" -Tasks -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Submit-S3mSlurmJob -Resource odo -Script "#!/bin/bash`n" -CpusPerTask 2147483648 } | Should -Throw
        { Submit-S3mSlurmJob -Resource odo -Script "#!/bin/bash`n" -Property @{ priority = -5 } } | Should -Throw -ExpectedMessage 'Property*'
        { Submit-S3mSlurmJob -Resource odo -Script "#!/bin/bash`n" -Property @{ tasks = [long]::MaxValue } } | Should -Throw -ExpectedMessage 'Property*'
        { New-S3mStreamingCluster -Engine Redis -Name ok -Cpus -3 } | Should -Throw -ExpectedMessage 'Cpus*'
        { New-S3mStreamingCluster -Engine Redis -Name ok -ResourceSetting @{ cpus = '99999999999999999999' } } | Should -Throw -ExpectedMessage 'ResourceSetting*'
    }

    It 'refuses a batch script with binary junk in its directives' {
        $junk = "#!/bin/bash`n#SBATCH -J `0`u{1}`u{7f}junk`n#SBATCH -A stf042`n"
        $err = { Submit-S3mSlurmJob -Resource odo -Script $junk } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $err.Exception.Message | Should -BeLike 'Script *'
    }

    It 'refuses a 50 MB script file before reading it' {
        $path = Join-Path $TestDrive 'huge.sbatch'
        $file = [IO.File]::Create($path)
        try { $file.SetLength(50MB) } finally { $file.Dispose() }
        $err = { Submit-S3mSlurmJob -Resource odo -ScriptPath $path } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike 'ScriptPath*50 MiB*at most 4 MiB*'
        { Submit-S3mSlurmJob -Resource odo -Script ('#' * 5MB) } | Should -Throw -ExpectedMessage 'Script*'
    }

    It 'refuses http:// to a host that is not this machine, and a token to such a host' {
        { Connect-S3m -BaseUri 'http://10.1.2.3:8080' -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') } | Should -Throw -ErrorId 'S3M.InvalidArgument*'
        { Connect-S3m -BaseUri 'ftp://127.0.0.1' -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') } | Should -Throw -ErrorId 'S3M.InvalidArgument*'
    }

    It 'refuses a base URI that holds a password, without showing it' {
        $err = { Connect-S3m -BaseUri 'https://proxyuser:Pr0xyPw@localhost:9' -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') -SkipIntrospection } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $err.Exception.Message | Should -BeLike 'BaseUri must not hold a user name or password*'
        # (The record's invocation line quotes the command as typed; what the module says must not.)
        "$err $($err.ErrorDetails.RecommendedAction) $($err.TargetObject)" | Should -Not -BeLike '*Pr0xyPw*'
    }

    It 'refuses http:// to a host that is not this machine for public calls without a session' {
        # Without a session, Get-S3mStatus goes to $env:S3M_BASE_URI; the same rule holds there.
        Disconnect-S3m
        $env:S3M_BASE_URI = 'http://s3m.example.org'
        try {
            $err = { Get-S3mStatus } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
            $err.Exception.Message | Should -BeLike 'BaseUri*http://s3m.example.org*https://*'
        }
        finally {
            $env:S3M_BASE_URI = $null
            Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') -SkipIntrospection
        }
    }
}
