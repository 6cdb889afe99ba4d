# The session every Pester file of the module's tests starts from: the built module, a sandbox, and
# the environment cleared of credentials, with saved ones going to a folder of the tests' own (never
# the real home). Dot-sourced by each file's BeforeAll; Exit-TestSession in its AfterAll undoes it.

$ModulePath = Join-Path $PSScriptRoot '../../out/TelecomVerify'
Import-Module $ModulePath -Force
$Sample = Join-Path $ModulePath 'samples/staff.csv'
$SavedEnv = @{}
foreach ($name in 'JUHE_API_KEY', 'JUHE_OPENID', 'JUHE_BASE_URI', 'XDG_CONFIG_HOME') {
    $SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
    [Environment]::SetEnvironmentVariable($name, $null)
}
$ConfigHome = Join-Path ([IO.Path]::GetTempPath()) ("tv-pester-" + [guid]::NewGuid().ToString('N'))
$env:XDG_CONFIG_HOME = $ConfigHome
$Sandbox = Start-JuheSandbox
$Key = $Sandbox.ApiKey
$Uri = $Sandbox.BaseUri

function Exit-TestSession {
    Stop-JuheSandbox
    Remove-JuheCredential
    Remove-Item -Recurse -Force $ConfigHome -ErrorAction SilentlyContinue
    foreach ($name in $SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $SavedEnv[$name]) }
    Remove-Module TelecomVerify -ErrorAction SilentlyContinue
}
