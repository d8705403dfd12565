# -Task Demo: Build, start the emulator, run examples/Demo.ps1 against it in a fresh pwsh, stop
# the emulator.

function Invoke-DemoTask {
    $build = Invoke-BuildTask
    # The same emulator harness as the Pester tests.
    Import-Module (Join-Path $Root 'tests/Pester/TestSupport.psm1') -Force
    Write-Step 'Starting the emulator'
    $emulator = Start-S3mTestEmulator -EmulatorPath $build.EmulatorDll
    try {
        $tokenPath = Get-S3mTestTokenPath -Emulator $emulator -Name 'stf042-full'
        Write-Step "Running examples/Demo.ps1 against $($emulator.BaseUri)"
        $code = Invoke-ChildPwsh $build (Join-Path $Root 'examples/Demo.ps1') @('-BaseUri', $emulator.BaseUri, '-TokenPath', $tokenPath)
        if ($code -ne 0) { throw "examples/Demo.ps1 failed (exit code $code)." }
    }
    finally {
        Write-Step 'Stopping the emulator'
        Stop-S3mTestEmulator $emulator
    }
    0
}
