# -Task Bench: Build, then run tests/Bench/Invoke-S3mBench.ps1 in a fresh pwsh, with the built
# module and emulator as the Test task gives Pester. The bench starts and stops its own emulator and
# prints medians and ratios against Invoke-RestMethod and a raw HttpClient (docs/performance.md).
# It never fails on a slow figure: the exit code is 1 only when it could not run.

function Invoke-BenchTask {
    $build = Invoke-BuildTask
    Write-Step "Benchmark in a fresh pwsh, against $(Get-RelativePath $build.ModuleManifest)"
    Invoke-ChildPwsh $build (Join-Path $Root 'tests/Bench/Invoke-S3mBench.ps1')
}
