@{
    # The one version number of the module; build.ps1 passes it to dotnet build.
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0c2a7e-3b5d-4e1f-9a8c-2d4b6e8f1a3c'
    RootModule           = 'S3M.dll'
    Author               = 'S3M PowerShell contributors'
    CompanyName          = 'Community'
    Copyright            = '(c) S3M PowerShell contributors. MIT licence.'
    Description          = 'PowerShell client for OLCF''s Secure Scientific Service Mesh (S3M): resource status and downtimes, project tokens, Slurm jobs and streaming clusters, with typed objects, -WhatIf, help and tab completion. Ships a local S3M emulator for offline work.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @('S3M.Format.ps1xml')
    TypesToProcess       = @('S3M.Types.ps1xml')
    CmdletsToExport      = @(
        'Connect-S3m'
        'Disconnect-S3m'
        'Get-S3mSession'
        'Invoke-S3mRestMethod'
        'Get-S3mStatus'
        'Get-S3mDowntime'
        'Get-S3mToken'
        'Revoke-S3mToken'
        'Invoke-S3mSlurm'
        'Test-S3mSlurm'
        'Submit-S3mSlurmJob'
        'ConvertFrom-S3mSbatchScript'
        'Get-S3mSlurmJob'
        'Wait-S3mSlurmJob'
        'Stop-S3mSlurmJob'
        'Get-S3mSlurmPartition'
        'Get-S3mSlurmNode'
        'Get-S3mSlurmReservation'
        'Get-S3mSlurmDiagnostic'
        'Get-S3mStreamingBackend'
        'New-S3mStreamingCluster'
        'Get-S3mStreamingCluster'
        'Wait-S3mStreamingCluster'
        'Reset-S3mStreamingClusterLifetime'
        'Remove-S3mStreamingCluster'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('OLCF', 'ORNL', 'HPC', 'Slurm', 'S3M', 'RabbitMQ', 'Redis', 'Valkey', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/s3m-powershell/S3M/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/s3m-powershell/S3M'
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
