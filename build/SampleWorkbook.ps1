# Writes .xlsx workbooks as Excel does (shared strings, one part per worksheet), with no Excel and no
# library: the build makes samples/staff.xlsx with it, and the tests and the benchmark their
# workbooks (an ID stored as a number, several worksheets, 200 000 rows).

function ConvertTo-CellReference([int] $Column, [int] $Row) {
    $name = ''
    for ($n = $Column + 1; $n -gt 0; $n = [math]::Floor(($n - 1) / 26)) { $name = [char](65 + (($n - 1) % 26)) + $name }
    return "$name$Row"
}

function New-SampleWorkbook {
    <#
    .SYNOPSIS
        Writes a workbook. Each sheet is @{ Name = '员工'; Rows = <string[] per row, the header first>; Numbers = <column indexes stored as number cells> }.
    #>
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [object[]] $Sheets)
    $ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
    $rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
    $strings = [Collections.Generic.Dictionary[string, int]]::new()
    $order = [Collections.Generic.List[string]]::new()
    $escape = { param($s) [Security.SecurityElement]::Escape($s) }

    if (Test-Path $Path) { Remove-Item $Path }
    $zip = [IO.Compression.ZipFile]::Open($Path, 'Create')
    try {
        $write = {
            param($name, $text)
            $entry = $zip.CreateEntry($name)
            $w = [IO.StreamWriter]::new($entry.Open(), [Text.UTF8Encoding]::new($false))
            try { $w.Write($text) } finally { $w.Dispose() }
        }
        $sheetNumber = 0
        foreach ($sheet in $Sheets) {
            $sheetNumber++
            $numbers = @($sheet['Numbers'] | Where-Object { $null -ne $_ })
            $entry = $zip.CreateEntry("xl/worksheets/sheet$sheetNumber.xml")
            $w = [IO.StreamWriter]::new($entry.Open(), [Text.UTF8Encoding]::new($false))
            try {
                $w.Write("<?xml version=`"1.0`" encoding=`"UTF-8`" standalone=`"yes`"?><worksheet xmlns=`"$ns`"><sheetData>")
                $r = 0
                foreach ($row in $sheet.Rows) {
                    $r++
                    $w.Write("<row r=`"$r`">")
                    for ($c = 0; $c -lt $row.Count; $c++) {
                        $value = [string] $row[$c]
                        if ($value -eq '') { continue }
                        $ref = ConvertTo-CellReference $c $r
                        if ($r -gt 1 -and $c -in $numbers) {
                            # As Excel keeps a number: a double, 15 significant digits.
                            $w.Write("<c r=`"$ref`"><v>$(([double] $value).ToString('R', [cultureinfo]::InvariantCulture))</v></c>")
                            continue
                        }
                        $index = 0
                        if (-not $strings.TryGetValue($value, [ref] $index)) { $index = $order.Count; $strings[$value] = $index; $order.Add($value) }
                        $w.Write("<c r=`"$ref`" t=`"s`"><v>$index</v></c>")
                    }
                    $w.Write('</row>')
                }
                $w.Write('</sheetData></worksheet>')
            }
            finally { $w.Dispose() }
        }

        $shared = [Text.StringBuilder]::new("<?xml version=`"1.0`" encoding=`"UTF-8`" standalone=`"yes`"?><sst xmlns=`"$ns`" count=`"$($order.Count)`" uniqueCount=`"$($order.Count)`">")
        foreach ($s in $order) { $null = $shared.Append('<si><t xml:space="preserve">').Append((& $escape $s)).Append('</t></si>') }
        & $write 'xl/sharedStrings.xml' ($shared.Append('</sst>').ToString())

        $sheetList = ''; $sheetRels = ''; $overrides = ''
        for ($i = 1; $i -le $Sheets.Count; $i++) {
            $sheetList += "<sheet name=`"$(& $escape $Sheets[$i - 1].Name)`" sheetId=`"$i`" r:id=`"rId$i`"/>"
            $sheetRels += "<Relationship Id=`"rId$i`" Type=`"$rel/worksheet`" Target=`"worksheets/sheet$i.xml`"/>"
            $overrides += "<Override PartName=`"/xl/worksheets/sheet$i.xml`" ContentType=`"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml`"/>"
        }
        $n = $Sheets.Count
        & $write 'xl/workbook.xml' "<?xml version=`"1.0`" encoding=`"UTF-8`" standalone=`"yes`"?><workbook xmlns=`"$ns`" xmlns:r=`"$rel`"><sheets>$sheetList</sheets></workbook>"
        & $write 'xl/_rels/workbook.xml.rels' ("<?xml version=`"1.0`" encoding=`"UTF-8`" standalone=`"yes`"?><Relationships xmlns=`"http://schemas.openxmlformats.org/package/2006/relationships`">$sheetRels" +
            "<Relationship Id=`"rId$($n + 1)`" Type=`"$rel/sharedStrings`" Target=`"sharedStrings.xml`"/><Relationship Id=`"rId$($n + 2)`" Type=`"$rel/styles`" Target=`"styles.xml`"/></Relationships>")
        & $write 'xl/styles.xml' "<?xml version=`"1.0`" encoding=`"UTF-8`" standalone=`"yes`"?><styleSheet xmlns=`"$ns`"><fonts count=`"1`"><font/></fonts><fills count=`"1`"><fill/></fills><borders count=`"1`"><border/></borders><cellStyleXfs count=`"1`"><xf/></cellStyleXfs><cellXfs count=`"1`"><xf numFmtId=`"0`"/></cellXfs></styleSheet>"
        & $write '_rels/.rels' "<?xml version=`"1.0`" encoding=`"UTF-8`" standalone=`"yes`"?><Relationships xmlns=`"http://schemas.openxmlformats.org/package/2006/relationships`"><Relationship Id=`"rId1`" Type=`"$rel/officeDocument`" Target=`"xl/workbook.xml`"/></Relationships>"
        & $write '[Content_Types].xml' ("<?xml version=`"1.0`" encoding=`"UTF-8`" standalone=`"yes`"?><Types xmlns=`"http://schemas.openxmlformats.org/package/2006/content-types`">" +
            "<Default Extension=`"rels`" ContentType=`"application/vnd.openxmlformats-package.relationships+xml`"/><Default Extension=`"xml`" ContentType=`"application/xml`"/>" +
            "<Override PartName=`"/xl/workbook.xml`" ContentType=`"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml`"/>$overrides" +
            "<Override PartName=`"/xl/sharedStrings.xml`" ContentType=`"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml`"/>" +
            "<Override PartName=`"/xl/styles.xml`" ContentType=`"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml`"/></Types>")
    }
    finally { $zip.Dispose() }
}

function ConvertTo-SheetRows([object[]] $Objects) {
    # Import-Csv rows (or any objects) as a sheet's rows: the property names, then each object's values.
    $names = @($Objects[0].psobject.Properties.Name)
    , [string[]] $names
    foreach ($o in $Objects) { , [string[]] @(foreach ($n in $names) { $o.$n }) }
}
