# Get-S3mToken and Revoke-S3mToken.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile
    $script:revokePath = '/olcf/v1/token/ctls/revoke'
}

AfterAll { Complete-S3mTestFile $emu }

Describe 'Get-S3mToken' {
    BeforeAll { Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') }
    BeforeEach { Clear-S3mTestRequest $emu }

    It 'introspects the session token as S3M.TokenInfo' {
        $t = Get-S3mToken
        $t | Should -BeOfType S3M.TokenInfo
        $t.Project | Should -Be 'stf042'
        $t.Username | Should -Be 'stf042_auser'
        $t.Permissions | Should -Be @('compute-ace', 'data-streaming')
        $t.SecurityEnclave | Should -Be 'open'
        $t.PlannedExpiration | Should -BeOfType [DateTimeOffset]
        $t.TokenId | Should -Be (Get-S3mSession).TokenId
        $t.IssuedAt | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow.AddMinutes(1))
        $t.DelayDate | Should -BeNullOrEmpty
        $t.CallPermissions | Should -BeNullOrEmpty
        (Get-S3mTestRequest $emu).query | Should -Not -BeLike '*grpcPermissions*'
    }

    It 'adds per-call permissions with -IncludeCallPermissions' {
        $t = Get-S3mToken -IncludeCallPermissions
        $t.CallPermissions.Count | Should -BeGreaterThan 0
        $t.CallPermissions[0] | Should -BeOfType S3M.CallPermission
        (Get-S3mTestRequest $emu).query | Should -BeLike '*grpcPermissions=true*'
    }

    It 'shows a list by default, and a table on request' {
        (Get-S3mToken | Out-String) | Should -BeLike '*Project*: stf042*PlannedExpiration*: 20*Z*'
        (Get-S3mToken | Format-Table | Out-String -Width 120) | Should -BeLike '*Project*Permissions*stf042*'
    }
}

Describe 'Revoke-S3mToken' {
    BeforeEach {
        $script:minted = New-S3mTestToken $emu -Project stf042 -Scope 'compute-ace'
        $script:session = Connect-S3m -BaseUri $emu.BaseUri -Token $minted.Token -PassThru
        Clear-S3mTestRequest $emu
    }

    It 'sends nothing with -WhatIf' {
        Revoke-S3mToken -WhatIf
        Get-S3mTestRequest $emu | Where-Object path -EQ $revokePath | Should -BeNullOrEmpty
        $session.Revoked | Should -BeFalse
        (Get-S3mToken).Project | Should -Be 'stf042'
    }

    It 'sends nothing with -WhatIf even beside -Force' {
        Revoke-S3mToken -WhatIf -Force
        Get-S3mTestRequest $emu | Where-Object path -EQ $revokePath | Should -BeNullOrEmpty
    }

    It 'is ConfirmImpact High' {
        (Get-Command Revoke-S3mToken).ImplementingType.GetCustomAttributes([Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'High'
    }

    It 'revokes with -Confirm:$false; the session is marked and stops being the default' {
        Revoke-S3mToken -Confirm:$false
        @(Get-S3mTestRequest $emu | Where-Object path -EQ $revokePath).Count | Should -Be 1
        $session.Revoked | Should -BeTrue
        $session.IsDefault | Should -BeFalse
        Get-S3mSession | Should -BeNullOrEmpty
        $err = { Get-S3mToken -Session $session } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.Unauthorized,*'
        $err.Exception.Message | Should -BeLike '*revoked*'
        # The server agrees: the token no longer introspects.
        $again = { Connect-S3m -BaseUri $emu.BaseUri -Token $minted.Token } | Should -Throw -PassThru
        $again.FullyQualifiedErrorId | Should -BeLike 'S3M.Unauthorized,*'
    }

    It 'revokes with -Force without asking' {
        Revoke-S3mToken -Force
        $session.Revoked | Should -BeTrue
    }
}
