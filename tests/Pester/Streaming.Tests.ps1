# Streaming clusters against the emulator; Redis clusters are real redis-server processes there.

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile -Connect stf042-full
    $script:settings = Set-S3mTestStreaming $emu -ReadySeconds 0.3
    $script:fast = @{ PollInterval = '00:00:00.2'; Timeout = '00:00:30' }
    $script:n = 0
    function script:New-Name { $script:n++; "pester-$($script:n)-$([guid]::NewGuid().ToString('n').Substring(0, 6))" }
}

AfterAll { Complete-S3mTestFile $emu }   # its reset or stop removes the clusters left

Describe 'Get-S3mStreamingBackend' {
    It 'lists what S3M offers for each engine' {
        $all = Get-S3mStreamingBackend
        $all.Engine | Sort-Object -Unique | Should -Be @('RabbitMQ', 'Redis')
        $redis = @(Get-S3mStreamingBackend -Engine redis)
        $redis | ForEach-Object { $_ | Should -BeOfType S3M.StreamingBackend; $_.Engine | Should -Be 'Redis' }
        $redis[0].ResourceOptions.Key | Should -Contain 'cpus'
        (Get-S3mStreamingBackend | Out-String -Width 120) | Should -BeLike '*Engine*Kind*RabbitMQ*'
    }
}

Describe 'The streaming prefix' {
    It 'follows Connect-S3m -StreamingPrefix, in the form without the enclave too' {
        $s = Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') -StreamingPrefix /olcf/v1alpha/streaming -PassThru
        try {
            $s.StreamingPrefix | Should -Be '/olcf/v1alpha/streaming'
            $name = New-Name
            $null = New-S3mStreamingCluster -Engine Redis -Name $name -Wait @fast
            (Get-S3mStreamingCluster -Engine Redis).Name | Should -Contain $name
            Remove-S3mStreamingCluster -Engine Redis -Name $name -Confirm:$false
            $paths = (Get-S3mTestRequest $emu -Path '*/streaming/*').path
            $paths | Should -Contain '/olcf/v1alpha/streaming/redis/provision_cluster'
            $paths | Should -Contain "/olcf/v1alpha/streaming/redis/cluster/$name"
        }
        finally { Connect-S3m -BaseUri $emu.BaseUri -TokenPath (Get-S3mTestTokenPath $emu 'stf042-full') }
    }
}

Describe 'A cluster''s life' {
    It 'is provisioned, waited for, read, extended and removed' {
        $name = New-Name
        $new = New-S3mStreamingCluster -Engine Redis -Name $name -Cpus 1 -RamGB 2
        $new | Should -BeOfType S3M.StreamingCluster
        $new.Credential | Should -BeOfType [pscredential]
        $new.Url | Should -BeLike 'redis://*:`*`*`*`*@*'
        $ready = Wait-S3mStreamingCluster -Engine Redis -Name $name @fast
        $ready.IsReady | Should -BeTrue
        $got = Get-S3mStreamingCluster -Engine Redis -Name $name
        $got.Name | Should -Be $name
        $got.ResourceSettings['cpus'] | Should -Be 1
        $got.Remaining | Should -BeGreaterThan ([TimeSpan]::FromDays(6.9))
        (Get-S3mStreamingCluster -Engine Redis).Name | Should -Contain $name
        Move-S3mTestClock $emu -Seconds 86400 | Out-Null
        (Get-S3mStreamingCluster -Engine Redis -Name $name).Remaining | Should -BeLessThan ([TimeSpan]::FromDays(6.1))
        $extended = Reset-S3mStreamingClusterLifetime -Engine Redis -Name $name
        $extended.Remaining | Should -BeGreaterThan ([TimeSpan]::FromDays(6.9))
        $extended.ExtendedAt | Should -Not -BeNullOrEmpty
        $gone = Remove-S3mStreamingCluster -Engine Redis -Name $name -Confirm:$false -PassThru
        $gone.Name | Should -Be $name
        { Get-S3mStreamingCluster -Engine Redis -Name $name -ErrorAction Stop } | Should -Throw -ErrorId 'S3M.NotFound*'
    }

    It 'waits with -Wait on New, with a RabbitMQ kind chosen' {
        $kind = @(Get-S3mStreamingBackend -Engine RabbitMQ)[0].Kind
        $c = New-S3mStreamingCluster -Engine RabbitMQ -Name (New-Name) -Kind $kind -Nodes 2 -Wait @fast
        $c.IsReady | Should -BeTrue
        $c.ManagementUrl | Should -Not -BeNullOrEmpty
        $c.GetConnectionUri().Scheme | Should -Be 'amqps'
    }

    It 'goes away when the clock passes seven days' {
        $name = New-Name
        $null = New-S3mStreamingCluster -Engine Redis -Name $name -Wait @fast
        Move-S3mTestClock $emu -Seconds (7 * 86400 + 60) | Out-Null
        (Get-S3mStreamingCluster -Engine Redis).Name | Should -Not -Contain $name
    }

    It 'warns of a cluster with less than a day left' {
        $name = New-Name
        $null = New-S3mStreamingCluster -Engine Redis -Name $name -Wait @fast
        Move-S3mTestClock $emu -Seconds (6 * 86400 + 3600) | Out-Null
        $null = Get-S3mStreamingCluster -Engine Redis -Name $name -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -BeLike "*$name*Reset-S3mStreamingClusterLifetime*"
        Remove-S3mStreamingCluster -Engine Redis -Name $name -Force
    }

    It 'reports a delete that S3M answers with <Answer> as an error, and the cluster stays' -ForEach @(
        @{ Refusal = 'omitted'; Answer = '{}' }
        @{ Refusal = 'false'; Answer = '{"success":false}' }
    ) {
        $name = New-Name
        $null = New-S3mStreamingCluster -Engine Redis -Name $name
        Set-S3mTestClusterDeleteRefusal $emu -Engine redis -Name $name -Refusal $Refusal
        try {
            $gone = Remove-S3mStreamingCluster -Engine Redis -Name $name -Force -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue
            $gone | Should -BeNullOrEmpty -Because 'a cluster that was not removed is not written as removed'
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'S3M.Unavailable,*'
            $errs[0].Exception.Message | Should -BeLike "*Redis cluster $name*$Answer*may still exist*"
            $errs[0].Exception.ServerMessage | Should -Be $Answer
            $errs[0].ErrorDetails.RecommendedAction | Should -BeLike "*Get-S3mStreamingCluster -Engine Redis -Name $name*"
            (Get-S3mStreamingCluster -Engine Redis -Name $name).Name | Should -Be $name
            @(Get-S3mTestRequest $emu -Method DELETE -Path "*/redis/cluster/$name").Count | Should -Be 1
        }
        finally { Set-S3mTestClusterDeleteRefusal $emu -Engine redis -Name $name -Refusal '' }
        Remove-S3mStreamingCluster -Engine Redis -Name $name -Force
        { Get-S3mStreamingCluster -Engine Redis -Name $name -ErrorAction Stop } | Should -Throw -ErrorId 'S3M.NotFound*'
    }

    It 'removes every Redis cluster through the pipeline' {
        1..2 | ForEach-Object { $null = New-S3mStreamingCluster -Engine Redis -Name (New-Name) }
        Get-S3mStreamingCluster -Engine Redis | Remove-S3mStreamingCluster -Confirm:$false
        Get-S3mStreamingCluster -Engine Redis | Should -BeNullOrEmpty
    }

    It 'says clearly that a name is taken' {
        $name = New-Name
        $null = New-S3mStreamingCluster -Engine Redis -Name $name
        $err = { New-S3mStreamingCluster -Engine Redis -Name $name } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.Conflict,*'
        @(Get-S3mStreamingCluster -Engine Redis | Where-Object Name -EQ $name).Count | Should -Be 1
    }
}

Describe 'Waiting on the sync and health words' {
    # Clusters here would be ready in 30 s: the words the tests force are what the waits see.
    BeforeAll { Set-S3mTestStreaming $emu -ReadySeconds 30 | Out-Null }
    AfterAll { Set-S3mTestStreaming $emu -ReadySeconds 0.3 | Out-Null }

    It 'ends at once on the failure word <Health>, naming both words' -ForEach @(
        @{ Sync = 'Synced'; Health = 'Degraded' }
        @{ Sync = 'OutOfSync'; Health = 'missing' }
    ) {
        $name = New-Name
        $null = New-S3mStreamingCluster -Engine Redis -Name $name
        Set-S3mTestClusterHealth $emu -Engine redis -Name $name -SyncStatus $Sync -HealthStatus $Health
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = { Wait-S3mStreamingCluster -Engine Redis -Name $name @fast -ErrorAction Stop } | Should -Throw -PassThru
        $watch.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(10))
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.Unavailable,*'
        $err.Exception.Message | Should -BeLike "*Redis cluster $name*sync `"$Sync`"*health `"$Health`"*will not become ready*"
    }

    It 'takes the words in any case: synced and HEALTHY are ready' {
        $name = New-Name
        $null = New-S3mStreamingCluster -Engine Redis -Name $name
        Set-S3mTestClusterHealth $emu -Engine redis -Name $name -SyncStatus synced -HealthStatus HEALTHY
        $ready = Wait-S3mStreamingCluster -Engine Redis -Name $name @fast
        $ready.IsReady | Should -BeTrue
        $ready.SyncStatus | Should -BeExactly 'synced'
        $ready.HealthStatus | Should -BeExactly 'HEALTHY'
    }

    It 'waits through words it does not know until the deadline, and names them then' {
        $name = New-Name
        $null = New-S3mStreamingCluster -Engine Redis -Name $name
        Set-S3mTestClusterHealth $emu -Engine redis -Name $name -SyncStatus Unknown -HealthStatus Rebalancing
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = { Wait-S3mStreamingCluster -Engine Redis -Name $name -PollInterval 00:00:00.2 -Timeout 00:00:01.5 -ErrorAction Stop } | Should -Throw -PassThru
        $watch.Elapsed | Should -BeGreaterOrEqual ([TimeSpan]::FromSeconds(1.4))
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.Timeout,*'
        $err.Exception.Message | Should -BeLike "*Redis cluster $name*last seen: sync `"Unknown`", health `"Rebalancing`"*"
        @(Get-S3mTestRequest $emu -Method GET -Path "*/redis/cluster/$name").Count | Should -BeGreaterThan 3
    }

    It 'ends New-S3mStreamingCluster -Wait at once on a failure word' {
        $name = New-Name
        $cluster = '/olcf/open/v1alpha/streaming/redis/cluster/' + $name
        # The look-up after the provision and the wait's first round both see a Degraded cluster.
        $body = @{ cluster = @{ kind = 'general'; name = $name; syncStatus = 'Synced'; healthStatus = 'Degraded' } } | ConvertTo-Json -Compress
        Add-S3mTestFault $emu -Path $cluster -Method GET -Status 200 -Body $body -Count 2 | Out-Null
        $err = { New-S3mStreamingCluster -Engine Redis -Name $name -Wait @fast -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.Unavailable,*'
        $err.Exception.Message | Should -BeLike '*sync "Synced"*health "Degraded"*'
        Clear-S3mTestFault $emu
    }

    It 'names the last words when New-S3mStreamingCluster -Wait runs out of time' {
        $name = New-Name
        $err = { New-S3mStreamingCluster -Engine Redis -Name $name -Wait -PollInterval 00:00:00.2 -Timeout 00:00:01 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.Timeout,*'
        $err.Exception.Message | Should -BeLike '*last seen: sync "*", health "Progressing"*'
    }
}

Describe 'New-S3mStreamingCluster checks before sending' {
    BeforeEach { Clear-S3mTestRequest $emu }

    It 'sends nothing with -WhatIf' {
        New-S3mStreamingCluster -Engine Redis -Name (New-Name) -WhatIf
        Get-S3mTestRequest $emu -Method POST | Should -BeNullOrEmpty
    }

    It 'refuses <Why>, naming <Parameter>, and sends nothing' -ForEach @(
        @{ Why = 'an empty name'; Parameter = 'Name'; Splat = @{ Engine = 'Redis'; Name = '' } }
        @{ Why = 'a 41-character name'; Parameter = 'Name'; Splat = @{ Engine = 'Redis'; Name = 'a' * 41 } }
        @{ Why = 'a name that is no host name'; Parameter = 'Name'; Splat = @{ Engine = 'Redis'; Name = 'Bad_Name' } }
        @{ Why = 'a path in the name'; Parameter = 'Name'; Splat = @{ Engine = 'Redis'; Name = '../x' } }
        @{ Why = 'a name with a trailing newline'; Parameter = 'Name'; Splat = @{ Engine = 'Redis'; Name = "ingest01`n" } }
        @{ Why = 'an unknown kind'; Parameter = 'Kind'; Splat = @{ Engine = 'Redis'; Name = 'ok'; Kind = 'enormous' } }
        @{ Why = 'no kind where there are several'; Parameter = 'Kind'; Splat = @{ Engine = 'RabbitMQ'; Name = 'ok' } }
        @{ Why = 'zero CPUs'; Parameter = 'Cpus'; Splat = @{ Engine = 'Redis'; Name = 'ok'; Cpus = 0 } }
        @{ Why = 'too much memory'; Parameter = 'RamGB'; Splat = @{ Engine = 'Redis'; Name = 'ok'; RamGB = 100000 } }
        @{ Why = 'several Redis nodes'; Parameter = 'Nodes'; Splat = @{ Engine = 'Redis'; Name = 'ok'; Nodes = 3 } }
        @{ Why = 'an unknown setting'; Parameter = 'ResourceSetting'; Splat = @{ Engine = 'Redis'; Name = 'ok'; ResourceSetting = @{ disks = 2 } } }
        @{ Why = 'a negative setting'; Parameter = 'ResourceSetting'; Splat = @{ Engine = 'Redis'; Name = 'ok'; ResourceSetting = @{ cpus = -1 } } }
        @{ Why = 'an unknown feature flag'; Parameter = 'FeatureFlag'; Splat = @{ Engine = 'Redis'; Name = 'ok'; FeatureFlag = @{ turbo = $true } } }
    ) {
        $err = { New-S3mStreamingCluster @Splat } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'S3M.InvalidArgument,*'
        $err.Exception.Message | Should -BeLike "$Parameter *"
        Get-S3mTestRequest $emu -Method POST | Should -BeNullOrEmpty
    }

    It 'takes engine names in any case, and tab-completes them' {
        (Get-S3mStreamingBackend -Engine 'REDIS')[0].Engine | Should -Be 'Redis'
        $completion = TabExpansion2 -inputScript 'New-S3mStreamingCluster -Engine Ra' -cursorColumn 'New-S3mStreamingCluster -Engine Ra'.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'RabbitMQ'
    }
}

Describe 'Passwords' {
    It 'never show in default output, Out-String, Verbose, errors or serialization' {
        $name = New-Name
        $records = New-S3mStreamingCluster -Engine Redis -Name $name -Wait @fast -Verbose 4>&1
        $cluster = $records | Where-Object { $_ -is [S3M.StreamingCluster] }
        $password = $cluster.Credential.GetNetworkCredential().Password
        $password.Length | Should -BeGreaterThan 7
        $hex = -join ([Text.Encoding]::Unicode.GetBytes($password) | ForEach-Object { $_.ToString('x2') })
        $texts = @(
            ($records | Out-String -Width 300)
            ($cluster | Format-List * | Out-String -Width 300)
            ($cluster | Format-Table * | Out-String -Width 300)
            ($cluster | ConvertTo-Json -Depth 10)
            "$cluster"
            ($cluster.Raw | ConvertTo-Json -Depth 10)
            (Get-S3mStreamingCluster -Engine Redis -Name $name -Verbose 4>&1 | Out-String -Width 300)
        )
        $xml = Join-Path $TestDrive 'cluster.xml'
        $cluster | Export-Clixml -Path $xml -Depth 10
        $texts += Get-Content -Raw $xml
        $err = { New-S3mStreamingCluster -Engine Redis -Name $name -Verbose } | Should -Throw -PassThru
        $texts += ($err | Format-List * -Force | Out-String -Width 300)
        foreach ($text in $texts) {
            $text.Contains($password) | Should -BeFalse
            $text.Contains($hex) | Should -BeFalse
        }
        $cluster.GetConnectionUri().UserInfo | Should -BeLike "*:$password"
    }
}

Describe 'A real Redis behind the emulator' {
    It 'stores and reads a value through GetConnectionUri(), and refuses connections once removed' {
        if (-not (Get-Command redis-cli -ErrorAction SilentlyContinue) -or -not $settings.realRedis) {
            Set-ItResult -Skipped -Because 'redis-server and redis-cli are not installed (.ci/run installs them)'
            return
        }
        $c = New-S3mStreamingCluster -Engine Redis -Name (New-Name) -Wait @fast
        $uri = $c.GetConnectionUri()
        $uri.UserInfo | Should -BeLike "$($c.Credential.UserName):*"
        # The password goes to redis-cli through its environment, never on a command line that other users can list.
        $env:REDISCLI_AUTH = $c.Credential.GetNetworkCredential().Password
        try {
            $server = '-h', $uri.Host, '-p', $uri.Port, '--user', $c.Credential.UserName
            redis-cli @server SET pester hello | Should -Be 'OK'
            redis-cli @server GET pester | Should -Be 'hello'
            Remove-S3mStreamingCluster -Engine Redis -Name $c.Name -Force
            $out = redis-cli @server PING 2>&1 | Out-String
            $out | Should -BeLike '*refused*'
        }
        finally { $env:REDISCLI_AUTH = $null }
    }
}
