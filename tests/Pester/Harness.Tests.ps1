# Tests of the test harness itself: the built module's layout, the emulator as a process, and the
# TestSupport.psm1 helpers every other Pester file relies on.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force

    $script:StatusPath = '/olcf/v1alpha/status'
    $script:IntrospectPath = '/olcf/v1/token/ctls/introspect'

    # A raw call to the emulator, returning the response whatever its status.
    function script:Invoke-Emulator {
        param([string]$Path, [securestring]$Token, [string]$TokenFile)
        $headers = @{}
        if ($Token) { $headers.Authorization = ConvertFrom-SecureString -SecureString $Token -AsPlainText }
        if ($TokenFile) { $headers.Authorization = Read-S3mTestToken $TokenFile }
        Invoke-WebRequest -Uri "$($script:emu.BaseUri)$Path" -Headers $headers -SkipHttpErrorCheck -NoProxy -TimeoutSec 30
    }
}

Describe 'The built module' {
    BeforeAll {
        $script:manifestPath = $env:S3M_MODULE_PATH
        $script:moduleDir = if ($manifestPath) { Split-Path -Parent $manifestPath }
        $script:sourceManifest = Import-PowerShellDataFile -Path "$PSScriptRoot/../../S3M.psd1"
    }

    It 'is found through S3M_MODULE_PATH, in out/S3M/ under a folder named after ModuleVersion' {
        $manifestPath | Should -Not -BeNullOrEmpty -Because 'build.ps1 -Task Test sets S3M_MODULE_PATH'
        $manifestPath | Should -Exist
        Split-Path -Leaf $moduleDir | Should -Be $sourceManifest.ModuleVersion
        Split-Path -Leaf (Split-Path -Parent $moduleDir) | Should -Be 'S3M'
    }

    It 'holds the explicit file list and no PowerShell assembly' {
        foreach ($file in 'S3M.psd1', 'S3M.dll', 'S3M.Client.dll', 'S3M.Format.ps1xml', 'S3M.Types.ps1xml',
            'Dependencies/System.Text.Json.dll', 'Dependencies/Microsoft.Bcl.AsyncInterfaces.dll') {
            Join-Path $moduleDir $file | Should -Exist
        }
        Get-ChildItem -LiteralPath $moduleDir -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
        Get-ChildItem -LiteralPath $moduleDir -File -Filter 'System.*.dll' | Should -BeNullOrEmpty -Because 'Windows-PowerShell-only assemblies live in Dependencies/'
    }

    It 'imports in this fresh process and exports exactly the manifest''s cmdlets' {
        $module = Import-Module $manifestPath -PassThru -Force
        $module.Version | Should -Be ([version]$sourceManifest.ModuleVersion)
        $module.Path | Should -BeLike "$moduleDir*"
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($sourceManifest.CmdletsToExport | Sort-Object)
    }
}

Describe 'Start-S3mTestEmulator' {
    BeforeAll {
        $script:emu = Start-S3mTestEmulator
    }
    AfterAll {
        Stop-S3mTestEmulator $script:emu
    }

    It 'starts the emulator as a process listening on 127.0.0.1 at a port it picked' {
        $emu.Process.HasExited | Should -BeFalse
        $emu.BaseUri | Should -Match '^http://127\.0\.0\.1:\d+$'
        $emu.Port | Should -BeGreaterThan 0
    }

    It 'reads the token folder from the emulator''s second line' {
        $emu.TokenDirectory | Should -Exist
        $emu.TokenDirectory | Should -BeLike "$($emu.WorkDirectory)*" -Because 'the harness passes --token-dir'
    }

    It 'finds the documented token files, one line "Authorization: token" each' {
        $names = Get-ChildItem -LiteralPath $emu.TokenDirectory -Filter '*.token' | ForEach-Object Name
        foreach ($expected in 'stf042-full', 'stf042-readonly', 'stf042-streaming', 'stf042-expiring', 'csc100-full') {
            $names | Should -Contain "$expected.token"
            $lines = @(Get-Content -LiteralPath (Get-S3mTestTokenPath $emu $expected) | Where-Object { $_.Trim() })
            $lines.Count | Should -Be 1
            $lines[0] -match '^Authorization: [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$' | Should -BeTrue -Because "$expected.token holds one JWT-shaped token line"
        }
    }

    It 'writes token files that only their owner can read' -Skip:$IsWindows {
        $mode = [IO.File]::GetUnixFileMode((Get-S3mTestTokenPath $emu 'stf042-full'))
        $mode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
    }

    It 'reads where the control key is from the emulator''s third line: a private file in the token folder' {
        $emu.ControlKeyPath | Should -Exist
        Split-Path -Parent $emu.ControlKeyPath | Should -Be $emu.TokenDirectory
        (Get-Content -LiteralPath $emu.ControlKeyPath -Raw) | Should -Match '^X-S3M-Emulator-Key: [0-9a-f]{64}\n$'
        if (-not $IsWindows) {
            [IO.File]::GetUnixFileMode($emu.ControlKeyPath) | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
            [IO.File]::GetUnixFileMode($emu.TokenDirectory) | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
        }
    }

    It 'refuses a control call without the key, and mints nothing' {
        $body = '{"project":"stf042","scopes":["compute-ace"]}'
        $response = Invoke-WebRequest -Uri "$($emu.BaseUri)/_emulator/tokens" -Method POST -Body $body -ContentType 'application/json' -SkipHttpErrorCheck -NoProxy -TimeoutSec 30
        $response.StatusCode | Should -Be 401
        $response.Content | Should -Not -Match 'token"\s*:'
        ($response.Content | ConvertFrom-Json).error | Should -BeLike '*X-S3M-Emulator-Key*'
    }

    It 'serves status without a token' {
        $response = Invoke-Emulator $StatusPath
        $response.StatusCode | Should -Be 200
        @(($response.Content | ConvertFrom-Json).resources).Count | Should -BeGreaterThan 0
    }

    It 'accepts a token file''s token and rejects a wrong one' {
        $response = Invoke-Emulator $IntrospectPath -TokenFile (Get-S3mTestTokenPath $emu 'stf042-full')
        $response.StatusCode | Should -Be 200
        ($response.Content | ConvertFrom-Json).token.project | Should -Be 'stf042'

        $wrong = ConvertTo-SecureString 'aaa.bbb.ccc' -AsPlainText -Force
        (Invoke-Emulator $IntrospectPath -Token $wrong).StatusCode | Should -Be 401
    }

    It 'throws a clear error when the emulator is missing' {
        { Start-S3mTestEmulator -EmulatorPath (Join-Path $TestDrive 'nothing.dll') } | Should -Throw '*does not exist*'
    }
}

# The run's emulator, as every other file has it; the two blocks around this one start their own,
# since starting and stopping one is what they test.
Describe 'Control helpers' {
    BeforeAll {
        $script:emu = Initialize-S3mTestFile -SkipModuleImport
    }
    AfterAll {
        Complete-S3mTestFile $emu
    }
    BeforeEach {
        Reset-S3mTestEmulator $emu
    }

    It 'New-S3mTestToken mints a working token, kept in a SecureString' {
        $minted = New-S3mTestToken $emu -Project csc100 -Scope compute-ace -Description 'harness test'
        $minted.Token | Should -BeOfType [securestring]
        $minted.TokenId | Should -Not -BeNullOrEmpty
        $plain = ConvertFrom-SecureString -SecureString $minted.Token -AsPlainText
        ($minted | Format-List * | Out-String) | Should -Not -BeLike "*$plain*"
        ($minted | ConvertTo-Json -Depth 3) | Should -Not -BeLike "*$plain*"

        $response = Invoke-Emulator $IntrospectPath -Token $minted.Token
        $response.StatusCode | Should -Be 200
        $info = ($response.Content | ConvertFrom-Json).token
        $info.project | Should -Be 'csc100'
        $info.permissions | Should -Contain 'compute-ace'
        $info.description | Should -Be 'harness test'
        (Get-S3mTestRequest $emu -Path $IntrospectPath).tokenId | Should -Be $minted.TokenId
    }

    It 'New-S3mTestToken -OutFile writes a token file' {
        $path = Join-Path $TestDrive 'minted.token'
        $minted = New-S3mTestToken $emu -Project stf042 -Scope @() -OutFile $path
        $minted.Path | Should -Be $path
        (Get-Content -LiteralPath $path -Raw) | Should -Match '^Authorization: \S+\s*$'
        (Invoke-Emulator $IntrospectPath -TokenFile $path).StatusCode | Should -Be 200
    }

    It 'New-S3mTestToken with a lifetime in the past gives a token that is refused' {
        $expired = New-S3mTestToken $emu -Project stf042 -Scope compute-ace -LifetimeSeconds -60
        (Invoke-Emulator $IntrospectPath -Token $expired.Token).StatusCode | Should -Be 401
    }

    It 'Get-S3mTestRequest shows S3M calls, not control calls, and Clear-S3mTestRequest empties it' {
        $null = Invoke-Emulator $StatusPath
        $null = Add-S3mTestFault $emu -Path '/nowhere' -Status 500   # a control call: not logged
        $requests = @(Get-S3mTestRequest $emu)
        $requests.Count | Should -Be 1
        $requests[0].method | Should -Be 'GET'
        $requests[0].path | Should -Be $StatusPath
        $requests[0].status | Should -Be 200
        $requests[0].hasAuthorization | Should -BeFalse

        Clear-S3mTestRequest $emu
        @(Get-S3mTestRequest $emu).Count | Should -Be 0
    }

    It 'Add-S3mTestFault answers the next -Count matching calls, then the real answer' {
        $id = Add-S3mTestFault $emu -Path $StatusPath -Method GET -Status 503 -Count 2 -RetryAfter 1
        $id | Should -Not -BeNullOrEmpty
        foreach ($i in 1, 2) {
            $response = Invoke-Emulator $StatusPath
            $response.StatusCode | Should -Be 503
            "$($response.Headers['Retry-After'])" | Should -Be '1'
        }
        (Invoke-Emulator $StatusPath).StatusCode | Should -Be 200
        @(Get-S3mTestRequest $emu -Path $StatusPath).status | Should -Be @(503, 503, 200)
    }

    It 'Add-S3mTestFault takes a prefix path, a body and a content type' {
        Add-S3mTestFault $emu -Path '/olcf/v1alpha/status*' -Status 502 -Body '<html>bad gateway</html>' -ContentType 'text/html'
        $response = Invoke-Emulator "$StatusPath/downtimes"
        $response.StatusCode | Should -Be 502
        "$($response.Headers['Content-Type'])" | Should -BeLike 'text/html*'
        $response.Content | Should -Be '<html>bad gateway</html>'
    }

    It 'Add-S3mTestFault -LatencyMs alone delays, then serves normally' {
        Add-S3mTestFault $emu -Path $StatusPath -LatencyMs 400
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $response = Invoke-Emulator $StatusPath
        $watch.Stop()
        $response.StatusCode | Should -Be 200
        $watch.ElapsedMilliseconds | Should -BeGreaterOrEqual 350
    }

    It 'Add-S3mTestFault needs -Status or -LatencyMs' {
        { Add-S3mTestFault $emu -Path $StatusPath } | Should -Throw '*-Status*'
    }

    It 'Clear-S3mTestFault and Reset-S3mTestEmulator remove faults' {
        Add-S3mTestFault $emu -Path $StatusPath -Status 500 -Count 5
        Clear-S3mTestFault $emu
        (Invoke-Emulator $StatusPath).StatusCode | Should -Be 200

        Add-S3mTestFault $emu -Path $StatusPath -Status 500 -Count 5
        Reset-S3mTestEmulator $emu
        (Invoke-Emulator $StatusPath).StatusCode | Should -Be 200
        @(Get-S3mTestRequest $emu).Count | Should -Be 1
    }

    It 'Move-S3mTestClock expires the two-hour token, and a reset brings the clock back' {
        $expiring = Get-S3mTestTokenPath $emu 'stf042-expiring'
        (Invoke-Emulator $IntrospectPath -TokenFile $expiring).StatusCode | Should -Be 200
        $now = Move-S3mTestClock $emu -Seconds (3 * 3600)
        $now | Should -Not -BeNullOrEmpty
        (Invoke-Emulator $IntrospectPath -TokenFile $expiring).StatusCode | Should -Be 401
        Reset-S3mTestEmulator $emu
        (Invoke-Emulator $IntrospectPath -TokenFile $expiring).StatusCode | Should -Be 200
    }
}

Describe 'Stop-S3mTestEmulator' {
    It 'ends the process by closing its standard input and removes its token folder' {
        $emulator = Start-S3mTestEmulator
        $work = $emulator.WorkDirectory
        Stop-S3mTestEmulator $emulator
        $emulator.Process.HasExited | Should -BeTrue
        $emulator.StoppedBy | Should -Be 'StdinClosed' -Because 'the emulator honours --exit-on-stdin-close'
        $work | Should -Not -Exist
        { Invoke-WebRequest -Uri "$($emulator.BaseUri)/olcf/v1alpha/status" -NoProxy -TimeoutSec 5 } | Should -Throw
    }

    It 'is harmless twice, and with $null' {
        $emulator = Start-S3mTestEmulator
        Stop-S3mTestEmulator $emulator
        { Stop-S3mTestEmulator $emulator } | Should -Not -Throw
        { Stop-S3mTestEmulator $null } | Should -Not -Throw
        $emulator.StoppedBy | Should -Be 'StdinClosed'
    }
}
