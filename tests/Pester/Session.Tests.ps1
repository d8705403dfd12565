# Connect-S3m, Get-S3mSession, Disconnect-S3m against the emulator as a real process.

BeforeAll {
    Import-Module $env:S3M_MODULE_PATH -Force
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Start-S3mTestEmulator
    $script:base = $emu.BaseUri
    $script:fullToken = Get-S3mTestTokenPath $emu 'stf042-full'
}

AfterAll {
    Disconnect-S3m
    Stop-S3mTestEmulator $script:emu
}

Describe 'Connect-S3m' {
    BeforeEach {
        Disconnect-S3m
        Clear-S3mTestRequest $emu
        $env:S3M_TOKEN_FILE = $null
        $env:S3M_TOKEN = $null
    }

    It 'connects with a token file, writes nothing, and becomes the default' {
        $out = Connect-S3m -BaseUri $base -TokenPath $fullToken
        $out | Should -BeNullOrEmpty
        $s = Get-S3mSession
        $s | Should -BeOfType S3M.Session
        $s.Project | Should -Be 'stf042'
        $s.Username | Should -Be 'stf042_auser'
        $s.Permissions | Should -Contain 'compute-ace'
        $s.IsDefault | Should -BeTrue
        $s.Enclave | Should -Be 'open'
        $s.ComputePrefix | Should -Be '/olcf/v1/slurm'
        $s.TokenId | Should -Match '^[0-9a-f-]{36}$'
        $s.ExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        (Get-S3mTestRequest $emu).path | Should -Be '/olcf/v1/token/ctls/introspect'
    }

    It 'returns the session with -PassThru and takes the other compute prefix' {
        $s = Connect-S3m -BaseUri $base -TokenPath $fullToken -ComputePrefix /slurm -Enclave open -PassThru
        $s.ComputePrefix | Should -Be '/slurm'
        $s | Should -Be (Get-S3mSession)
    }

    It 'takes -Token as a SecureString' {
        $minted = New-S3mTestToken $emu -Project csc100 -Scope 'compute-ace'
        $s = Connect-S3m -BaseUri $base -Token $minted.Token -PassThru
        $s.Project | Should -Be 'csc100'
        $s.TokenId | Should -Be $minted.TokenId
    }

    It 'lets -Token win over -TokenPath, -TokenPath over the environment' {
        $minted = New-S3mTestToken $emu -Project csc100 -Scope 'compute-ace'
        $env:S3M_TOKEN_FILE = Get-S3mTestTokenPath $emu 'stf042-readonly'
        (Connect-S3m -BaseUri $base -Token $minted.Token -TokenPath $fullToken -PassThru).Project | Should -Be 'csc100'
        (Connect-S3m -BaseUri $base -TokenPath (Get-S3mTestTokenPath $emu 'csc100-full') -PassThru).Project | Should -Be 'csc100'
        (Connect-S3m -BaseUri $base -PassThru).Permissions | Should -Be @('compute-ace-readonly')
    }

    It 'reads $env:S3M_TOKEN_FILE, then $env:S3M_TOKEN' {
        $env:S3M_TOKEN_FILE = Get-S3mTestTokenPath $emu 'csc100-full'
        (Connect-S3m -BaseUri $base -PassThru).Project | Should -Be 'csc100'
        $env:S3M_TOKEN_FILE = $null
        $env:S3M_TOKEN = (Get-Content -Raw $fullToken).Trim()
        (Connect-S3m -BaseUri $base -PassThru).Project | Should -Be 'stf042'
    }

    It 'tolerates a BOM, CRLF and blanks in the token file' {
        $token = Read-S3mTestToken $fullToken
        $path = Join-Path $TestDrive 'bom.token'
        [IO.File]::WriteAllText($path, "  Authorization:   $token  `r`n`r`n", [Text.UTF8Encoding]::new($true))
        (Connect-S3m -BaseUri $base -TokenPath $path -PassThru).Project | Should -Be 'stf042'
    }

    It 'warns about a token file that others can read, naming chmod 600' -Skip:$IsWindows {
        $token = Read-S3mTestToken $fullToken
        $path = Join-Path $TestDrive 'open.token'
        [IO.File]::WriteAllText($path, "Authorization: $token`n")
        [IO.File]::SetUnixFileMode($path, [IO.UnixFileMode]'UserRead, UserWrite, GroupRead, OtherRead')
        Connect-S3m -BaseUri $base -TokenPath $path -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -BeLike '*chmod 600*'
        [IO.File]::SetUnixFileMode($path, [IO.UnixFileMode]'UserRead, UserWrite')
        Connect-S3m -BaseUri $base -TokenPath $path -WarningVariable quiet -WarningAction SilentlyContinue
        $quiet | Should -BeNullOrEmpty
    }

    It 'takes the base URI from $env:S3M_BASE_URI' {
        $env:S3M_BASE_URI = $base
        try { (Connect-S3m -TokenPath $fullToken -PassThru).BaseUri | Should -Be ([uri]$base) }
        finally { $env:S3M_BASE_URI = $null }
    }

    It 'names every token source when it finds none' {
        $err = { Connect-S3m -BaseUri $base } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        foreach ($word in '-Token', '-TokenPath', 'S3M_TOKEN_FILE', 'S3M_TOKEN') { $err.Exception.Message | Should -BeLike "*$word*" }
        Get-S3mSession | Should -BeNullOrEmpty
    }

    It 'refuses a missing token file, naming the parameter' {
        $err = { Connect-S3m -BaseUri $base -TokenPath (Join-Path $TestDrive 'nope.token') } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $err.Exception.Message | Should -BeLike 'TokenPath*does not exist*'
    }

    It 'fails with S3M.Unauthorized for a rejected token and leaves no session' {
        $expired = New-S3mTestToken $emu -Project stf042 -Scope 'compute-ace' -LifetimeSeconds -60
        $err = { Connect-S3m -BaseUri $base -Token $expired.Token } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.Unauthorized,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        Get-S3mSession | Should -BeNullOrEmpty
    }

    It 'refuses http:// to a host that is not this machine before sending anything' {
        $err = { Connect-S3m -BaseUri 'http://s3m.example.org' -TokenPath $fullToken } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $err.Exception.Message | Should -BeLike '*http://*'
        Get-S3mSession | Should -BeNullOrEmpty
    }

    It 'warns when the token expires within 24 hours' {
        Connect-S3m -BaseUri $base -TokenPath (Get-S3mTestTokenPath $emu 'stf042-expiring') -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike '*expires in*'
    }

    It 'skips introspection when asked, keeping the JWT ID' {
        $s = Connect-S3m -BaseUri $base -TokenPath $fullToken -SkipIntrospection -PassThru
        Get-S3mTestRequest $emu | Should -BeNullOrEmpty
        $s.Project | Should -BeNullOrEmpty
        $s.TokenId | Should -Match '^[0-9a-f-]{36}$'
    }
}

Describe 'Get-S3mSession and Disconnect-S3m' {
    It 'keeps sessions side by side; -Session picks one' {
        $a = Connect-S3m -BaseUri $base -TokenPath $fullToken -PassThru
        $b = Connect-S3m -BaseUri $base -TokenPath (Get-S3mTestTokenPath $emu 'csc100-full') -PassThru
        (Get-S3mSession).Project | Should -Be 'csc100'
        $a.IsDefault | Should -BeFalse
        (Get-S3mToken -Session $a).Project | Should -Be 'stf042'
        (Get-S3mToken).Project | Should -Be 'csc100'
        $b.IsDefault | Should -BeTrue
    }

    It 'forgets the default session; a disconnected one fails clearly' {
        $s = Connect-S3m -BaseUri $base -TokenPath $fullToken -PassThru
        Disconnect-S3m
        Get-S3mSession | Should -BeNullOrEmpty
        $s.Disconnected | Should -BeTrue
        $err = { Get-S3mToken -Session $s } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.NotConnected,*'
    }

    It 'says S3M.NotConnected when there is no session' {
        Disconnect-S3m
        $err = { Get-S3mToken } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'S3M.NotConnected,S3M.Commands.GetS3mToken'
        $err.Exception.Message | Should -BeLike '*Connect-S3m*'
    }

    It 'shows a readable table' {
        Connect-S3m -BaseUri $base -TokenPath $fullToken
        $text = Get-S3mSession | Out-String -Width 120
        $text | Should -BeLike '*Project*Username*BaseUri*'
        $text | Should -BeLike '*stf042*'
    }
}
