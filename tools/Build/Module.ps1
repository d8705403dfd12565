# -Task Build: dotnet build S3M.sln once (version from S3M.psd1), compile docs/en-US into help with
# tools/S3M.HelpGen, assemble out/S3M/<version>/ from an explicit list of files (failing on any that
# is missing), with this version's CHANGELOG.md section as the manifest's release notes, and
# publish the emulator to out/S3M.Emulator/.

# What System.Text.Json 8.0.5 needs on .NET Framework (Windows PowerShell 5.1). PowerShell 7 carries
# its own copies, so these live apart in Dependencies/ and are loaded only by the module's
# AssemblyResolve handler. They are the netstandard2.0 builds that CopyLocalLockFileAssemblies
# puts next to S3M.dll.
$script:WindowsPowerShellDependencies = @(
    'System.Text.Json.dll'
    'System.Text.Encodings.Web.dll'
    'Microsoft.Bcl.AsyncInterfaces.dll'
    'System.Memory.dll'
    'System.Buffers.dll'
    'System.Runtime.CompilerServices.Unsafe.dll'
    'System.Threading.Tasks.Extensions.dll'
    'System.Numerics.Vectors.dll'
)

function Get-ModuleVersion {
    $manifest = Import-PowerShellDataFile -Path (Join-Path $Root 'S3M.psd1')
    $version = [string]$manifest.ModuleVersion
    if (-not ($version -as [version])) {
        throw "S3M.psd1: ModuleVersion '$version' is not a version number."
    }
    $version
}

# Returns Version, ModuleManifest (out/S3M/<version>/S3M.psd1) and EmulatorDll, for the other tasks.
function Invoke-BuildTask {
    $version = Get-ModuleVersion
    Write-Step "Building S3M $version ($Configuration)"
    $null = Invoke-Native dotnet @('build', (Join-Path $Root 'S3M.sln'), '-c', $Configuration, "-p:Version=$version", '--nologo')

    $bin = Join-Path $Root "src/S3M/bin/$Configuration/netstandard2.0"
    $moduleDir = Join-Path $Out "S3M/$version"

    # The explicit list: source => path inside the module folder.
    $files = [ordered]@{
        (Join-Path $Root 'S3M.psd1')                    = 'S3M.psd1'
        (Join-Path $bin 'S3M.dll')                      = 'S3M.dll'
        (Join-Path $bin 'S3M.Client.dll')               = 'S3M.Client.dll'
        (Join-Path $Root 'src/S3M/S3M.Format.ps1xml')   = 'S3M.Format.ps1xml'
        (Join-Path $Root 'src/S3M/S3M.Types.ps1xml')    = 'S3M.Types.ps1xml'
    }
    foreach ($name in $WindowsPowerShellDependencies) {
        $files[(Join-Path $bin $name)] = "Dependencies/$name"
    }
    $helpDir = Build-Help
    $files[(Join-Path $helpDir 'S3M.dll-Help.xml')] = 'en-US/S3M.dll-Help.xml'
    $files[(Join-Path $helpDir 'about_S3M.help.txt')] = 'en-US/about_S3M.help.txt'

    $missing = @($files.Keys | Where-Object { -not (Test-Path -LiteralPath $_ -PathType Leaf) })
    if ($missing.Count -gt 0) {
        throw "Cannot assemble the module; missing file(s):`n  " + (($missing | ForEach-Object { Get-RelativePath $_ }) -join "`n  ")
    }

    Write-Step "Assembling $(Get-RelativePath $moduleDir)"
    $moduleRoot = Join-Path $Out 'S3M'
    if (Test-Path -LiteralPath $moduleRoot) { Remove-Item -LiteralPath $moduleRoot -Recurse -Force }
    foreach ($source in $files.Keys) {
        $target = Join-Path $moduleDir $files[$source]
        $null = New-Item -ItemType Directory -Path (Split-Path -Parent $target) -Force
        Copy-Item -LiteralPath $source -Destination $target
    }

    $emulatorDll = Publish-Emulator $version
    $manifest = Join-Path $moduleDir 'S3M.psd1'
    Set-ReleaseNotes -Manifest $manifest -Version $version
    Write-Host "Module:   $manifest"
    Write-Host "Emulator: dotnet $emulatorDll --urls http://127.0.0.1:0"
    [pscustomobject]@{
        Version        = $version
        ModuleManifest = $manifest
        EmulatorDll    = $emulatorDll
    }
}

# Help: tools/S3M.HelpGen (built with the solution) compiles docs/en-US, the PlatyPS markdown pages,
# into MAML and about_S3M.help.txt; it fails naming the page and line of any problem. (Where PlatyPS
# could replace it: tools/S3M.HelpGen/README.md.) Returns the folder it wrote.
function Build-Help {
    $helpDir = Join-Path $Out 'help/en-US'
    if (Test-Path -LiteralPath $helpDir) { Remove-Item -LiteralPath $helpDir -Recurse -Force }
    Write-Step 'Compiling help from docs/en-US'
    $null = Invoke-Native dotnet @((Join-Path $Root "tools/S3M.HelpGen/bin/$Configuration/net10.0/S3M.HelpGen.dll"),
        '--docs', (Join-Path $Root 'docs/en-US'), '--out', $helpDir, '--manifest', (Join-Path $Root 'S3M.psd1'))
    $helpDir
}

# The emulator, published (already built) to out/S3M.Emulator/ for the tests, the demo and the
# bench, which run it as a process. Returns its dll.
function Publish-Emulator([string]$Version) {
    $emulatorDir = Join-Path $Out 'S3M.Emulator'
    Write-Step "Publishing the emulator to $(Get-RelativePath $emulatorDir)"
    if (Test-Path -LiteralPath $emulatorDir) { Remove-Item -LiteralPath $emulatorDir -Recurse -Force }
    $null = Invoke-Native dotnet @('publish', (Join-Path $Root 'src/S3M.Emulator/S3M.Emulator.csproj'), '-c', $Configuration,
        '-o', $emulatorDir, '--no-build', "-p:Version=$Version", '--nologo')
    $emulatorDll = Join-Path $emulatorDir 'S3M.Emulator.dll'
    if (-not (Test-Path -LiteralPath $emulatorDll -PathType Leaf)) {
        throw "The emulator publish did not produce $(Get-RelativePath $emulatorDll)."
    }
    $emulatorDll
}

# The built manifest's PSData.ReleaseNotes: this version's section of CHANGELOG.md (or Unreleased),
# so the Gallery page says what changed. The source manifest keeps a pointer to the file.
function Set-ReleaseNotes([string]$Manifest, [string]$Version) {
    $changelog = Get-Content -LiteralPath (Join-Path $Root 'CHANGELOG.md') -Raw
    $sections = [regex]::Split($changelog, '(?m)^## ') | Select-Object -Skip 1
    $section = $sections | Where-Object { $_ -match "^\[?$([regex]::Escape($Version))\]?" } | Select-Object -First 1
    if (-not $section) { $section = $sections | Where-Object { $_ -match '^\[Unreleased\]' } | Select-Object -First 1 }
    if (-not $section) { throw "CHANGELOG.md has no section for $Version or [Unreleased]." }
    $notes = ($section -replace '^[^\n]*\n', '').Trim() -replace "'", "''"
    $text = Get-Content -LiteralPath $Manifest -Raw
    $pattern = "ReleaseNotes\s*=\s*'[^']*'"
    if ($text -notmatch $pattern) { throw 'S3M.psd1 has no ReleaseNotes line to fill in.' }
    Set-Content -LiteralPath $Manifest -Value ([regex]::Replace($text, $pattern, { param($m) "ReleaseNotes = '$notes'" })) -Encoding utf8 -NoNewline
    $null = Test-ModuleManifest -Path $Manifest -ErrorAction Stop
}
