# Invoke-S3mRestMethod: any S3M path with the session's auth, retries and errors.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile -Connect stf042-full
}

AfterAll { Complete-S3mTestFile $emu }

Describe 'Invoke-S3mRestMethod' {
    BeforeEach { Clear-S3mTestRequest $emu }

    It 'returns the answer as PowerShell objects, 64-bit numbers as S3M sent them' {
        $answer = Invoke-S3mRestMethod GET /olcf/v1/token/ctls/introspect
        $answer.token.project | Should -Be 'stf042'
        $answer.token.permissions | Should -Contain 'compute-ace'
        (Get-S3mTestRequest $emu).tokenId | Should -Be (Get-S3mSession).TokenId
    }

    It 'adds -Query to the path, escaped' {
        $answer = Invoke-S3mRestMethod -Method Get -Path /olcf/v1/token/ctls/introspect -Query @{ grpcPermissions = $true }
        $answer.token.grpcPermissions.Count | Should -BeGreaterThan 0
        (Get-S3mTestRequest $emu).query | Should -Be 'grpcPermissions=true'
    }

    It 'sends -Body as JSON and maps the error' {
        $err = { Invoke-S3mRestMethod POST /olcf/v1alpha/nothing-here -Body @{ name = 'x'; sizes = 1, 2 } } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.NotFound,*'
        $err.TargetObject | Should -Be 'POST /olcf/v1alpha/nothing-here'
        $sent = (Get-S3mTestRequest $emu).body | ConvertFrom-Json
        $sent.name | Should -Be 'x'
        $sent.sizes | Should -Be @(1, 2)
    }

    It 'does not retry a POST' {
        Add-S3mTestFault $emu -Path '/olcf/v1alpha/status' -Status 503 -Count 3 | Out-Null
        { Invoke-S3mRestMethod POST /olcf/v1alpha/status -Body '{}' } | Should -Throw
        @(Get-S3mTestRequest $emu).Count | Should -Be 1
        Clear-S3mTestFault $emu
    }

    It 'refuses <Path> before sending anything' -ForEach @(
        @{ Path = 'olcf/v1alpha/status' }
        @{ Path = 'https://elsewhere.example.org/x' }
        @{ Path = '//elsewhere.example.org/x' }
        @{ Path = '/olcf/../admin' }
        @{ Path = '/olcf/a b' }
        # What .NET or a server would turn into separators and dot segments, on the way to revoke.
        @{ Path = '/olcf\..\..\olcf/v1/token/ctls/revoke' }
        @{ Path = '/olcf/%2e%2e/v1/token/ctls/revoke' }
        @{ Path = '/olcf/v1/token%2fctls/revoke' }
        @{ Path = '/olcf/v1/token%5Cctls/revoke' }
    ) {
        $err = { Invoke-S3mRestMethod DELETE $Path } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $err.Exception.Message | Should -BeLike 'Path *'
        Get-S3mTestRequest $emu | Should -BeNullOrEmpty
        (Get-S3mToken).Project | Should -Be 'stf042' -Because 'the token was not revoked'
    }

    It 'refuses a string body that is not JSON' {
        $err = { Invoke-S3mRestMethod POST /olcf/v1alpha/status -Body '{nope' } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike 'Body *JSON*'
        Get-S3mTestRequest $emu | Should -BeNullOrEmpty
    }
}
