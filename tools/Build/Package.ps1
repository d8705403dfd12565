# -Task Package: Build, then Publish-PSResource the module into a local folder repository, out/repo:
# the .nupkg the Gallery would receive (the Test task publishes it too: Package.Tests.ps1 installs it).

function Invoke-PackageTask {
    $null = Publish-LocalPackage (Invoke-BuildTask)
    0
}

# Publishes the built module into out/repo and returns the .nupkg's path. PSResourceGet keeps its
# repository list in the user's profile, so a child pwsh with its own temporary profile folders
# does it: nothing is registered on the developer's machine.
function Publish-LocalPackage($BuildResult) {
    $repo = Join-Path $Out 'repo'
    if (Test-Path -LiteralPath $repo) { Remove-Item -LiteralPath $repo -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $repo -Force
    $profileDir = Join-Path $Out 'package-profile'
    if (Test-Path -LiteralPath $profileDir) { Remove-Item -LiteralPath $profileDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $profileDir -Force
    Write-Step "Publishing the module to $(Get-RelativePath $repo)"
    $script = "Register-PSResourceRepository -Name S3MLocal -Uri '$repo' -Trusted; " +
        "Publish-PSResource -Path '$(Split-Path -Parent $BuildResult.ModuleManifest)' -Repository S3MLocal -ErrorAction Stop"
    $code = Invoke-WithEnvironment @{ XDG_DATA_HOME = $profileDir; LOCALAPPDATA = $profileDir } {
        Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-Command', $script) -AllowFailure
    }
    $package = Get-ChildItem -LiteralPath $repo -Filter "S3M.$($BuildResult.Version).nupkg" -ErrorAction SilentlyContinue
    if ($code -ne 0 -or -not $package) { throw "Publish-PSResource did not produce S3M.$($BuildResult.Version).nupkg in $(Get-RelativePath $repo)." }
    Write-Host "Package:  $($package.FullName)"
    $package.FullName
}
