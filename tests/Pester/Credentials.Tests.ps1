#Requires -Version 7.0
# Set-, Get- and Remove-JuheCredential: sources, precedence, the saved file and who may own it.
# Pester 5, against the built module (out/TelecomVerify); every request goes to the module's own sandbox on 127.0.0.1.

BeforeAll { . (Join-Path $PSScriptRoot 'TestSession.ps1') }

AfterAll { Exit-TestSession }

Describe 'Credentials' {
    AfterEach {
        Remove-JuheCredential
        Remove-JuheCredential -Scope CurrentUser
        $env:JUHE_API_KEY = $null
        $env:JUHE_BASE_URI = $null
    }

    It 'takes the parameter over the session, the session over the environment' {
        $env:JUHE_API_KEY = 'environment-key-000000'
        $env:JUHE_BASE_URI = $Uri.AbsoluteUri
        (Get-JuheCredential).Source | Should -Be 'Environment'
        Set-JuheCredential -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -BaseUri $Uri
        (Get-JuheCredential).Source | Should -Be 'Session'
        (Test-TelecomIdentity 李雷 44030619851212123X 18900001234).Status | Should -Be 'Match'
        { Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -ApiKey 'a-wrong-key' -BaseUri $Uri } | Should -Throw -ErrorId 'Juhe10001,*'
    }

    It 'never pairs a key with a base URI from a lower source (a planted saved file cannot steer the environment''s key)' {
        $env:JUHE_API_KEY = 'environment-key-000000'
        Set-JuheCredential -BaseUri $Uri -Scope CurrentUser -WarningAction SilentlyContinue
        $resolved = Get-JuheCredential
        $resolved.Source | Should -Be 'Environment'
        $resolved.BaseUri | Should -Be ([TelecomVerify.Protocol.JuheEndpoint]::DefaultBaseUri)   # the saved file's URI is below the key's source
    }

    It 'changes only what it is given, and never takes the key by position' {
        Set-JuheCredential -ApiKey $Key -BaseUri $Uri
        Set-JuheCredential -OpenId $Sandbox.OpenId
        $c = Get-JuheCredential
        ($c.HasOpenId, $c.BaseUri, $c.ApiKey) | Should -Be $true, $Uri, ('********' + $Key.Substring($Key.Length - 4))
        Set-JuheCredential -ApiKey $Key
        (Get-JuheCredential).BaseUri | Should -Be $Uri                   # a custom base URI survives a new key
        { Set-JuheCredential $Key } | Should -Throw -ErrorId 'PositionalParameterNotFound,*'
        { Set-JuheCredential } | Should -Throw -ErrorId 'NothingToSet,*'
    }

    It 'shows the key masked and never whole' {
        Set-JuheCredential -ApiKey $Key -BaseUri $Uri
        $c = Get-JuheCredential
        $c.ApiKey | Should -Be ('********' + $Key.Substring($Key.Length - 4))
        $c.HasOpenId | Should -BeFalse
        ($c | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($Key))
    }

    It 'reads the key from JUHE_API_KEY for a runbook' {
        $env:JUHE_API_KEY = $Key
        $env:JUHE_BASE_URI = $Uri.AbsoluteUri
        (Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -Quiet) | Should -BeTrue
    }

    It 'saves for the current user in an owner-only file, uses it, and refuses it once others can read it' -Tag 'Unix' {
        Set-JuheCredential -ApiKey $Key -OpenId $Sandbox.OpenId -BaseUri $Uri -Scope CurrentUser
        $file = Join-Path $ConfigHome 'TelecomVerify/credential.json'
        (Get-Item $file).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        (Get-Item (Split-Path $file)).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
        $c = Get-JuheCredential
        $c.Source | Should -Be 'SavedFile'
        $c.SavedFile | Should -Be $file
        (Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -Encrypt).Status | Should -Be 'Match'

        chmod 644 $file
        { Test-TelecomIdentity 李雷 44030619851212123X 18900001234 } | Should -Throw -ErrorId 'CredentialFileUnusable,*' -ExpectedMessage '*chmod 600*'
        chmod 600 $file

        Remove-JuheCredential -Scope CurrentUser -WhatIf
        Test-Path $file | Should -BeTrue
        Remove-JuheCredential -Scope CurrentUser
        Test-Path $file | Should -BeFalse
        (Get-JuheCredential).Source | Should -Be 'None'
        (Get-JuheCredential).SavedFile | Should -BeNullOrEmpty -Because 'no file is saved any more'

        # Deleted by hand rather than by Remove-JuheCredential: the same.
        Set-JuheCredential -ApiKey $Key -BaseUri $Uri -Scope CurrentUser
        Remove-Item $file
        Remove-JuheCredential -Scope Session
        $c = Get-JuheCredential
        "$($c.Source)/$($c.SavedFile)" | Should -Be 'None/'
    }

    It 'refuses a saved credential whose file or folder another user owns, as ssh does' -Tag 'Unix' -ForEach @(
        @{ Planted = 'file' }
        @{ Planted = 'folder' }
    ) {
        # Giving a file away takes root; the runs of this suite (CI included) are root.
        if ((id -u) -ne '0') { Set-ItResult -Skipped -Because 'chown to another user needs root'; return }
        Set-JuheCredential -ApiKey $Key -BaseUri $Uri -Scope CurrentUser
        $file = Join-Path $ConfigHome 'TelecomVerify/credential.json'
        $target = if ($Planted -eq 'file') { $file } else { Split-Path $file }
        chown nobody $target
        $before = $Sandbox.RequestCount
        try {
            $err = { Test-TelecomIdentity 李雷 44030619851212123X 18900001234 } | Should -Throw -ErrorId 'CredentialFileUnusable,*' -PassThru
            $err.Exception.Message | Should -BeLike "$target belongs to user id $(id -u nobody), not to you (user id $(id -u))*chown*"
            $Sandbox.RequestCount | Should -Be $before
        }
        finally { chown ([Environment]::UserName) $target }
        (Get-JuheCredential).Source | Should -Be 'SavedFile'
    }

    It 'refuses a saved credential owned by a uid with no user name, and sends nothing to the base URI planted in it' -Tag 'Unix' {
        if ((id -u) -ne '0') { Set-ItResult -Skipped -Because 'chown to another uid needs root'; return }
        Set-JuheCredential -ApiKey $Key -BaseUri $Uri -Scope CurrentUser
        $file = Join-Path $ConfigHome 'TelecomVerify/credential.json'
        $folder = Split-Path $file
        chown 54321 $file
        chown 54321 $folder
        $before = $Sandbox.RequestCount
        try {
            { Test-TelecomIdentity 李雷 44030619851212123X 18900001234 } | Should -Throw -ErrorId 'CredentialFileUnusable,*'
            $Sandbox.RequestCount | Should -Be $before
        }
        finally { chown ([Environment]::UserName) $file; chown ([Environment]::UserName) $folder }
    }

    It 'takes a PSCredential: the password is the key, the user name the OpenID' {
        $asset = [pscredential]::new($Sandbox.OpenId, (ConvertTo-SecureString $Key -AsPlainText -Force))
        Set-JuheCredential -Credential $asset -BaseUri $Uri
        (Get-JuheCredential).HasOpenId | Should -BeTrue
        (Test-TelecomIdentity 李雷 44030619851212123X 18900001234 -Encrypt).Status | Should -Be 'Match'
        Set-JuheCredential -Credential ([pscredential]::new('-', (ConvertTo-SecureString $Key -AsPlainText -Force))) -BaseUri $Uri
        (Get-JuheCredential).HasOpenId | Should -BeFalse
    }
}
