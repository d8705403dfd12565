# -Task Clean: remove out/ and every bin/ and obj/ folder of the projects under src/, tests/ and tools/.

function Invoke-CleanTask {
    Write-Step 'Removing out/ and bin/, obj/ under src/, tests/ and tools/'
    $targets = @($Out)
    foreach ($area in 'src', 'tests', 'tools') {
        foreach ($project in Get-ChildItem -LiteralPath (Join-Path $Root $area) -Directory -ErrorAction SilentlyContinue) {
            $targets += Join-Path $project.FullName 'bin'
            $targets += Join-Path $project.FullName 'obj'
        }
    }
    foreach ($target in $targets) {
        if (Test-Path -LiteralPath $target) {
            Write-Host "  $(Get-RelativePath $target)"
            Remove-Item -LiteralPath $target -Recurse -Force
        }
    }
    0
}
