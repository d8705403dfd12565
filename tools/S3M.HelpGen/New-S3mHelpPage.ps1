#Requires -Version 7.2

<#
.SYNOPSIS
    Writes a skeleton help page (PlatyPS markdown schema 2.0.0) for each exported cmdlet that has
    none, with SYNTAX and the PARAMETERS YAML taken from the built module, and {{ ... }}
    placeholders for the text a person must write. S3M.HelpGen refuses pages that still hold a
    placeholder, so a skeleton cannot ship by accident.

.DESCRIPTION
    PlatyPS's New-MarkdownHelp does this where PlatyPS can be installed; this script is the
    stand-in. Run it in a fresh pwsh (a binary module cannot be unloaded):

        dotnet pwsh -NoProfile -File tools/S3M.HelpGen/New-S3mHelpPage.ps1 -ModulePath out/S3M/0.1.0/S3M.psd1

    With -Name and -SyntaxOnly it prints the SYNTAX section and the YAML block of each parameter
    of one cmdlet, to paste into a page after its parameters changed.
#>
[CmdletBinding()]
param(
    # The built module's manifest (out/S3M/<version>/S3M.psd1).
    [Parameter(Mandatory)]
    [string]$ModulePath,

    # Where the pages live.
    [string]$OutputFolder = (Join-Path $PSScriptRoot '../../docs/en-US'),

    # Only these cmdlets; default: every exported cmdlet without a page.
    [string[]]$Name,

    # Print SYNTAX and the parameters' YAML blocks instead of writing pages.
    [switch]$SyntaxOnly,

    # Overwrite pages that exist.
    [switch]$Force
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$module = Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath -PassThru -Force
$common = [System.Management.Automation.Cmdlet]::CommonParameters

function Get-TypeName([type]$Type) {
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    $Type.Name
}

function Get-PipelineText($Parameter) {
    $ways = @()
    if ($Parameter.ValueFromPipelineByPropertyName) { $ways += 'ByPropertyName' }
    if ($Parameter.ValueFromPipeline) { $ways += 'ByValue' }
    if ($ways) { "True ($($ways -join ', '))" } else { 'False' }
}

# Parameters in the order PowerShell shows them: positional by position, then mandatory, then the rest.
function Get-DisplayOrder($Set) {
    $parameters = @($Set.Parameters | Where-Object { $_.Name -notin $common })
    @($parameters | Where-Object Position -ge 0 | Sort-Object Position) +
    @($parameters | Where-Object { $_.Position -lt 0 -and $_.IsMandatory }) +
    @($parameters | Where-Object { $_.Position -lt 0 -and -not $_.IsMandatory })
}

function Get-SyntaxText($Command, $Set) {
    $words = foreach ($p in Get-DisplayOrder $Set) {
        $type = Get-TypeName $p.ParameterType
        $isSwitch = $type -eq 'SwitchParameter'
        if ($p.Position -ge 0) {
            if ($p.IsMandatory) { "[-$($p.Name)] <$type>" } else { "[[-$($p.Name)] <$type>]" }
        }
        elseif ($isSwitch) {
            if ($p.IsMandatory) { "-$($p.Name)" } else { "[-$($p.Name)]" }
        }
        elseif ($p.IsMandatory) { "-$($p.Name) <$type>" }
        else { "[-$($p.Name) <$type>]" }
    }
    $words = @($words) + '[<CommonParameters>]'
    # Wrapped as PlatyPS wraps: continuation lines start with a blank.
    $lines = [Collections.Generic.List[string]]::new()
    $line = $Command.Name
    foreach ($word in $words) {
        if ($line.Length + 1 + $word.Length -gt 100) {
            $lines.Add($line)
            $line = ''
        }
        $line += " $word"
    }
    $lines.Add($line)
    $lines -join "`n"
}

function Get-SyntaxSection($Command) {
    $sets = @($Command.ParameterSets)
    $text = [Text.StringBuilder]::new()
    foreach ($set in $sets) {
        if ($sets.Count -gt 1 -or $set.Name -ne '__AllParameterSets') {
            $null = $text.Append("### $($set.Name)$(if ($set.IsDefault) { ' (Default)' })`n")
        }
        $null = $text.Append('```' + "`n$(Get-SyntaxText $Command $set)`n" + '```' + "`n`n")
    }
    $text.ToString()
}

# One YAML block per group of sets in which the parameter looks the same.
function Get-ParameterYaml($Command, [string]$ParameterName) {
    $sets = @($Command.ParameterSets)
    $groups = [ordered]@{}
    foreach ($set in $sets) {
        $p = $set.Parameters | Where-Object Name -eq $ParameterName
        if (-not $p) { continue }
        $key = '{0}|{1}|{2}' -f $p.IsMandatory, $p.Position, (Get-PipelineText $p)
        if (-not $groups.Contains($key)) { $groups[$key] = [pscustomobject]@{ Parameter = $p; Sets = @() } }
        $groups[$key].Sets += $set.Name
    }
    $metadata = $Command.Parameters[$ParameterName]
    $inAll = $sets.Count -eq 1 -or ($groups.Count -eq 1 -and @($groups.Values)[0].Sets.Count -eq $sets.Count)
    foreach ($group in $groups.Values) {
        $p = $group.Parameter
        $wildcards = [bool]($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        @(
            '```yaml'
            "Type: $(Get-TypeName $p.ParameterType)"
            "Parameter Sets: $(if ($inAll) { '(All)' } else { $group.Sets -join ', ' })"
            "Aliases: $($metadata.Aliases -join ', ')".TrimEnd()
            ''
            "Required: $($p.IsMandatory)"
            "Position: $(if ($p.Position -ge 0) { $p.Position } else { 'Named' })"
            "Default value: $(if ((Get-TypeName $p.ParameterType) -eq 'SwitchParameter') { 'False' } else { 'None' })"
            "Accept pipeline input: $(Get-PipelineText $p)"
            "Accept wildcard characters: $wildcards"
            '```'
            ''
        ) -join "`n"
    }
}

function Get-ParameterNames($Command) {
    $names = @($Command.Parameters.Keys | Where-Object { $_ -notin $common })
    $last = @('Confirm', 'WhatIf') | Where-Object { $_ -in $names }
    @($names | Where-Object { $_ -notin $last } | Sort-Object) + @($last)
}

function Get-Page($Command) {
    $text = [Text.StringBuilder]::new()
    $null = $text.Append(@"
---
external help file: S3M.dll-Help.xml
Module Name: S3M
online version:
schema: 2.0.0
---

# $($Command.Name)

## SYNOPSIS
{{ Fill in the Synopsis }}

## SYNTAX

$(Get-SyntaxSection $Command)## DESCRIPTION
{{ Fill in the Description }}

## EXAMPLES

### Example 1: {{ what it shows }}
``````powershell
{{ code }}
``````

{{ what it does }}

## PARAMETERS


"@)
    foreach ($name in Get-ParameterNames $Command) {
        $null = $text.Append("### -$name`n{{ Fill $name Description }}`n`n")
        foreach ($block in Get-ParameterYaml $Command $name) { $null = $text.Append($block + "`n") }
    }
    $inputs = @($Command.Parameters.Values | Where-Object { $_.Name -notin $common } |
        Where-Object { $_.Attributes | Where-Object { $_ -is [Parameter] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } } |
        ForEach-Object { Get-TypeName $_.ParameterType } | Sort-Object -Unique)
    $outputs = @($Command.OutputType.Name | Sort-Object -Unique)
    $null = $text.Append(@"
### CommonParameters
This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable,
-InformationAction, -InformationVariable, -OutBuffer, -OutVariable, -PipelineVariable,
-ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see
[about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).

## INPUTS

$((@($inputs | ForEach-Object { "### $_`n{{ Fill input description }}`n" }) + @(if (-not $inputs) { "### None`n{{ Fill input description }}`n" })) -join "`n")
## OUTPUTS

$((@($outputs | ForEach-Object { "### $_`n{{ Fill output description }}`n" }) + @(if (-not $outputs) { "### None`n{{ Fill output description }}`n" })) -join "`n")
## NOTES
{{ Fill in the notes }}

## RELATED LINKS

- [about_S3M](about_S3M.md)

"@)
    $text.ToString()
}

$commands = Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name
if ($Name) { $commands = $commands | Where-Object Name -in $Name }
foreach ($command in $commands) {
    if ($SyntaxOnly) {
        "## SYNTAX`n"
        Get-SyntaxSection $command
        foreach ($parameter in Get-ParameterNames $command) {
            "### -$parameter"
            Get-ParameterYaml $command $parameter
        }
        continue
    }
    $path = Join-Path $OutputFolder "$($command.Name).md"
    if ((Test-Path -LiteralPath $path) -and -not $Force) { continue }
    Set-Content -LiteralPath $path -Value (Get-Page $command).TrimEnd() -Encoding utf8NoBOM
    Write-Host "Wrote $path"
}
