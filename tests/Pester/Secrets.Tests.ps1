# The token never leaves the session object: not in any stream, error record, view or transcript.

BeforeAll {
    Import-Module $env:S3M_MODULE_PATH -Force
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Start-S3mTestEmulator
    $script:tokenPath = Get-S3mTestTokenPath $emu 'stf042-full'
    $script:secret = ((Get-Content -Raw $tokenPath).Trim() -replace '^Authorization:\s*', '')
    # The signature alone is enough to give a token away; search for it too.
    $script:signature = $secret.Split('.')[2]

    function script:Assert-NoSecret([string]$Text, [string]$Where) {
        $Text.Contains($secret) | Should -BeFalse -Because "the token must not appear in $Where"
        $Text.Contains($signature) | Should -BeFalse -Because "the token signature must not appear in $Where"
    }
}

AfterAll {
    Disconnect-S3m
    Stop-S3mTestEmulator $script:emu
}

Describe 'The token' {
    It 'is absent from the session in every view and serialization' {
        $s = Connect-S3m -BaseUri $emu.BaseUri -TokenPath $tokenPath -PassThru
        Assert-NoSecret ($s | Format-List * | Out-String) 'Format-List *'
        Assert-NoSecret ($s | Format-Table * | Out-String -Width 500) 'Format-Table *'
        Assert-NoSecret ($s | ConvertTo-Json -Depth 10) 'ConvertTo-Json'
        Assert-NoSecret "$s" 'ToString()'
        $xml = Join-Path $TestDrive 'session.xml'
        $s | Export-Clixml -Path $xml -Depth 10
        Assert-NoSecret (Get-Content -Raw $xml) 'Export-Clixml'
        ($s | Get-Member -MemberType Property).Name | Should -Not -Contain 'Token'
    }

    It 'is absent from every stream, error record and transcript of every cmdlet' {
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $records = [Collections.Generic.List[object]]::new()
        Start-Transcript -Path $transcript | Out-Null
        try {
            $steps = @(
                { Connect-S3m -BaseUri $emu.BaseUri -TokenPath $tokenPath -PassThru -Verbose -Debug }
                { Get-S3mSession -Verbose -Debug }
                { Get-S3mStatus -Verbose -Debug }
                { Get-S3mStatus -Name odo, nosuch -Verbose -Debug }
                { Get-S3mDowntime -Upcoming -Verbose -Debug }
                { Get-S3mToken -IncludeCallPermissions -Verbose -Debug | Format-List * | Out-String }
                { Invoke-S3mRestMethod GET /olcf/v1/token/ctls/introspect -Verbose -Debug }
                { Invoke-S3mRestMethod GET /olcf/v1alpha/nothing -Verbose -Debug }
                { Connect-S3m -BaseUri $emu.BaseUri -Token (ConvertTo-SecureString "$secret.x" -AsPlainText -Force) -Verbose -Debug }
                { Revoke-S3mToken -WhatIf -Verbose -Debug }
                { Revoke-S3mToken -Force -Verbose -Debug }
                { Get-S3mToken -Verbose -Debug }
                { Disconnect-S3m -Verbose -Debug }
            )
            $DebugPreference = 'Continue'
            foreach ($step in $steps) {
                # Terminating errors are records too: keep them and go on with the next step.
                try { & $step *>&1 | ForEach-Object { $records.Add($_) } }
                catch { $records.Add($_) }
            }
        }
        finally {
            Stop-Transcript | Out-Null
        }
        $records.Count | Should -BeGreaterThan 10
        @($records | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 3
        $errors = @($records | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
        $errors.Count | Should -BeGreaterThan 1
        foreach ($record in $records) {
            Assert-NoSecret ($record | Out-String -Width 500) 'a stream'
            if ($record -is [Management.Automation.ErrorRecord]) {
                Assert-NoSecret "$record" 'ErrorRecord.ToString()'
                Assert-NoSecret "$($record.ErrorDetails)" 'ErrorDetails'
                Assert-NoSecret "$($record.TargetObject)" 'TargetObject'
                Assert-NoSecret ($record.Exception | Format-List * -Force | Out-String) 'the exception'
            }
        }
        Assert-NoSecret (Get-Content -Raw $transcript) 'the transcript'
    }
}
