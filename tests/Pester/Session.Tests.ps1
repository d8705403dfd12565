# Connect-S3m, Get-S3mSession, Disconnect-S3m against the emulator as a real process.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile
    $script:base = $emu.BaseUri
    $script:fullToken = Get-S3mTestTokenPath $emu 'stf042-full'
    # An https base nobody answers: with -SkipIntrospection nothing is sent, and the session's
    # TokenId (read from the JWT) tells which token was taken.
    $script:httpsBase = 'https://localhost:9'
    function script:TokenIdOf([string]$Path) { (Connect-S3m -BaseUri $base -TokenPath $Path -SkipIntrospection -PassThru).TokenId }
}

AfterAll { Complete-S3mTestFile $emu }

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

    It 'keeps a copy of -Token, cleaned as a file is: the caller may dispose theirs' {
        $minted = New-S3mTestToken $emu -Project csc100 -Scope 'compute-ace' -OutFile (Join-Path $TestDrive 'given.token')
        # A token pasted with the header and a newline, as it is often copied from a file.
        $given = ConvertTo-SecureString -String "  Authorization: $(Read-S3mTestToken $minted.Path)`r`n" -AsPlainText -Force
        $s = Connect-S3m -BaseUri $base -Token $given -PassThru
        $given.Dispose()
        (Get-S3mToken -Session $s).Project | Should -Be 'csc100'
        (Get-S3mTestRequest $emu -Path '*/introspect').tokenId | Should -Be @($minted.TokenId, $minted.TokenId)
    }

    It 'lets -Token win over -TokenPath, -TokenPath over the environment' {
        $minted = New-S3mTestToken $emu -Project csc100 -Scope 'compute-ace'
        $readonly = Get-S3mTestTokenPath $emu 'stf042-readonly'
        $env:S3M_TOKEN_FILE = $readonly
        (Connect-S3m -BaseUri $base -Token $minted.Token -TokenPath $fullToken -PassThru).Project | Should -Be 'csc100'
        (Connect-S3m -BaseUri $base -TokenPath (Get-S3mTestTokenPath $emu 'csc100-full') -PassThru).Project | Should -Be 'csc100'
        (Connect-S3m -BaseUri $httpsBase -SkipIntrospection -PassThru).TokenId | Should -Be (TokenIdOf $readonly)
    }

    It 'reads $env:S3M_TOKEN_FILE, then $env:S3M_TOKEN, for an https base' {
        $csc = Get-S3mTestTokenPath $emu 'csc100-full'
        $env:S3M_TOKEN_FILE = $csc
        (Connect-S3m -BaseUri $httpsBase -SkipIntrospection -PassThru).TokenId | Should -Be (TokenIdOf $csc)
        $env:S3M_TOKEN_FILE = $null
        $env:S3M_TOKEN = (Get-Content -Raw $fullToken).Trim()
        (Connect-S3m -BaseUri $httpsBase -SkipIntrospection -PassThru).TokenId | Should -Be (TokenIdOf $fullToken)
    }

    It 'never sends a token from $env:<Name> to a plain-http base' -ForEach @(
        @{ Name = 'S3M_TOKEN_FILE' }
        @{ Name = 'S3M_TOKEN' }
    ) {
        # Another user of this machine may own a loopback port: only an explicit token goes there.
        Set-Item "env:$Name" $(if ($Name -eq 'S3M_TOKEN') { Read-S3mTestToken $fullToken } else { $fullToken })
        $err = { Connect-S3m -BaseUri $base } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $err.Exception.Message | Should -BeLike "*$Name*only over https*-TokenPath*"
        Get-S3mTestRequest $emu | Should -BeNullOrEmpty
        Get-S3mSession | Should -BeNullOrEmpty
    }

    It 'tolerates a BOM, CRLF and blanks in the token file' {
        $token = Read-S3mTestToken $fullToken
        $path = Join-Path $TestDrive 'bom.token'
        [IO.File]::WriteAllText($path, "  Authorization:   $token  `r`n`r`n", [Text.UTF8Encoding]::new($true))
        if (-not $IsWindows) { [IO.File]::SetUnixFileMode($path, [IO.UnixFileMode]'UserRead, UserWrite') }
        (Connect-S3m -BaseUri $base -TokenPath $path -PassThru).Project | Should -Be 'stf042'
    }

    It 'refuses a token file that others can read, naming chmod 600, unless -AllowUnprotectedTokenFile' -Skip:$IsWindows {
        $token = Read-S3mTestToken $fullToken
        $path = Join-Path $TestDrive 'open.token'
        [IO.File]::WriteAllText($path, "Authorization: $token`n")
        [IO.File]::SetUnixFileMode($path, [IO.UnixFileMode]'UserRead, UserWrite, GroupRead, OtherRead')
        $err = { Connect-S3m -BaseUri $base -TokenPath $path } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        # The client says what is wrong; the record adds what to do, with this module's parameters.
        $err.Exception.Message | Should -BeLike "TokenPath*(mode 644)*chmod 600*"
        "$err" | Should -BeLike "TokenPath*(mode 644)*chmod 600*-AllowUnprotectedTokenFile*"
        Get-S3mTestRequest $emu | Should -BeNullOrEmpty
        Connect-S3m -BaseUri $base -TokenPath $path -AllowUnprotectedTokenFile -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -BeLike '*chmod 600*'
        [IO.File]::SetUnixFileMode($path, [IO.UnixFileMode]'UserRead, UserWrite')
        Connect-S3m -BaseUri $base -TokenPath $path -WarningVariable quiet -WarningAction SilentlyContinue
        $quiet | Should -BeNullOrEmpty
    }

    It 'refuses a FIFO as a token file at once, without waiting for a writer' -Skip:(-not $IsLinux) {
        $fifo = Join-Path $TestDrive 'token.fifo'
        mkfifo -m 600 $fifo
        # In a thread job, so that a read that blocks fails the test instead of hanging the run.
        $job = Start-ThreadJob { Import-Module $using:env:S3M_MODULE_PATH; Connect-S3m -BaseUri $using:base -TokenPath $using:fifo }
        $done = $job | Wait-Job -Timeout 15
        if (-not $done) { [IO.File]::WriteAllText($fifo, '') }
        $done | Should -Not -BeNullOrEmpty -Because 'reading a FIFO must not wait for a writer'
        $err = $job | Receive-Job -ErrorAction SilentlyContinue -ErrorVariable failed
        "$failed" | Should -BeLike 'TokenPath*a FIFO (named pipe), not a token file*'
        $job | Remove-Job -Force
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

    It 'disposes the token of the session it ends' {
        $s = Connect-S3m -BaseUri $base -TokenPath $fullToken -PassThru
        # The session's client, which the cmdlets never show: asked directly, it must have no token left.
        $client = $s.GetType().GetProperty('Client', [Reflection.BindingFlags]'NonPublic, Instance').GetValue($s)
        Disconnect-S3m -Session $s
        $s.Disconnected | Should -BeTrue
        Get-S3mSession | Should -BeNullOrEmpty
        $err = { $client.Tokens.IntrospectAsync($false, [Threading.CancellationToken]::None).GetAwaiter().GetResult() } | Should -Throw -PassThru
        $err.Exception.InnerException.Kind | Should -Be 'NotConnected'
        $err.Exception.InnerException.Message | Should -BeLike '*token disposed*'
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

Describe 'The default session belongs to a runspace' {
    BeforeAll {
        $script:module = $env:S3M_MODULE_PATH
        # Four projects, each with a token file of its own.
        $script:projects = foreach ($n in 1..4) {
            New-S3mTestToken $emu -Project ('prj{0:d3}' -f $n) -Scope 'compute-ace' -OutFile (Join-Path $TestDrive "prj$n.token")
        }
    }

    BeforeEach { Connect-S3m -BaseUri $base -TokenPath $fullToken }

    It 'keeps each parallel iteration on the project it connected, and the caller on its own' {
        $results = $projects | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:module
            Connect-S3m -BaseUri $using:base -TokenPath $_.Path
            Start-Sleep -Milliseconds 300   # the other iterations connect meanwhile
            [pscustomobject]@{ Expected = $_.Project; Session = (Get-S3mSession).Project; Token = (Get-S3mToken).Project }
        }
        $results | Should -HaveCount 4
        foreach ($r in $results) {
            $r.Session | Should -Be $r.Expected
            $r.Token | Should -Be $r.Expected
        }
        (Get-S3mSession).Project | Should -Be 'stf042'
        (Get-S3mToken).Project | Should -Be 'stf042'
    }

    It 'lends the caller''s session to runspaces it starts that never connect' {
        $parallel = 1..3 | ForEach-Object -Parallel { Import-Module $using:module; (Get-S3mToken).Project }
        $parallel | Should -Be @('stf042', 'stf042', 'stf042')
        $job = Start-ThreadJob { Import-Module $using:module; (Get-S3mToken).Project; (Get-S3mSession).IsDefault }
        $job | Wait-Job -Timeout 60 | Receive-Job | Should -Be @('stf042', $true)
        $job | Remove-Job -Force
    }

    It 'never lends one iteration''s session to the next iteration of a reused runspace' {
        $seen = 1..4 | ForEach-Object -ThrottleLimit 1 -Parallel {
            Import-Module $using:module
            if ($_ -eq 1) { Connect-S3m -BaseUri $using:base -TokenPath $using:projects[0].Path }
            (Get-S3mToken).Project
        }
        $seen | Should -Be @('prj001', 'stf042', 'stf042', 'stf042')
        (Get-S3mSession).Project | Should -Be 'stf042'
    }

    It 'lets a child disconnect only itself: the caller''s session stays connected and default' {
        $children = 1..2 | ForEach-Object -Parallel {
            Import-Module $using:module
            Disconnect-S3m
            [pscustomobject]@{ Session = Get-S3mSession; Failure = try { Get-S3mToken; 'none' } catch { $_.FullyQualifiedErrorId } }
        }
        foreach ($child in $children) {
            $child.Session | Should -BeNullOrEmpty
            $child.Failure | Should -BeLike 'S3M.NotConnected,*'
        }
        $s = Get-S3mSession
        $s.Project | Should -Be 'stf042'
        $s.Disconnected | Should -BeFalse
        (Get-S3mToken).Project | Should -Be 'stf042'
    }

    It 'lets a runspace on the caller''s own thread connect without changing what the caller lends' {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.ThreadOptions = 'UseCurrentThread'
        $runspace.Open()
        try {
            $child = [powershell]::Create()
            $child.Runspace = $runspace
            $null = $child.AddScript('param($m, $b, $t) Import-Module $m; Connect-S3m -BaseUri $b -TokenPath $t; (Get-S3mSession).Project').AddArgument($module).AddArgument($base).AddArgument($projects[2].Path).Invoke()
        }
        finally { $runspace.Dispose() }
        (Get-S3mSession).Project | Should -Be 'stf042'
        1..2 | ForEach-Object -Parallel { Import-Module $using:module; (Get-S3mToken).Project } | Should -Be @('stf042', 'stf042')
    }

    It 'keeps a hosted runspace''s default across separate invocations, apart from the caller''s' {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        try {
            $first = [powershell]::Create()
            $first.Runspace = $runspace
            $null = $first.AddScript('param($m, $b, $t) Import-Module $m; Connect-S3m -BaseUri $b -TokenPath $t').AddArgument($module).AddArgument($base).AddArgument($projects[1].Path).Invoke()
            $second = [powershell]::Create()
            $second.Runspace = $runspace
            $second.AddScript('(Get-S3mToken).Project').Invoke() | Should -Be 'prj002'
            $second.Streams.Error | Should -BeNullOrEmpty
        }
        finally { $runspace.Dispose() }
        (Get-S3mToken).Project | Should -Be 'stf042'
    }
}
