# What other tools get from the module's objects: Raw as PowerShell values (navigated, written by
# ConvertTo-Json, kept by Export-Clixml), and lists and dictionaries as readable CSV cells.

BeforeDiscovery {
    # One object of every type that keeps an answer: how to get it, a field of its Raw (a path, as
    # S3M writes it) and the property the module maps from that field.
    $script:kinds = @(
        @{ Type = 'S3M.ResourceStatus'; Get = { Get-S3mStatus -Name odo }; Field = 'name'; Property = 'Name' }
        @{ Type = 'S3M.Downtime'; Get = { Get-S3mDowntime -Upcoming -Name odo | Select-Object -First 1 }; Field = 'resourceName'; Property = 'ResourceName' }
        @{ Type = 'S3M.TokenInfo'; Get = { Get-S3mToken }; Field = 'token.project'; Property = 'Project' }
        @{ Type = 'S3M.SlurmSubmission'; Get = { $submission }; Field = 'job_id'; Property = 'JobId' }
        @{ Type = 'S3M.SlurmJob'; Get = { Get-S3mSlurmJob -Resource odo -JobId $submission.JobId }; Field = 'job_id'; Property = 'JobId' }
        @{ Type = 'S3M.SlurmNode'; Get = { Get-S3mSlurmNode -Resource odo | Select-Object -First 1 }; Field = 'name'; Property = 'Name' }
        @{ Type = 'S3M.SlurmPartition'; Get = { Get-S3mSlurmPartition -Resource odo | Select-Object -First 1 }; Field = 'name'; Property = 'Name' }
        @{ Type = 'S3M.SlurmReservation'; Get = { Get-S3mSlurmReservation -Resource odo | Select-Object -First 1 }; Field = 'name'; Property = 'Name' }
        @{ Type = 'S3M.SlurmDiagnostic'; Get = { Get-S3mSlurmDiagnostic -Resource odo }; Field = 'statistics.server_thread_count'; Property = 'ServerThreads' }
        @{ Type = 'S3M.SlurmPing'; Get = { Test-S3mSlurm odo -Detailed | Select-Object -First 1 }; Field = 'hostname'; Property = 'Hostname' }
        @{ Type = 'S3M.StreamingBackend'; Get = { Get-S3mStreamingBackend | Select-Object -First 1 }; Field = 'kind'; Property = 'Kind' }
        @{ Type = 'S3M.StreamingCluster'; Get = { $cluster }; Field = 'name'; Property = 'Name' }
    )
}

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile -Connect stf042-full
    # A job that ran a minute and finished (on the emulator's clock), and a ready cluster.
    Set-S3mTestScheduler $emu -PendingSeconds 0 -DefaultRunSeconds 0
    $null = Set-S3mTestStreaming $emu -ReadySeconds 0
    $script:submission = Submit-S3mSlurmJob -Resource odo -Script "#!/bin/bash`n#SBATCH -J report -A stf042 -p batch -t 5`nsleep 60`n"
    $null = Move-S3mTestClock $emu -Seconds 120
    $script:cluster = New-S3mStreamingCluster -Engine Redis -Name "output-$([guid]::NewGuid().ToString('n').Substring(0, 6))"

    # A field of Raw by its path ('token.project').
    function script:Get-Field($Value, [string]$Path) {
        foreach ($name in $Path.Split('.')) { $Value = $Value.$name }
        $Value
    }
}

AfterAll {
    if ($cluster) { Remove-S3mStreamingCluster -Engine Redis -Name $cluster.Name -Force -ErrorAction SilentlyContinue }
    Complete-S3mTestFile $emu
}

Describe 'Raw of <Type>' -ForEach $kinds {
    BeforeAll {
        $script:object = & $Get
        $object | Should -Not -BeNullOrEmpty -Because "the emulator has a $Type to show"
        $object | Should -BeOfType $Type
    }

    It 'is the answer as PowerShell values, navigated the PowerShell way' {
        $object.Raw | Should -BeOfType [pscustomobject]
        Get-Field $object.Raw $Field | Should -Be $object.$Property
        # Converted once, on first use, and kept with the object.
        [object]::ReferenceEquals($object.Raw, $object.Raw) | Should -BeTrue
    }

    It 'is written by ConvertTo-Json as JSON, not as a JsonElement' {
        $json = $object | ConvertTo-Json -Depth 10
        $json | Should -Not -Match '"ValueKind"'
        Get-Field ($json | ConvertFrom-Json).Raw $Field | Should -Be $object.$Property
        # The object itself, not only what comes down the pipeline.
        Get-Field (ConvertTo-Json -InputObject $object -Depth 10 | ConvertFrom-Json).Raw $Field | Should -Be $object.$Property
    }

    It 'reads as the JSON text S3M sent, in a string and in an Export-Csv cell' {
        Get-Field ("$($object.Raw)" | ConvertFrom-Json) $Field | Should -Be $object.$Property
        $row = $object | ConvertTo-Csv | ConvertFrom-Csv
        Get-Field ($row.Raw | ConvertFrom-Json) $Field | Should -Be $object.$Property
    }

    It 'is kept by Export-Clixml as data' {
        $xml = Join-Path $TestDrive "$Type.xml"
        $object | Export-Clixml -LiteralPath $xml -Depth 10
        Get-Field (Import-Clixml -LiteralPath $xml).Raw $Field | Should -Be $object.$Property
    }
}

Describe 'Raw' {
    It 'reaches fields the module does not map, however deep' {
        $answer = @{ name = 'odo'; status = 'OPERATIONAL'; someFutureField = @{ answer = 42; list = @('a', 'b') } } | ConvertTo-Json -Depth 5 -Compress
        Add-S3mTestFault $emu -Path '/olcf/v1alpha/status/odo' -Status 200 -Body $answer -ContentType 'application/json' -Count 1 | Out-Null
        try { $status = Get-S3mStatus -Name odo } finally { Clear-S3mTestFault $emu }
        $status.Raw.someFutureField.answer | Should -Be 42
        $status.Raw.someFutureField.list | Should -Be @('a', 'b')
    }

    It 'of a job read by ID carries Slurm''s accounting fields, such as time.elapsed' {
        $job = Get-S3mSlurmJob -Resource odo -JobId $submission.JobId
        $job.State | Should -Be 'COMPLETED'
        $job.Raw.time.elapsed | Should -Be 60
        $job.Raw.state.current | Should -Be @('COMPLETED')
    }

    It 'is a code property of every type that keeps an answer, and no public .NET property' {
        $types = @([S3M.IRawAnswer].Assembly.GetExportedTypes()) + @([S3M.StreamingCluster].Assembly.GetExportedTypes()) |
            Where-Object { -not $_.IsInterface -and [S3M.IRawAnswer].IsAssignableFrom($_) }
        $types.Count | Should -BeGreaterOrEqual 12
        foreach ($type in $types) {
            (Get-TypeData -TypeName $type.FullName).Members['Raw'] | Should -BeOfType [System.Management.Automation.Runspaces.CodePropertyData] -Because "$($type.FullName) keeps an answer (S3M.Types.ps1xml)"
            # ConvertTo-Json reflects over public properties first: a public Raw would be written as the JsonElement.
            $type.GetProperty('Raw') | Should -BeNullOrEmpty -Because "$($type.FullName) must not show its JsonElement to reflection"
        }
    }
}

Describe 'CSV cells' {
    It 'show every list and dictionary of every output object as text, not a type name' {
        $types = Get-Command -Module S3M -CommandType Cmdlet | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.Namespace -like 'S3M*' } | Sort-Object FullName -Unique
        $types.Count | Should -BeGreaterOrEqual 13
        $problems = foreach ($type in $types) {
            foreach ($property in $type.GetProperties([Reflection.BindingFlags]'Public, Instance')) {
                $t = $property.PropertyType
                if ($t -eq [string] -or -not [Collections.IEnumerable].IsAssignableFrom($t)) { continue }
                # The fields of a submission body by wire name, for reading back; not a report column.
                if ($type -eq [S3M.SlurmJobDescription] -and $property.Name -eq 'Fields') { continue }
                if ($t.IsGenericType -and $t.GetGenericTypeDefinition() -in [type]'S3M.S3mList`1', [type]'S3M.S3mDictionary`1') { continue }
                "$($type.Name).$($property.Name) is a $($t.Name)"
            }
        }
        $problems | Should -BeNullOrEmpty -Because 'Export-Csv writes ToString(), which is the type name for arrays and dictionaries'
    }

    It 'of a job: state flags joined by ";", durations as d.hh:mm:ss' {
        $session = Get-S3mSession
        $path = "$($session.ComputePrefix)/$($session.Enclave)/$($session.SlurmApiVersions['odo'])/odo/job/77"
        $answer = @{
            jobs     = @(@{
                    job_id = 77; name = 'report'; account = 'stf042'; partition = 'batch'
                    state = @{ current = @('COMPLETED', 'COMPLETING', 'REQUEUED') }
                    time = @{ elapsed = 3725; submission = 1764330000; start = 1764330060; end = 1764333785; limit = @{ set = $true; number = 90 } }
                    exit_code = @{ status = @('SUCCESS'); return_code = @{ set = $true; number = 0 } }
                })
            errors   = @()
            warnings = @()
        } | ConvertTo-Json -Depth 6 -Compress
        Add-S3mTestFault $emu -Path $path -Status 200 -Body $answer -ContentType 'application/json' -Count 1 | Out-Null
        try { $job = Get-S3mSlurmJob -Resource odo -JobId 77 } finally { Clear-S3mTestFault $emu }

        # Still a list in PowerShell and in JSON.
        $job.StateFlags.Count | Should -Be 2
        $job.StateFlags[1] | Should -Be 'REQUEUED'
        $job.StateFlags -contains 'COMPLETING' | Should -BeTrue
        ($job | ConvertTo-Json -Depth 5 | ConvertFrom-Json).StateFlags | Should -Be @('COMPLETING', 'REQUEUED')

        $csv = Join-Path $TestDrive 'report.csv'
        $job | Select-Object JobId, Name, State, StateFlags, ExitCode, Elapsed, TimeLimit | Export-Csv -LiteralPath $csv
        $row = Import-Csv -LiteralPath $csv
        $row.JobId | Should -Be '77'
        $row.State | Should -Be 'COMPLETED'
        $row.StateFlags | Should -Be 'COMPLETING;REQUEUED'
        $row.ExitCode | Should -Be '0'
        $row.Elapsed | Should -Be '01:02:05'
        $row.TimeLimit | Should -Be '01:30:00'
        $row.StateFlags -split ';' | Should -Be $job.StateFlags
    }

    It 'of nodes, tokens, sessions and clusters: lists joined by ";", dictionaries as key=value' {
        $node = Get-S3mSlurmNode -Resource odo | Where-Object { $_.Features.Count -ge 2 } | Select-Object -First 1
        $token = Get-S3mToken
        $rows = @(
            $node | Select-Object Partitions, Features
            $token | Select-Object Permissions
            Get-S3mSession | Select-Object SlurmApiVersions
            $cluster | Select-Object ResourceSettings, FeatureFlags
        ) | ForEach-Object { $_ | ConvertTo-Csv | ConvertFrom-Csv }
        $rows[0].Features | Should -Be ($node.Features -join ';')
        $rows[0].Partitions | Should -Be ($node.Partitions -join ';')
        $rows[1].Permissions | Should -Be 'compute-ace;data-streaming'
        $rows[2].SlurmApiVersions | Should -Match '(^|;)odo=v0\.0\.\d+(;|$)'
        $rows[3].ResourceSettings | Should -Be (($cluster.ResourceSettings.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ';')
        $rows[3].ResourceSettings | Should -Match '(^|;)cpus=\d+(;|$)'
        # Still a dictionary in PowerShell.
        $cluster.ResourceSettings.cpus | Should -BeGreaterThan 0
    }
}
