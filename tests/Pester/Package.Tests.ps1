# The package the Gallery would receive: installed with Install-PSResource in a fresh pwsh, into a
# temporary profile, then imported by name, asked for help, and connected to the emulator.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:repo = $env:S3M_PACKAGE_REPO
    $script:manifest = Import-PowerShellDataFile -Path $env:S3M_MODULE_PATH
    $script:nupkg = Get-ChildItem -LiteralPath $repo -Filter "S3M.$($manifest.ModuleVersion).nupkg" | Select-Object -First 1
    # The package is installed and imported in a child pwsh: this process leaves the module alone.
    $script:emu = Initialize-S3mTestFile -SkipModuleImport
}

AfterAll { Complete-S3mTestFile $emu }

Describe 'The package' {
    It 'was published to the local repository by the build' {
        $repo | Should -Not -BeNullOrEmpty -Because 'build.ps1 -Task Test publishes it first'
        $nupkg | Should -Not -BeNullOrEmpty
    }

    It 'holds the module and nothing else: no tests, build scripts or sources' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($nupkg.FullName)
        try { $entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }
        $content = $entries | Where-Object { $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$|S3M\.nuspec$)' }
        $content | Should -Contain 'S3M.psd1'
        $content | Should -Contain 'S3M.dll'
        $content | Should -Contain 'en-US/S3M.dll-Help.xml'
        foreach ($entry in $content) {
            $entry | Should -Match '^(S3M\.(psd1|dll|Client\.dll|Format\.ps1xml|Types\.ps1xml)|Dependencies/[\w.]+\.dll|en-US/(S3M\.dll-Help\.xml|about_S3M\.help\.txt))$'
        }
    }

    It 'carries the Gallery metadata: tags, licence, project and release notes' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($nupkg.FullName)
        try {
            $reader = [IO.StreamReader]::new(($zip.Entries | Where-Object FullName -EQ 'S3M.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $meta = $nuspec.package.metadata
        foreach ($tag in 'OLCF', 'ORNL', 'HPC', 'Slurm', 'S3M', 'RabbitMQ', 'Redis', 'Valkey', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS') {
            $meta.tags -split ' ' | Should -Contain $tag
        }
        $meta.projectUrl | Should -Not -BeNullOrEmpty
        ($meta.licenseUrl, $meta.license.'#text' | Where-Object { $_ }) | Should -Not -BeNullOrEmpty
        $meta.releaseNotes | Should -BeLike '*Connect-S3m*'
    }

    It 'installs with Install-PSResource, exports exactly the manifest''s cmdlets, has help and connects' {
        $home2 = Join-Path $TestDrive 'profile'
        $null = New-Item -ItemType Directory -Path $home2
        $token = Get-S3mTestTokenPath $emu 'stf042-full'
        $command = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name S3MTest -Uri '$repo' -Trusted
Install-PSResource -Name S3M -Repository S3MTest -Scope CurrentUser -TrustRepository
`$installed = Get-InstalledPSResource -Name S3M
Import-Module (Join-Path `$installed.InstalledLocation 'S3M/$($manifest.ModuleVersion)/S3M.psd1')
'LOCATION=' + (Get-Module S3M).ModuleBase
'COMMANDS=' + (((Get-Command -Module S3M).Name | Sort-Object) -join ',')
'HELP=' + (Get-Help Submit-S3mSlurmJob).Synopsis
'ABOUT=' + ((Get-Help about_S3M | Out-String) -match 'S3M.Unauthorized')
`$s = Connect-S3m -BaseUri '$($emu.BaseUri)' -TokenPath '$token' -PassThru
'PROJECT=' + `$s.Project
"@
        $run = Invoke-S3mTestPwsh $command @{ HOME = $home2; XDG_DATA_HOME = $home2; LOCALAPPDATA = $home2; USERPROFILE = $home2 }
        $run.Code | Should -Be 0 -Because $run.Output
        $lines = @{}
        foreach ($line in $run.Output -split "`n") { if ($line -match '^(\w+)=(.*)$') { $lines[$Matches[1]] = $Matches[2].Trim() } }
        $lines.LOCATION | Should -BeLike "$home2*"
        $lines.COMMANDS | Should -Be (($manifest.CmdletsToExport | Sort-Object) -join ',')
        $lines.HELP | Should -Not -BeNullOrEmpty
        $lines.ABOUT | Should -Be 'True'
        $lines.PROJECT | Should -Be 'stf042'
    }
}
