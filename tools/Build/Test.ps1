# -Task Test: Build and Package, run the xunit projects, then Pester (restored from NuGet) in a
# fresh pwsh that imports the built module: tests/Pester/Invoke-PesterRun.ps1, which starts the
# run's emulator. Ends with one line: "N passed, N failed[, N skipped]".

$script:PesterVersion = '5.7.1'
$script:XunitProjects = @('tests/S3M.Client.Tests', 'tests/S3M.Emulator.Tests')

function Invoke-TestTask {
    param(
        [string[]]$PesterPath,
        [string[]]$Tag,
        [string[]]$ExcludeTag,
        [string[]]$TestName,
        [string]$XunitFilter,
        [switch]$SkipXunit,
        [switch]$SkipPester
    )
    $build = Invoke-BuildTask
    # Package.Tests.ps1 installs what the Gallery would receive.
    $env:S3M_PACKAGE_REPO = Split-Path -Parent (Publish-LocalPackage $build)
    if (Test-Path -LiteralPath $TestResults) { Remove-Item -LiteralPath $TestResults -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $TestResults -Force

    $runs = @()
    if (-not $SkipXunit) {
        $runs += Invoke-StyleCheck
        $runs += Invoke-Xunit -Filter $XunitFilter
    }
    if (-not $SkipPester) { $runs += Invoke-PesterTests $build -Path $PesterPath -Tag $Tag -ExcludeTag $ExcludeTag -TestName $TestName }

    $passed = ($runs | Measure-Object -Property Passed -Sum).Sum
    $failed = ($runs | Measure-Object -Property Failed -Sum).Sum
    $skipped = ($runs | Measure-Object -Property Skipped -Sum).Sum
    $line = "$([int]$passed) passed, $([int]$failed) failed"
    if ($skipped -gt 0) { $line += ", $skipped skipped" }
    if ($passed + $failed -eq 0) {
        Write-Host 'No test ran.' -ForegroundColor Red
    }
    Write-Host $line
    if ($failed -gt 0 -or $passed + $failed -eq 0) { return 1 }
    0
}

# The code style of .editorconfig, as one test: dotnet format must find nothing to change.
function Invoke-StyleCheck {
    Write-Step 'Code style: dotnet format --verify-no-changes'
    & dotnet format (Join-Path $Root 'S3M.sln') --verify-no-changes --verbosity quiet
    if ($LASTEXITCODE -eq 0) { return [pscustomobject]@{ Passed = 1; Failed = 0; Skipped = 0 } }
    Write-Host 'The code does not follow .editorconfig: run `dotnet format S3M.sln` and commit what it changes.' -ForegroundColor Red
    [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
}

# Counts of one trx file: Passed / Failed / Skipped.
function Read-TrxCounts([string]$Path) {
    $xml = [xml](Get-Content -LiteralPath $Path -Raw)
    $counts = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($result in $xml.SelectNodes("//*[local-name()='UnitTestResult']")) {
        switch ($result.GetAttribute('outcome')) {
            'Passed' { $counts.Passed++ }
            'NotExecuted' { $counts.Skipped++ }
            'Inconclusive' { $counts.Skipped++ }
            default { $counts.Failed++ }
        }
    }
    [pscustomobject]$counts
}

function Invoke-Xunit([string]$Filter) {
    $total = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($project in $XunitProjects) {
        $name = Split-Path -Leaf $project
        $trx = Join-Path $TestResults "$name.trx"
        Write-Step "xunit: $name"
        $arguments = @('test', (Join-Path $Root $project), '-c', $Configuration, '--no-build', '--nologo',
            '--logger', "trx;LogFileName=$name.trx", '--results-directory', $TestResults)
        if ($IsCI) { $arguments += @('--logger', 'console;verbosity=normal') }
        if ($Filter) { $arguments += @('--filter', $Filter) }
        $code = Invoke-Native dotnet $arguments -AllowFailure
        $counts = if (Test-Path -LiteralPath $trx) { Read-TrxCounts $trx } else { [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 } }
        if ($code -ne 0 -and $counts.Failed -eq 0) {
            # The run itself failed (test host crash, no trx): count it, so the task fails.
            Write-Host "xunit: $name exited with code $code without a failed test in its trx; counting one failure." -ForegroundColor Red
            $counts.Failed = 1
        }
        Write-Host "xunit: $name - $($counts.Passed) passed, $($counts.Failed) failed, $($counts.Skipped) skipped"
        $total.Passed += $counts.Passed
        $total.Failed += $counts.Failed
        $total.Skipped += $counts.Skipped
    }
    [pscustomobject]$total
}

# Restores Pester from NuGet through tests/Pester/PesterRestore.csproj and returns the path of
# its manifest inside the package folder.
function Get-PesterModule {
    $project = Join-Path $Root 'tests/Pester/PesterRestore.csproj'
    Write-Step "Restoring Pester $PesterVersion"
    $null = Invoke-Native dotnet @('restore', $project, '--nologo', '-v', 'quiet')
    $assets = Join-Path $Root 'tests/Pester/obj/project.assets.json'
    $folders = @((Get-Content -LiteralPath $assets -Raw | ConvertFrom-Json -AsHashtable).packageFolders.Keys)
    foreach ($folder in $folders) {
        $manifest = Join-Path $folder "pester/$PesterVersion/tools/Pester.psd1"
        if (Test-Path -LiteralPath $manifest -PathType Leaf) { return $manifest }
    }
    throw "Pester $PesterVersion was restored but tools/Pester.psd1 is not in any package folder ($($folders -join ', '))."
}

# Runs tests/Pester/Invoke-PesterRun.ps1 in a fresh pwsh. It reads its settings from a JSON file
# and writes its counts to another, so nothing depends on parsing console output.
function Invoke-PesterTests($BuildResult, [string[]]$Path, [string[]]$Tag, [string[]]$ExcludeTag, [string[]]$TestName) {
    $pesterModule = Get-PesterModule
    $paths = if ($Path) {
        foreach ($p in $Path) {
            $full = if ([IO.Path]::IsPathRooted($p)) { $p } else { Join-Path $Root $p }
            if (-not (Test-Path -LiteralPath $full)) { throw "-PesterPath: '$p' does not exist." }
            (Resolve-Path -LiteralPath $full).ProviderPath
        }
    }
    else {
        Join-Path $Root 'tests/Pester'
    }

    $work = Join-Path $Out 'pester'
    $null = New-Item -ItemType Directory -Path $work -Force
    $settingsPath = Join-Path $work 'settings.json'
    $countsPath = Join-Path $work 'counts.json'
    if (Test-Path -LiteralPath $countsPath) { Remove-Item -LiteralPath $countsPath }
    [ordered]@{
        PesterModule = $pesterModule
        Paths        = @($paths)
        Tag          = @($Tag | Where-Object { $_ })
        ExcludeTag   = @($ExcludeTag | Where-Object { $_ })
        FullName     = @($TestName | Where-Object { $_ })
        CI           = $IsCI
        Plaintext    = $IsCI -or [Console]::IsOutputRedirected
        JUnitPath    = Join-Path $TestResults 'Pester.junit.xml'
        CountsPath   = $countsPath
    } | ConvertTo-Json | Set-Content -LiteralPath $settingsPath -Encoding utf8

    Write-Step "Pester $PesterVersion in a fresh pwsh, against $(Get-RelativePath $BuildResult.ModuleManifest)"
    $code = Invoke-ChildPwsh $BuildResult (Join-Path $Root 'tests/Pester/Invoke-PesterRun.ps1') @('-SettingsPath', $settingsPath)
    if (-not (Test-Path -LiteralPath $countsPath)) {
        Write-Host "Pester did not finish (the child pwsh exited with code $code and wrote no counts); counting one failure." -ForegroundColor Red
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    $counts = Get-Content -LiteralPath $countsPath -Raw | ConvertFrom-Json
    if ($code -ne 0 -and $counts.Failed -eq 0) {
        Write-Host "The Pester process exited with code $code; counting one failure." -ForegroundColor Red
        $counts.Failed = 1
    }
    [pscustomobject]@{ Passed = [int]$counts.Passed; Failed = [int]$counts.Failed; Skipped = [int]$counts.Skipped }
}
