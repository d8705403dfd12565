# Get-S3mStatus and Get-S3mDowntime: no token needed.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile -Connect stf042-full
}

AfterAll { Complete-S3mTestFile $emu }

Describe 'Get-S3mStatus' {
    BeforeEach { Clear-S3mTestRequest $emu }

    It 'lists every resource as S3M.ResourceStatus, sending no token' {
        $all = Get-S3mStatus
        $all.Count | Should -BeGreaterThan 3
        $all | ForEach-Object { $_ | Should -BeOfType S3M.ResourceStatus }
        $all.Name | Should -Contain 'odo'
        $odo = $all | Where-Object Name -EQ 'odo'
        $odo.Raw.name | Should -Be 'odo'
        $odo.RetrievedAt | Should -BeOfType [DateTimeOffset]
        (Get-S3mTestRequest $emu).hasAuthorization | Should -Be $false
    }

    It 'reads one resource by name and matches wildcards' {
        (Get-S3mStatus odo).Name | Should -Be 'odo'
        (Get-S3mTestRequest $emu).path | Should -Be '/olcf/v1alpha/status/odo'
        @(Get-S3mStatus -Name 'w*').Name | Should -Be @('wombat')
    }

    It 'reports an unknown name as S3M.NotFound and goes on with the rest' {
        $found = Get-S3mStatus -Name odo, nosuch, wombat -ErrorVariable errs -ErrorAction SilentlyContinue
        $found.Name | Should -Be @('odo', 'wombat')
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'S3M.NotFound,S3M.Commands.GetS3mStatus'
        $errs[0].TargetObject | Should -Be 'nosuch'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].ErrorDetails.Message | Should -BeLike '*404*GET /olcf/v1alpha/status/nosuch*'
    }

    It 'takes names from the pipeline' {
        ('odo', 'wombat' | Get-S3mStatus).Name | Should -Be @('odo', 'wombat')
    }

    It 'refuses a name that could leave its path segment, sending nothing' {
        $err = { Get-S3mStatus -Name '../token/ctls/revoke' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        Get-S3mTestRequest $emu | Should -BeNullOrEmpty
    }

    It 'works without any session, from $env:S3M_BASE_URI' {
        $session = Get-S3mSession
        Disconnect-S3m
        $env:S3M_BASE_URI = $emu.BaseUri
        try { (Get-S3mStatus odo).Name | Should -Be 'odo' }
        finally {
            $env:S3M_BASE_URI = $null
            Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full')
        }
    }

    It 'retries a 503 and succeeds' {
        Add-S3mTestFault $emu -Path '/olcf/v1alpha/status/odo' -Status 503 -Count 1 -RetryAfter 0 | Out-Null
        $verbose = (Get-S3mStatus odo -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -Match 'GET /olcf/v1alpha/status/odo: 503; retry 1 of 4'
        $verbose | Should -Match '→ 200'

        @(Get-S3mTestRequest $emu).Count | Should -Be 2
    }

    It 'shows a table that fits 120 columns' {
        $lines = (Get-S3mStatus | Out-String -Width 120) -split "`n"
        $lines | Where-Object { $_ -match '^Name\s+Status\s+SystemType' } | Should -Not -BeNullOrEmpty
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
    }
}

Describe 'Get-S3mDowntime' {
    It 'lists downtimes in effect now as S3M.Downtime' {
        $now = @(Get-S3mDowntime)
        $now.Count | Should -BeGreaterThan 0
        $now | ForEach-Object {
            $_ | Should -BeOfType S3M.Downtime
            $_.Start | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow.AddMinutes(1))
            $_.Duration | Should -BeOfType [TimeSpan]
        }
    }

    It 'lists upcoming ones with -Upcoming, filtered by name and from the pipeline' {
        $upcoming = @(Get-S3mDowntime -Upcoming)
        $upcoming.Count | Should -BeGreaterThan 1
        $upcoming | ForEach-Object { $_.Start | Should -BeGreaterThan ([DateTimeOffset]::UtcNow) }
        $name = $upcoming[0].ResourceName
        (Get-S3mDowntime -Upcoming -Name $name).ResourceName | Sort-Object -Unique | Should -Be $name
        (Get-S3mStatus $name | Get-S3mDowntime -Upcoming).ResourceName | Sort-Object -Unique | Should -Be $name
    }
}
