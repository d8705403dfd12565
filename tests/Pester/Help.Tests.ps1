<#
    The help of every exported cmdlet and about_S3M, against the built module and the emulator.

    The pages are docs/en-US/<Cmdlet>.md (PlatyPS markdown schema); the build compiles them with
    tools/S3M.HelpGen into en-US/S3M.dll-Help.xml and en-US/about_S3M.help.txt of the module. For
    each exported cmdlet (one test each, through -ForEach):
      - Get-Help -Full shows a synopsis, a description, a description for every parameter and at
        least one example;
      - the page's SYNTAX (per parameter set) and PARAMETERS (the YAML blocks) match the cmdlet's
        real parameters and sets from Get-Command: nothing missing, nothing extra; per set,
        mandatory-ness, position and type; per parameter, aliases, pipeline input and wildcards.
    Get-Help about_S3M works and names every error ID.

    Every ```powershell block in the EXAMPLES section of each page, and of about_S3M, runs, as its
    own test, against the emulator, without error. Write examples for this world, which looks like a user's:
      - the emulator runs with fast jobs (PENDING for 0.2 s, then running 0.5 s unless the script
        says `sleep N`) and streaming clusters that are ready 0.3 s after provisioning;
        $env:S3M_BASE_URI points at it, $PSDefaultParameterValues gives Connect-S3m -TokenPath
        its stf042-full token file (project stf042, scopes compute-ace and data-streaming; a token
        from $env:S3M_TOKEN_FILE would go only to https), and Connect-S3m has made the default
        session;
      - the current location is a new, otherwise empty folder holding `hello.sbatch` (a copy of
        examples/hello.sbatch: examples say ./hello.sbatch) and `old.token` (a new stf042 token
        with the compute-ace scope, for examples that revoke a token);
      - the project has a ready Redis cluster `cache01` and a ready RabbitMQ cluster `events01`.
        They are provisioned again before an example when an earlier one removed them; every
        other cluster is removed after each example, but examples that create clusters should
        still remove them, or use names of their own;
      - $ErrorActionPreference is Stop, so any error, terminating or not, fails the example, and
        nothing may prompt: use -Force or -Confirm:$false where a user's script would;
      - the output is formatted (Out-String), so broken views fail too.
    An example that needs a real OLCF account (the real gateway, a real token) has the line
    <!-- requires: olcf --> right before its code block; it is reported as skipped. Use it rarely.
#>

BeforeDiscovery {
    Import-Module $env:S3M_MODULE_PATH -Force
    $docs = Join-Path $PSScriptRoot '../../docs/en-US'

    # A page read the simple way (lines, fences, headings), independent of S3M.HelpGen's reading.
    function Read-HelpPage([string]$Path) {
        $page = @{
            Synopsis   = [Collections.Generic.List[string]]::new()
            Syntax     = [Collections.Generic.List[hashtable]]::new()
            Parameters = [ordered]@{}
            Examples   = [Collections.Generic.List[hashtable]]::new()
        }
        $h2 = $null; $h3 = $null; $block = $null; $lastText = ''
        foreach ($line in Get-Content -LiteralPath $Path) {
            if ($block) {
                if ($line -match '^```\s*$') {
                    if ($block.H2 -eq 'SYNTAX') {
                        $set = $null; $isDefault = $false
                        if ($block.H3 -match '^(?<name>\S+)( \((?<default>Default)\))?$') { $set = $Matches.name; $isDefault = [bool]$Matches.default }
                        $page.Syntax.Add(@{ Set = $set; IsDefault = $isDefault; Text = ($block.Lines -join ' ') })
                    }
                    elseif ($block.H2 -eq 'PARAMETERS' -and $block.H3 -match '^-(\w+)$' -and $block.Lang -eq 'yaml') {
                        $parameterName = $Matches[1]
                        $yaml = @{}
                        foreach ($l in $block.Lines) { if ($l -match '^([^:]+):\s*(.*)$') { $yaml[$Matches[1].Trim()] = $Matches[2].Trim() } }
                        $page.Parameters[$parameterName].Add($yaml)
                    }
                    elseif ($block.H2 -eq 'EXAMPLES' -and $block.Lang -eq 'powershell') {
                        $page.Examples.Add(@{ Title = $block.H3; Code = ($block.Lines -join "`n"); RequiresOlcf = $block.Olcf })
                    }
                    $block = $null
                }
                else { $block.Lines.Add($line) }
                continue
            }
            if ($line -match '^```(\w*)\s*$') {
                $block = @{ Lang = $Matches[1]; Lines = [Collections.Generic.List[string]]::new(); H2 = $h2; H3 = $h3; Olcf = ($lastText -eq '<!-- requires: olcf -->') }
                continue
            }
            if ($line -match '^## (.+)$') { $h2 = $Matches[1].Trim(); $h3 = $null; $lastText = ''; continue }
            if ($line -match '^### (.+)$') {
                $h3 = $Matches[1].Trim(); $lastText = ''
                if ($h2 -eq 'PARAMETERS' -and $h3 -match '^-(\w+)$' -and -not $page.Parameters.Contains($Matches[1])) {
                    $page.Parameters[$Matches[1]] = [Collections.Generic.List[hashtable]]::new()
                }
                continue
            }
            if ($line.Trim()) {
                $lastText = $line.Trim()
                if ($h2 -eq 'SYNOPSIS') { $page.Synopsis.Add($line.Trim()) }
            }
        }
        $page.Synopsis = $page.Synopsis -join ' '
        $page
    }

    $commands = @(foreach ($command in Get-Command -Module S3M -CommandType Cmdlet | Sort-Object Name) {
            $path = Join-Path $docs "$($command.Name).md"
            @{ Name = $command.Name; Path = $path; Page = $(if (Test-Path -LiteralPath $path) { Read-HelpPage $path }) }
        })
    $about = @{ Name = 'about_S3M'; Page = Read-HelpPage (Join-Path $docs 'about_S3M.md') }
    $examples = @(foreach ($command in @($commands) + $about) {
            if (-not $command.Page) { continue }
            $n = 0
            foreach ($example in $command.Page.Examples) {
                $n++
                @{ Name = $command.Name; Number = $n; Title = $example.Title; Code = $example.Code; RequiresOlcf = $example.RequiresOlcf }
            }
        })
    $runnable = @($examples | Where-Object { -not $_.RequiresOlcf })
    $needOlcf = @($examples | Where-Object { $_.RequiresOlcf })
}

BeforeAll {
    Import-Module $PSScriptRoot/TestSupport.psm1 -Force
    $script:emu = Initialize-S3mTestFile

    $script:common = [System.Management.Automation.Cmdlet]::CommonParameters

    function script:Get-TypeName([type]$Type) {
        $underlying = [Nullable]::GetUnderlyingType($Type)
        if ($underlying) { $Type = $underlying }
        $Type.Name
    }

    function script:Get-PipelineText($Parameter) {
        $ways = @()
        if ($Parameter.ValueFromPipelineByPropertyName) { $ways += 'ByPropertyName' }
        if ($Parameter.ValueFromPipeline) { $ways += 'ByValue' }
        if ($ways) { "True ($($ways -join ', '))" } else { 'False' }
    }

    # The parameters of one syntax line: [[-N] <T>], [-N] <T>, [-N <T>], [-N], -N <T>, -N, [<CommonParameters>].
    function script:Read-SyntaxLine([string]$Text) {
        $text = ($Text -replace '\s+', ' ').Trim()
        $command, $rest = $text -split ' ', 2
        $pattern = '\[\[-(?<n>\w+)\] <(?<t>[^>]+)>\]|\[-(?<n>\w+)\] <(?<t>[^>]+)>|\[-(?<n>\w+) <(?<t>[^>]+)>\]|\[-(?<n>\w+)\]|-(?<n>\w+) <(?<t>[^>]+)>|-(?<n>\w+)|\[<CommonParameters>\]'
        $parameters = foreach ($match in [regex]::Matches("$rest", $pattern)) {
            $value = $match.Value
            if ($value -eq '[<CommonParameters>]') { continue }
            [pscustomobject]@{
                Name       = $match.Groups['n'].Value
                Type       = $(if ($match.Groups['t'].Success) { $match.Groups['t'].Value })
                Mandatory  = -not ($value.StartsWith('[[') -or ($value.StartsWith('[-') -and $value.EndsWith(']')))
                Positional = $value.StartsWith('[[') -or ($value.StartsWith('[-') -and $value.Contains('] <'))
            }
        }
        [pscustomobject]@{
            Command    = $command
            Parameters = @($parameters)
            Common     = "$rest".Contains('[<CommonParameters>]')
            Leftover   = ([regex]::Replace("$rest", $pattern, '')).Trim()
        }
    }

    function script:Get-RealParameters($Set) {
        @($Set.Parameters | Where-Object { $_.Name -notin $script:common })
    }

    function script:Compress-Text([string]$Text) { ($Text -replace '\s+', ' ').Trim() }

    function script:Test-SameSet($A, $B) { (@($A | Sort-Object) -join ',') -eq (@($B | Sort-Object) -join ',') }
}

AfterAll { Complete-S3mTestFile $emu }

Describe 'Help of <Name>' -ForEach $commands {
    It 'has a page in docs/en-US' {
        $Page | Should -Not -BeNullOrEmpty -Because "every exported cmdlet needs docs/en-US/$Name.md"
    }

    It 'shows a synopsis, a description, every parameter described and an example in Get-Help -Full' {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without compiled help, Get-Help makes the synopsis up from the syntax.
        (Compress-Text $help.Synopsis) | Should -Be (Compress-Text $Page.Synopsis)
        (@($help.description.Text) -join ' ').Trim() | Should -Not -BeNullOrEmpty
        $real = @((Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object)
        $shown = @($help.parameters.parameter | ForEach-Object name | Sort-Object)
        $shown | Should -Be $real -Because 'the compiled help must describe exactly the real parameters'
        foreach ($parameter in $help.parameters.parameter) {
            (@($parameter.description.Text) -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.name) needs a description"
        }
        @($help.examples.example).Count | Should -BeGreaterOrEqual 1
        @($help.examples.example).Count | Should -Be $Page.Examples.Count
        foreach ($example in $help.examples.example) { $example.code | Should -Not -BeNullOrEmpty }
    }

    It 'documents in SYNTAX exactly the real parameter sets and parameters' {
        $command = Get-Command $Name
        $sets = @($command.ParameterSets)
        $problems = [Collections.Generic.List[string]]::new()
        $pageSets = @($Page.Syntax)
        if ($sets.Count -eq 1) {
            if ($pageSets.Count -ne 1) { $problems.Add("SYNTAX has $($pageSets.Count) blocks; the cmdlet has one parameter set.") }
        }
        else {
            $expected = @($sets.Name | Sort-Object)
            $written = @($pageSets | ForEach-Object { $_.Set } | Sort-Object)
            if (-not (Test-SameSet $expected $written)) { $problems.Add("SYNTAX sets ($($written -join ', ')) are not the cmdlet's ($($expected -join ', ')).") }
            foreach ($set in $sets) {
                $written = $pageSets | Where-Object { $_.Set -eq $set.Name }
                if ($written -and [bool]$written.IsDefault -ne $set.IsDefault) { $problems.Add("set $($set.Name): (Default) is $(if ($set.IsDefault) { 'missing' } else { 'wrong' }).") }
            }
        }
        foreach ($pageSet in $pageSets) {
            $set = if ($sets.Count -eq 1) { $sets[0] } else { $sets | Where-Object Name -eq $pageSet.Set }
            if (-not $set) { continue }
            $label = if ($sets.Count -eq 1) { 'SYNTAX' } else { "set $($set.Name)" }
            $line = Read-SyntaxLine $pageSet.Text
            if ($line.Command -ne $Name) { $problems.Add("${label}: starts with '$($line.Command)'.") }
            if ($line.Leftover) { $problems.Add("${label}: cannot read '$($line.Leftover)'.") }
            if (-not $line.Common) { $problems.Add("${label}: [<CommonParameters>] is missing.") }
            $real = Get-RealParameters $set
            $missing = @($real.Name | Where-Object { $_ -notin $line.Parameters.Name })
            $extra = @($line.Parameters.Name | Where-Object { $_ -notin $real.Name })
            if ($missing) { $problems.Add("${label}: missing $($missing -join ', ').") }
            if ($extra) { $problems.Add("${label}: not real parameters: $($extra -join ', ').") }
            $lastPosition = -1
            foreach ($written in $line.Parameters) {
                $parameter = $real | Where-Object Name -eq $written.Name
                if (-not $parameter) { continue }
                if ($written.Mandatory -ne $parameter.IsMandatory) { $problems.Add("${label}: -$($written.Name) is $(if ($parameter.IsMandatory) { 'mandatory' } else { 'optional' }), the page says otherwise.") }
                if ($written.Positional -ne ($parameter.Position -ge 0)) { $problems.Add("${label}: -$($written.Name) is $(if ($parameter.Position -ge 0) { "positional ($($parameter.Position))" } else { 'named' }), the page says otherwise.") }
                if ($written.Positional) {
                    if ($parameter.Position -le $lastPosition) { $problems.Add("${label}: positional parameters are not in the order of their positions.") }
                    $lastPosition = $parameter.Position
                }
                $type = Get-TypeName $parameter.ParameterType
                $writtenType = if ($written.Type) { $written.Type } else { 'SwitchParameter' }
                if ($writtenType -ne $type) { $problems.Add("${label}: -$($written.Name) takes <$type>, the page says <$writtenType>.") }
            }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'documents in PARAMETERS exactly the real parameters, set by set' {
        $command = Get-Command $Name
        $sets = @($command.ParameterSets)
        $problems = [Collections.Generic.List[string]]::new()
        $real = @($command.Parameters.Keys | Where-Object { $_ -notin $common })
        $documented = @($Page.Parameters.Keys)
        $missing = @($real | Where-Object { $_ -notin $documented })
        $extra = @($documented | Where-Object { $_ -notin $real })
        if ($missing) { $problems.Add("PARAMETERS misses $($missing -join ', ').") }
        if ($extra) { $problems.Add("PARAMETERS documents what is not a parameter: $($extra -join ', ').") }
        foreach ($name in $real | Where-Object { $_ -in $documented }) {
            $blocks = @($Page.Parameters[$name])
            if ($blocks.Count -eq 0) { $problems.Add("-${name}: no YAML block."); continue }
            $metadata = $command.Parameters[$name]
            $inSets = @($sets | Where-Object { $_.Parameters.Name -contains $name })
            foreach ($block in $blocks) {
                $named = @(if ($block['Parameter Sets'] -ne '(All)') { "$($block['Parameter Sets'])" -split ',\s*' | Where-Object { $_ } })
                if ($block['Parameter Sets'] -eq '(All)' -and $inSets.Count -ne $sets.Count) { $problems.Add("-${name}: Parameter Sets says (All), but it is only in $($inSets.Name -join ', ').") }
                foreach ($setName in $named) { if ($setName -notin $inSets.Name) { $problems.Add("-${name}: it is not in set '$setName'.") } }
                $aliases = @("$($block['Aliases'])" -split ',\s*' | Where-Object { $_ })
                if (-not (Test-SameSet $metadata.Aliases $aliases)) { $problems.Add("-${name}: Aliases '$($block['Aliases'])', the cmdlet has '$($metadata.Aliases -join ', ')'.") }
                $wildcards = [bool]($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                if ($block['Accept wildcard characters'] -ne "$wildcards") { $problems.Add("-${name}: Accept wildcard characters should be $wildcards.") }
                if ($block['Type'] -ne (Get-TypeName $metadata.ParameterType)) { $problems.Add("-${name}: Type '$($block['Type'])', the cmdlet's is $(Get-TypeName $metadata.ParameterType).") }
            }
            foreach ($set in $inSets) {
                $parameter = $set.Parameters | Where-Object Name -eq $name
                $covering = @($blocks | Where-Object { $_['Parameter Sets'] -eq '(All)' -or (("$($_['Parameter Sets'])" -split ',\s*') -contains $set.Name) })
                if ($covering.Count -ne 1) { $problems.Add("-${name}: $($covering.Count) YAML blocks cover set $($set.Name); one must."); continue }
                $block = $covering[0]
                $position = if ($parameter.Position -ge 0) { "$($parameter.Position)" } else { 'Named' }
                if ($block['Required'] -ne "$($parameter.IsMandatory)") { $problems.Add("-${name} in set $($set.Name): Required should be $($parameter.IsMandatory).") }
                if ($block['Position'] -ne $position) { $problems.Add("-${name} in set $($set.Name): Position should be $position.") }
                if ($block['Accept pipeline input'] -ne (Get-PipelineText $parameter)) { $problems.Add("-${name} in set $($set.Name): Accept pipeline input should be '$(Get-PipelineText $parameter)'.") }
            }
        }
        $problems | Should -BeNullOrEmpty
    }
}

Describe 'about_S3M' {
    It 'is shown by Get-Help and names every error ID' {
        $text = Get-Help about_S3M | Out-String
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'about_S3M'
        foreach ($kind in [enum]::GetNames([S3M.Transport.S3mErrorKind])) {
            $text | Should -Match ([regex]::Escape("S3M.$kind")) -Because "about_S3M must say what to do about S3M.$kind"
        }
    }
}

Describe 'Examples' {
    BeforeAll {
        Set-S3mTestScheduler $emu -PendingSeconds 0.2 -DefaultRunSeconds 0.5
        $null = Set-S3mTestStreaming $emu -ReadySeconds 0.3
        $script:savedEnvironment = @{ S3M_BASE_URI = $env:S3M_BASE_URI; S3M_TOKEN_FILE = $env:S3M_TOKEN_FILE; REDIS_URL = $env:REDIS_URL }
        $env:S3M_BASE_URI = $emu.BaseUri
        $env:S3M_TOKEN_FILE = $null
        $global:PSDefaultParameterValues['Connect-S3m:TokenPath'] = Get-S3mTestTokenPath $emu 'stf042-full'
        $script:hello = Join-Path $PSScriptRoot '../../examples/hello.sbatch'
        $script:fixtures = @(
            @{ Engine = 'Redis'; Name = 'cache01'; Kind = 'general' }
            @{ Engine = 'RabbitMQ'; Name = 'events01'; Kind = 'general' }
        )
    }

    AfterAll {
        Disconnect-S3m
        foreach ($name in $script:savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $script:savedEnvironment[$name]) }
        $global:PSDefaultParameterValues.Remove('Connect-S3m:TokenPath')
    }

    BeforeEach {
        Connect-S3m
        foreach ($fixture in $fixtures) {
            $there = Get-S3mStreamingCluster -Engine $fixture.Engine -WarningAction SilentlyContinue | Where-Object Name -eq $fixture.Name
            if (-not $there) {
                $null = New-S3mStreamingCluster @fixture -Wait -PollInterval 00:00:00.2 -Timeout 00:00:30 -Confirm:$false
            }
        }
        $script:work = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $work
        Copy-Item -LiteralPath $hello -Destination (Join-Path $work 'hello.sbatch')
        $null = New-S3mTestToken $emu -Project stf042 -Scope compute-ace -Description 'old token' -OutFile (Join-Path $work 'old.token')
        Push-Location -LiteralPath $work
    }

    AfterEach {
        Pop-Location
        # The example may have disconnected or revoked the default session.
        Connect-S3m
        Get-S3mStreamingCluster -WarningAction SilentlyContinue |
            Where-Object { $_.Name -notin $fixtures.Name } |
            Remove-S3mStreamingCluster -Force -ErrorAction SilentlyContinue
    }

    It '<Name>, <Title>' -ForEach $runnable {
        $example = [scriptblock]::Create($Code)
        $output = & {
            $ErrorActionPreference = 'Stop'
            $ProgressPreference = 'SilentlyContinue'
            & $example 3>&1 4>&1 6>&1 | Out-String -Width 120
        }
        Write-Verbose $output
    }

    It '<Name>, <Title>' -ForEach $needOlcf -Skip {
        # Marked <!-- requires: olcf -->: it needs the real gateway and a real token.
    }
}
