# The token and streaming passwords never leave their SecureStrings: not in any stream, error
# record, view or transcript, whatever the cmdlet.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile
    # The first Describe revokes this token, so it is one of the file's own, with the scopes of
    # stf042-full: the run's token files must stay valid for the files after this one.
    $script:tokenPath = (New-S3mTestToken $emu -Project stf042 -Scope 'compute-ace', 'data-streaming' -OutFile (Join-Path $TestDrive 'stf042-full.token')).Path
    $script:secret = Read-S3mTestToken $tokenPath
    # The signature alone is enough to give a token away; search for it too.
    $script:signature = $secret.Split('.')[2]

    $script:passwords = [Collections.Generic.List[string]]::new()
    function script:Assert-NoSecret([string]$Text, [string]$Where) {
        $Text.Contains($secret) | Should -BeFalse -Because "the token must not appear in $Where"
        $Text.Contains($signature) | Should -BeFalse -Because "the token signature must not appear in $Where"
        foreach ($password in $passwords) {
            $Text.Contains($password) | Should -BeFalse -Because "a cluster password must not appear in $Where"
        }
    }
}

AfterAll { Complete-S3mTestFile $emu }

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
        Set-S3mTestScheduler $emu -PendingSeconds 0.1 -DefaultRunSeconds 0.2
        Set-S3mTestStreaming $emu -ReadySeconds 0 | Out-Null
        $script:cluster = "secret-$([guid]::NewGuid().ToString('n').Substring(0, 6))"
        $script:script = Join-Path $TestDrive 'job.sbatch'
        Set-Content -LiteralPath $script -Value "#!/bin/bash`n#SBATCH -J secrets -A stf042 -p batch -t 5`nsleep 0.1`n"
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
                { Test-S3mSlurm odo, nosuch -Detailed -Verbose -Debug }
                { ConvertFrom-S3mSbatchScript -Path $script -ApiVersion v0.0.44 -Verbose -Debug | Format-List * | Out-String }
                { Submit-S3mSlurmJob -Resource odo -ScriptPath $script -WhatIf -Verbose -Debug }
                { Submit-S3mSlurmJob -Resource odo -ScriptPath $script -Wait -PollInterval 00:00:00.2 -Timeout 00:00:30 -Verbose -Debug | Format-List * | Out-String }
                { Get-S3mSlurmJob -Resource odo -Verbose -Debug | Wait-S3mSlurmJob -PollInterval 00:00:00.2 -Timeout 00:00:30 -Verbose -Debug }
                { Get-S3mSlurmJob -Resource odo -JobId 1, 2 -Verbose -Debug }
                { Get-S3mSlurmJob -Resource odo -Verbose -Debug | Stop-S3mSlurmJob -Confirm:$false -Verbose -Debug }
                { Get-S3mSlurmPartition -Resource odo -Verbose -Debug; Get-S3mSlurmNode -Resource odo -Verbose -Debug }
                { Get-S3mSlurmReservation -Resource odo -Verbose -Debug; Get-S3mSlurmDiagnostic -Resource odo -Verbose -Debug }
                { Invoke-S3mSlurm odo /job/submit -Method POST -Body @{ job = @{ account = 'nope'; script = '#!/bin/bash' } } -Verbose -Debug }
                { Get-S3mStreamingBackend -Verbose -Debug }
                {
                    $c = New-S3mStreamingCluster -Engine Redis -Name $cluster -Wait -PollInterval 00:00:00.2 -Verbose -Debug
                    $passwords.Add($c.Credential.GetNetworkCredential().Password)
                    $c | Format-List * | Out-String
                    $c | ConvertTo-Json -Depth 10
                }
                { New-S3mStreamingCluster -Engine Redis -Name $cluster -Verbose -Debug }
                { Get-S3mStreamingCluster -Verbose -Debug; Get-S3mStreamingCluster -Engine Redis -Name $cluster -Verbose -Debug | Format-List * | Out-String }
                { Wait-S3mStreamingCluster -Engine Redis -Name $cluster -Verbose -Debug }
                { Reset-S3mStreamingClusterLifetime -Engine Redis -Name $cluster -Verbose -Debug }
                { Invoke-S3mRestMethod GET "/olcf/open/v1alpha/streaming/redis/cluster/$cluster" -Verbose -Debug | Out-Null }
                { Remove-S3mStreamingCluster -Engine Redis -Name $cluster -Force -PassThru -Verbose -Debug }
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
        $passwords | Should -HaveCount 1 -Because 'the cluster password was learned, so the search above meant something'
        @($records | Where-Object { $_ -is [S3M.SlurmJob] -or ($_ -is [string] -and $_ -like '*JobId*') }).Count | Should -BeGreaterThan 0
    }
}

Describe 'A streaming password of any characters' {
    BeforeAll {
        # The first Describe revoked the file's token: a fresh one.
        $fresh = New-S3mTestToken $emu -Project stf042 -Scope 'compute-ace', 'data-streaming'
        Connect-S3m -BaseUri $emu.BaseUri -Token $fresh.Token
        $script:beyond = 'é', 'ü', 'ß', 'ñ', '中', '🔑', 'Ω'
        # The forms a password may take in text: as it is, JSON-escaped, XML-escaped.
        function script:Assert-Hidden([string]$Text, [string]$Password, [string]$Where) {
            $forms = @($Password, ($Password | ConvertTo-Json -Compress).Trim('"'), [Security.SecurityElement]::Escape($Password)) | Select-Object -Unique
            foreach ($form in $forms) { $Text.Contains($form) | Should -BeFalse -Because "the password '$Password' must not appear in $Where" }
        }
    }
    AfterEach { Clear-S3mTestFault $emu }

    It 'never shows in Url, ManagementUrl, Raw (navigated, as JSON or as text), a view, ConvertTo-Json, Export-Csv or Export-Clixml' {
        $seed = Get-Random
        $random = [Random]::new($seed)
        Write-Host "password seed: $seed"
        foreach ($round in 1..20) {
            $length = $random.Next(8, 25)
            $password = -join (1..$length | ForEach-Object { if ($random.Next(6) -eq 0) { $beyond[$random.Next($beyond.Count)] } else { [string][char]$random.Next(0x20, 0x7F) } })
            $name = "mask-$round"
            # The gateway's answer, crafted: the password in its field, in both URLs, and in a field the module does not know.
            $answer = @{ cluster = @{
                    kind = 'general'; name = $name; syncStatus = 'Synced'; healthStatus = 'Healthy'
                    username = 'u'; password = $password
                    redisUrl = "rediss://u:$password@redis.example.org:6379/0"; mgmtUrl = "https://$password@mgmt.example.org/"
                    extra = @{ auth = "u:$password" }
                    lifetime = @{ secondsLifetime = '604800'; secondsRemaining = '600000' }
                } } | ConvertTo-Json -Depth 5 -Compress
            Add-S3mTestFault $emu -Path "/olcf/open/v1alpha/streaming/redis/cluster/$name" -Status 200 -Body $answer -ContentType 'application/json' -Count 1 | Out-Null
            $c = Get-S3mStreamingCluster -Engine Redis -Name $name
            $c.Credential.GetNetworkCredential().Password | Should -Be $password -Because 'the credential itself keeps the password'
            $c.Url | Should -Be 'rediss://u:****@redis.example.org:6379/0'
            $xml = Join-Path $TestDrive "$name.xml"
            $c | Export-Clixml -Path $xml -Depth 10
            $shown = @{
                'Url'            = $c.Url
                'ManagementUrl'  = $c.ManagementUrl
                'Raw as JSON'    = $c.Raw | ConvertTo-Json -Depth 10
                'Raw navigated'  = ($c.Raw.password, $c.Raw.redisUrl, $c.Raw.mgmtUrl, $c.Raw.extra.auth) -join ' '
                'Raw as text'    = "$($c.Raw)"
                'Export-Csv'     = $c | ConvertTo-Csv | Out-String
                'the table'      = $c | Format-Table | Out-String -Width 500
                'the list'       = $c | Format-List | Out-String -Width 500
                'Format-List *'  = $c | Format-List * -Force | Out-String -Width 500
                'ToString()'     = "$c"
                'ConvertTo-Json' = $c | ConvertTo-Json -Depth 10
                'Export-Clixml'  = Get-Content -Raw -LiteralPath $xml
            }
            foreach ($where in $shown.Keys) { Assert-Hidden $shown[$where] $password "$where (seed $seed)" }
        }
    }
}

Describe 'Submit-S3mSlurmJob -WhatIf -Verbose' {
    BeforeAll { Connect-S3m -BaseUri $emu.BaseUri -Token (New-S3mTestToken $emu -Project stf042 -Scope 'compute-ace').Token }

    It 'shows the environment''s names but not its values' {
        $script = "#!/bin/bash`nhostname`n"
        $verbose = Submit-S3mSlurmJob -Resource odo -Script $script -Environment @{ API_KEY = 'k3y-s3cr3t-value'; MODE = 'fast' } -WhatIf -Verbose 4>&1 |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object Message | Out-String
        $verbose | Should -BeLike '*would send*'
        $verbose.Contains('"API_KEY=****"') | Should -BeTrue
        $verbose.Contains('"MODE=****"') | Should -BeTrue
        $verbose.Contains('k3y-s3cr3t-value') | Should -BeFalse
        $verbose.Contains('"MODE=fast"') | Should -BeFalse
    }
}
