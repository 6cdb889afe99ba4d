<#
.SYNOPSIS
    Turns the cmdlet help sources (module/help/<culture>/<Cmdlet>.md) into the MAML file that
    Get-Help reads. Dot-sourced by build.ps1.
.DESCRIPTION
    The Markdown holds what people write: synopsis, description, one paragraph or more per
    parameter, examples, inputs, outputs, notes, related links. What the compiled cmdlet already
    knows (parameter types, positions, pipeline input, aliases, sets) is read from the cmdlet
    itself, so the help's syntax cannot drift from the code.
#>

$MamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$CommandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$DevNs = 'http://schemas.microsoft.com/maml/dev/2004/10'

. (Join-Path $PSScriptRoot 'PwshHelpers.ps1')
$CommonParameters = Get-CommonParameterName

function Expand-CodeList([string] $Text, [switch] $Chinese) {
    # Lists of codes in the help's prose come from the catalog, the one place the engine reads them too.
    # Reading the examples alone (the help test's discovery) needs no module: the text is left as it is.
    $catalog = 'TelecomVerify.Errors.JuheErrorCatalog' -as [type]
    if ($Text -notmatch '\{\{[A-Z_]+_CODES\}\}' -or -not $catalog) { return $Text }
    $separator = if ($Chinese) { '、' } else { ', ' }
    $list = { param($filter) (@($catalog::All | Where-Object $filter | ForEach-Object Code) -join $separator) }
    return $Text.Replace('{{RETRIED_CODES}}', (& $list { $_.IsRetried })).
        Replace('{{SLOWDOWN_CODES}}', (& $list { $_.HoldsBackRun })).
        Replace('{{STOPPING_CODES}}', (& $list { $_.StopsRun }))
}

function Read-HelpMarkdown([string] $Path) {
    $doc = [ordered]@{ Name = $null; Sections = [ordered]@{}; Parameters = [ordered]@{}; Examples = @(); Inputs = @(); Outputs = @() }
    $section = $null; $sub = $null; $buffer = [Collections.Generic.List[string]]::new()
    $flush = {
        $text = ($buffer -join "`n").Trim()
        if ($null -ne $section) {
            switch ($section) {
                'PARAMETERS' { if ($sub) { $doc.Parameters[$sub.TrimStart('-')] = $text } }
                'EXAMPLES' { if ($sub) { $doc.Examples += , @{ Title = $sub; Body = $text } } }
                'INPUTS' { if ($sub) { $doc.Inputs += , @{ Type = $sub; Text = $text } } }
                'OUTPUTS' { if ($sub) { $doc.Outputs += , @{ Type = $sub; Text = $text } } }
                default { $doc.Sections[$section] = $text }
            }
        }
        $buffer.Clear()
    }
    $inCode = $false
    $chinese = $Path -match '[\\/]zh-[A-Za-z]+[\\/]'
    foreach ($line in Get-Content -LiteralPath $Path -Encoding utf8) {
        $line = Expand-CodeList $line -Chinese:$chinese
        if ($line -match '^```') { $inCode = -not $inCode; $buffer.Add($line); continue }
        if (-not $inCode -and $line -match '^# (.+)$') { $doc.Name = $Matches[1].Trim(); continue }
        if (-not $inCode -and $line -match '^## (.+)$') { & $flush; $section = $Matches[1].Trim().ToUpperInvariant(); $sub = $null; continue }
        if (-not $inCode -and $line -match '^### (.+)$') { & $flush; $sub = $Matches[1].Trim(); continue }
        $buffer.Add($line)
    }
    & $flush
    return $doc
}

function Split-Example([string] $Body) {
    # The first fenced block is the code; the text after it, the remarks. Lines '<!-- expect: … -->'
    # are what the text promises of the output, as PowerShell the help test evaluates; never shown.
    if ($Body -notmatch '(?s)```[a-z]*\n(.*?)\n```(.*)$') { throw "An example has no fenced code block: $Body" }
    $code = $Matches[1]
    $rest = $Matches[2]
    $expect = @([regex]::Matches($rest, '<!--\s*expect:\s*(.*?)\s*-->') | ForEach-Object { $_.Groups[1].Value })
    return @{ Code = $code; Remarks = ([regex]::Replace($rest, '<!--.*?-->', '')).Trim(); Expect = $expect }
}

function Write-Paragraphs([System.Xml.XmlWriter] $w, [string] $text) {
    foreach ($para in ($text -split "\n\s*\n")) {
        $p = ($para -replace '\s*\n\s*', ' ').Trim()
        if ($p) { $w.WriteElementString('maml', 'para', $MamlNs, $p) }
    }
}

function Get-PipelineText($attrs) {
    $kinds = @()
    if ($attrs | Where-Object ValueFromPipeline) { $kinds += 'ByValue' }
    if ($attrs | Where-Object ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-ParameterDefault($command) {
    # The cmdlet knows its defaults (its properties' initial values): read them, never copy them into text.
    $defaults = @{}
    $type = $command.ImplementingType
    if (-not $type) { return $defaults }
    $instance = [Activator]::CreateInstance($type)
    try {
        foreach ($name in $command.Parameters.Keys) {
            $property = $type.GetProperty($name)
            if (-not $property) { continue }
            $value = $property.GetValue($instance)
            if ($null -eq $value -or $value -is [System.Management.Automation.SwitchParameter]) { continue }
            if ($value -is [ValueType] -and $value.Equals([Activator]::CreateInstance($value.GetType()))) { continue }
            $defaults[$name] = if ($value -is [timespan]) { "$([int]$value.TotalDays) days" } else { [string]$value }
        }
    }
    finally { if ($instance -is [IDisposable]) { $instance.Dispose() } }
    return $defaults
}

function Write-ParameterElement([System.Xml.XmlWriter] $w, $param, $attr, [string] $description, [switch] $InSyntax, [string] $Default) {
    $ns = $CommandNs
    $position = if ($attr.Position -ge 0) { [string]$attr.Position } else { 'named' }
    $w.WriteStartElement('command', 'parameter', $ns)
    $w.WriteAttributeString('required', $attr.Mandatory.ToString().ToLowerInvariant())
    $w.WriteAttributeString('variableLength', 'true')
    $w.WriteAttributeString('globbing', 'false')
    $w.WriteAttributeString('pipelineInput', (Get-PipelineText $attr))
    $w.WriteAttributeString('position', $position)
    $w.WriteAttributeString('aliases', $(if ($param.Aliases.Count) { $param.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $MamlNs, $param.Name)
    if (-not $InSyntax) { $w.WriteStartElement('maml', 'description', $MamlNs); Write-Paragraphs $w $description; $w.WriteEndElement() }
    $isSwitch = $param.ParameterType -eq [switch]
    if (-not $isSwitch) {
        $w.WriteStartElement('command', 'parameterValue', $ns)
        $w.WriteAttributeString('required', 'true')
        $w.WriteString($param.ParameterType.Name)
        $w.WriteEndElement()
    }
    if (-not $InSyntax) {
        $w.WriteStartElement('dev', 'type', 'http://schemas.microsoft.com/maml/dev/2004/10')
        $w.WriteElementString('maml', 'name', $MamlNs, $param.ParameterType.FullName)
        $w.WriteEndElement()
        $w.WriteElementString('dev', 'defaultValue', 'http://schemas.microsoft.com/maml/dev/2004/10', $(if ($Default) { $Default } else { 'None' }))
    }
    $w.WriteEndElement()
}

function New-MamlHelp {
    param([string] $SourceFolder, [string] $ModuleName, [string] $OutputFile)
    $maml = 'http://schemas.microsoft.com/maml/2004/10'
    $cmd = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    $dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false) }
    $w = [System.Xml.XmlWriter]::Create($OutputFile, $settings)
    try {
        $w.WriteStartElement('helpItems', 'http://msh')
        $w.WriteAttributeString('schema', 'maml')
        foreach ($command in Get-Command -Module $ModuleName -CommandType Cmdlet | Sort-Object Name) {
            $defaults = Get-ParameterDefault $command
            $source = Join-Path $SourceFolder "$($command.Name).md"
            if (-not (Test-Path $source)) { throw "No help source for $($command.Name): $source" }
            $doc = Read-HelpMarkdown $source
            $parameters = $command.Parameters.Values | Where-Object { $_.Name -notin $CommonParameters }
            foreach ($p in $parameters) {
                if (-not $doc.Parameters.Contains($p.Name)) { throw "$source does not describe the parameter -$($p.Name)." }
            }
            foreach ($name in $doc.Parameters.Keys) {
                if ($name -notin $parameters.Name) { throw "$source describes -$name, which $($command.Name) does not have." }
            }

            $w.WriteStartElement('command', 'command', $cmd)
            $w.WriteAttributeString('xmlns', 'maml', $null, $maml)
            $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
            $w.WriteStartElement('command', 'details', $cmd)
            $w.WriteElementString('command', 'name', $cmd, $command.Name)
            $w.WriteElementString('command', 'verb', $cmd, $command.Verb)
            $w.WriteElementString('command', 'noun', $cmd, $command.Noun)
            $w.WriteStartElement('maml', 'description', $maml); Write-Paragraphs $w $doc.Sections['SYNOPSIS']; $w.WriteEndElement()
            $w.WriteEndElement()
            $w.WriteStartElement('maml', 'description', $maml); Write-Paragraphs $w $doc.Sections['DESCRIPTION']; $w.WriteEndElement()

            $w.WriteStartElement('command', 'syntax', $cmd)
            foreach ($set in $command.ParameterSets) {
                $w.WriteStartElement('command', 'syntaxItem', $cmd)
                $w.WriteElementString('maml', 'name', $maml, $command.Name)
                foreach ($sp in $set.Parameters | Where-Object { $_.Name -notin $CommonParameters }) {
                    $param = $command.Parameters[$sp.Name]
                    $attr = [pscustomobject]@{ Mandatory = $sp.IsMandatory; Position = $sp.Position; ValueFromPipeline = $sp.ValueFromPipeline; ValueFromPipelineByPropertyName = $sp.ValueFromPipelineByPropertyName }
                    Write-ParameterElement $w $param $attr $null -InSyntax
                }
                $w.WriteEndElement()
            }
            $w.WriteEndElement()

            $w.WriteStartElement('command', 'parameters', $cmd)
            foreach ($param in $parameters) {
                $attrs = $param.Attributes | Where-Object { $_ -is [Parameter] }
                $attr = [pscustomobject]@{
                    Mandatory = [bool]($attrs | Where-Object Mandatory)
                    Position = ($attrs | Measure-Object -Property Position -Maximum).Maximum
                    ValueFromPipeline = [bool]($attrs | Where-Object ValueFromPipeline)
                    ValueFromPipelineByPropertyName = [bool]($attrs | Where-Object ValueFromPipelineByPropertyName)
                }
                Write-ParameterElement $w $param $attr $doc.Parameters[$param.Name] -Default $defaults[$param.Name]
            }
            $w.WriteEndElement()

            foreach ($kind in @(@{ Element = 'inputTypes'; Item = 'inputType'; Entries = $doc.Inputs }, @{ Element = 'returnValues'; Item = 'returnValue'; Entries = $doc.Outputs })) {
                $w.WriteStartElement('command', $kind.Element, $cmd)
                foreach ($entry in $kind.Entries) {
                    $w.WriteStartElement('command', $kind.Item, $cmd)
                    $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $entry.Type); $w.WriteEndElement()
                    $w.WriteStartElement('maml', 'description', $maml); Write-Paragraphs $w $entry.Text; $w.WriteEndElement()
                    $w.WriteEndElement()
                }
                $w.WriteEndElement()
            }

            if ($doc.Sections['NOTES']) {
                $w.WriteStartElement('maml', 'alertSet', $maml); $w.WriteStartElement('maml', 'alert', $maml)
                Write-Paragraphs $w $doc.Sections['NOTES']
                $w.WriteEndElement(); $w.WriteEndElement()
            }

            $w.WriteStartElement('command', 'examples', $cmd)
            foreach ($example in $doc.Examples) {
                $parts = Split-Example $example.Body
                $w.WriteStartElement('command', 'example', $cmd)
                $w.WriteElementString('maml', 'title', $maml, "-------- $($example.Title) --------")
                $w.WriteElementString('dev', 'code', $dev, $parts.Code)
                $w.WriteStartElement('dev', 'remarks', $dev); Write-Paragraphs $w $parts.Remarks; $w.WriteEndElement()
                $w.WriteEndElement()
            }
            $w.WriteEndElement()

            $w.WriteStartElement('command', 'relatedLinks', $cmd)
            foreach ($link in ($doc.Sections['RELATED LINKS'] -split '\n' | Where-Object { $_.Trim() })) {
                $w.WriteStartElement('maml', 'navigationLink', $maml)
                $w.WriteElementString('maml', 'linkText', $maml, $link.Trim())
                $w.WriteElementString('maml', 'uri', $maml, '')
                $w.WriteEndElement()
            }
            $w.WriteEndElement()
            $w.WriteEndElement() # command
        }
        $w.WriteEndElement() # helpItems
    }
    finally { $w.Dispose() }
}

function Get-HelpExample([string] $SourceFolder) {
    # Every example's code, for the test that runs them all as written.
    foreach ($file in Get-ChildItem $SourceFolder -Filter '*-*.md') {
        $doc = Read-HelpMarkdown $file.FullName
        foreach ($example in $doc.Examples) {
            $parts = Split-Example $example.Body
            [pscustomobject]@{ Command = $doc.Name; Title = $example.Title; Code = $parts.Code; Expect = $parts.Expect }
        }
    }
}

function Format-FailureId([switch] $Chinese) {
    # The ids a failed row carries, from the table the engine and its test read (TelecomVerify.Errors.FailureIds).
    $billed = if ($Chinese) { @{ No = '不计费'; Possibly = '可能已计费'; ByCode = '见该错误码' } } else { @{ No = 'not billed'; Possibly = 'possibly billed'; ByCode = 'see the code' } }
    $todo = if ($Chinese) { '怎么办：' } else { 'What to do: ' }
    $lines = foreach ($f in [TelecomVerify.Errors.FailureIds]::All) {
        $note = $billed["$($f.Billed)"]
        if ($Chinese) { "    $($f.Id)（$note）" } else { "    $($f.Id) ($note)" }
        "        $($f.Meaning)"
        "        $todo$($f.Action)"
    }
    $lines -join "`n"
}

function New-AboutTopic([string] $Source, [string] $OutputFile, [switch] $Chinese) {
    # The tables come from the module's own data, the one place the code and tests read too; under
    # -Chinese their headers and words are Chinese and the sandbox's notes come from the zh-CN resources.
    $indent = { param($text) (($text -split "`r?`n" | Where-Object { $_.Trim() }) | ForEach-Object { '    ' + $_.TrimEnd() }) -join "`n" }
    $savedCulture = [cultureinfo]::CurrentUICulture
    if ($Chinese) { [cultureinfo]::CurrentUICulture = 'zh-CN' }
    try {
        $yes = if ($Chinese) { '是' } else { 'yes' }
        $h = if ($Chinese) { @{ Code = '错误码'; Kind = '类型'; Retried = '重试'; Stops = '停止运行'; Status = '结果状态'; Text = '说明'; RealName = '姓名'; IdCard = '身份证号'; Mobile = '手机号'; Note = '说明' } }
             else { @{ Code = 'Code'; Kind = 'Kind'; Retried = 'Retried'; Stops = 'Stops'; Status = 'Status'; Text = 'Text'; RealName = 'RealName'; IdCard = 'IdCard'; Mobile = 'Mobile'; Note = 'Note' } }
        $kind = { param($k) if (-not $Chinese) { "$k" } elseif ("$k" -eq 'System') { '系统级' } else { '服务级' } }
        $codes = Get-JuheErrorCode | Select-Object @{ n = $h.Code; e = { $_.Code } }, @{ n = $h.Kind; e = { & $kind $_.Kind } },
            @{ n = $h.Retried; e = { if ($_.IsRetried) { $yes } else { '' } } },
            @{ n = $h.Stops; e = { if ($_.StopsRun) { $yes } else { '' } } },
            @{ n = $h.Status; e = { $_.Status } }, @{ n = $h.Text; e = { if ($Chinese) { $_.ProviderText } else { $_.Description } } }
        $people = [TelecomVerify.Sandbox.SandboxData]::Identities | Select-Object @{ n = $h.RealName; e = { $_.RealName } }, @{ n = $h.IdCard; e = { $_.IdCard } },
            @{ n = $h.Mobile; e = { $_.Mobile } }, @{ n = $h.Note; e = { $_.Note } }
        $triggers = [TelecomVerify.Sandbox.SandboxData]::Triggers | Select-Object @{ n = $h.Mobile; e = { $_.Mobile } }, @{ n = $h.Note; e = { $_.Note } }
        $text = (Get-Content -Raw -Encoding utf8 $Source).
            Replace('{{ERROR_CODES}}', (& $indent ($codes | Format-Table -AutoSize | Out-String -Width 200))).
            Replace('{{SANDBOX_IDENTITIES}}', (& $indent ($people | Format-Table -AutoSize | Out-String -Width 200))).
            Replace('{{SANDBOX_TRIGGERS}}', (& $indent ($triggers | Format-Table -AutoSize | Out-String -Width 200))).
            Replace('{{FAILURE_IDS}}', (Format-FailureId -Chinese:$Chinese))
        $text = Expand-CodeList $text -Chinese:$Chinese
    }
    finally { [cultureinfo]::CurrentUICulture = $savedCulture }
    # With its BOM: Windows PowerShell 5.1 reads a help .txt without one in the ANSI code page.
    Set-Content -Path $OutputFile -Value $text -Encoding utf8BOM
}

function Build-ModuleHelp([string] $HelpRoot, [string] $ModulePath) {
    Import-Module $ModulePath -Force
    foreach ($culture in Get-ChildItem $HelpRoot -Directory) {
        $target = Join-Path $ModulePath $culture.Name
        $null = New-Item -ItemType Directory -Force $target
        if (Get-ChildItem $culture.FullName -Filter '*-*.md') {
            New-MamlHelp -SourceFolder $culture.FullName -ModuleName TelecomVerify -OutputFile (Join-Path $target 'TelecomVerify.dll-Help.xml')
        }
        foreach ($about in Get-ChildItem $culture.FullName -Filter 'about_*.help.txt') {
            New-AboutTopic -Source $about.FullName -OutputFile (Join-Path $target $about.Name) -Chinese:($culture.Name -like 'zh*')
        }
    }
}
