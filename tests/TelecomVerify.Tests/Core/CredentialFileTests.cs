using System;
using System.IO;
using System.Linq;
using TelecomVerify.Credentials;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes; DPAPI is the Windows path
    public class CredentialFileTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "tv-cred-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, true);
        }

        private CredentialFile File() => CredentialFile.ForCurrentUser(name => name == "XDG_CONFIG_HOME" ? _root : null);

        private static readonly JuheCredential Sample = new JuheCredential
        {
            ApiKey = "k-0123456789abcdef0123",
            OpenId = "demo-openid-0001",
            BaseUri = new Uri("http://127.0.0.1:9/"),
        };

        [Fact]
        public void Lives_under_the_xdg_config_directory_else_home_config()
        {
            Assert.Equal(Path.Combine(_root, "TelecomVerify", "credential.json"), File().Path);
            var home = CredentialFile.ForCurrentUser(name => name == "HOME" ? "/home/someone" : null);
            Assert.Equal("/home/someone/.config/TelecomVerify/credential.json", home.Path);
        }

        [Fact]
        public void Saves_owner_only_and_reads_back()
        {
            var file = File();
            file.Save(Sample);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(file.Path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, System.IO.File.GetUnixFileMode(Path.GetDirectoryName(file.Path)));
            var back = file.Load();
            Assert.Equal((Sample.ApiKey, Sample.OpenId, Sample.BaseUri), (back.ApiKey, back.OpenId, back.BaseUri));
        }

        [Fact]
        public void Saving_again_replaces_the_file_whole_and_leaves_no_temporary_file()
        {
            var file = File();
            file.Save(Sample);
            file.Save(new JuheCredential { ApiKey = "second-key-0000000000" });
            Assert.Equal("second-key-0000000000", file.Load().ApiKey);
            Assert.Null(file.Load().OpenId);
            Assert.Equal(new[] { "credential.json" }, Directory.GetFiles(Path.GetDirectoryName(file.Path)).Select(Path.GetFileName));
        }

        [Fact]
        public void A_folder_others_can_enter_is_narrowed_to_owner_only()
        {
            var dir = Path.Combine(_root, "TelecomVerify");
            Directory.CreateDirectory(dir);
            System.IO.File.SetUnixFileMode(dir, (UnixFileMode)0x1ED); // 0755
            File().Save(Sample);
            Assert.Equal((UnixFileMode)0x1C0, System.IO.File.GetUnixFileMode(dir));
        }

        [Fact]
        public void A_file_others_can_read_is_refused_with_the_fix()
        {
            var file = File();
            file.Save(Sample);
            System.IO.File.SetUnixFileMode(file.Path, (UnixFileMode)0x1A4); // 0644
            var ex = Assert.Throws<CredentialFileException>(() => file.Load());
            Assert.Contains("chmod 600", ex.Message);
            Assert.Contains("0644", ex.Message);
            Assert.DoesNotContain(Sample.ApiKey, ex.Message);
        }

        [Fact]
        public void A_damaged_file_says_so_without_quoting_it()
        {
            var file = File();
            file.Save(Sample);
            System.IO.File.WriteAllText(file.Path, "{\"apiKey\":\"" + Sample.ApiKey + "\"");
            var ex = Assert.Throws<CredentialFileException>(() => file.Load());
            Assert.DoesNotContain(Sample.ApiKey, ex.Message);
        }

        [Fact]
        public void Precedence_is_parameter_session_environment_then_saved_and_the_file_is_read_only_when_needed()
        {
            int reads = 0;
            JuheCredential Saved() { reads++; return new JuheCredential { ApiKey = "saved", OpenId = "saved-openid", BaseUri = new Uri("https://saved.example/") }; }

            var all = CredentialResolver.Resolve(new JuheCredential { ApiKey = "param" }, new JuheCredential { ApiKey = "session", OpenId = "session-openid" },
                new JuheCredential { ApiKey = "env", BaseUri = new Uri("https://env.example/") }, Saved);
            Assert.Equal(("param", CredentialSource.Parameter), (all.ApiKeyValue, all.ApiKeyFrom));
            Assert.Equal(CredentialSource.Session, all.OpenIdFrom);
            // The environment's base URI is below the parameter's key: the key goes to the provider.
            Assert.Equal(CredentialSource.Default, all.BaseUriFrom);
            Assert.Equal(0, reads);

            var fromFile = CredentialResolver.Resolve(null, null, new JuheCredential { ApiKey = "env" }, Saved);
            Assert.Equal(CredentialSource.Environment, fromFile.ApiKeyFrom);
            Assert.Equal(CredentialSource.SavedFile, fromFile.OpenIdFrom);
            Assert.Equal(1, reads);
            // The key from the environment never goes where a lower source (the file) points.
            Assert.Equal((Protocol.JuheEndpoint.DefaultBaseUri, CredentialSource.Default), (fromFile.BaseUri, fromFile.BaseUriFrom));

            var sameSource = CredentialResolver.Resolve(null, null, null, Saved);
            Assert.Equal((new Uri("https://saved.example/"), CredentialSource.SavedFile), (sameSource.BaseUri, sameSource.BaseUriFrom));
        }

        [Theory]
        [InlineData("")]
        [InlineData("relative/home")]
        public void An_empty_or_relative_home_never_puts_the_saved_file_in_the_working_folder(string home)
        {
            var file = CredentialFile.ForCurrentUser(name => name == "HOME" ? home : null);
            Assert.True(Path.IsPathRooted(file.Path), file.Path);
            Assert.DoesNotContain("relative", file.Path);
        }

        [Fact]
        public void A_base_uri_passed_over_for_the_keys_source_is_said_aloud()
        {
            // A runbook: the key from the session, JUHE_BASE_URI set. The rule stands; the user hears of it.
            var resolved = CredentialResolver.Resolve(null, new JuheCredential { ApiKey = "session" }, new JuheCredential { BaseUri = new Uri("http://127.0.0.1:8080/") });
            Assert.Equal(Protocol.JuheEndpoint.DefaultBaseUri, resolved.BaseUri);
            var note = Assert.Single(resolved.Notes);
            Assert.Contains("the environment", note);
            Assert.Contains("the session", note);
            Assert.Contains("http://127.0.0.1:8080", note);
        }

        [Fact]
        public void A_saved_file_that_cannot_be_used_does_not_stop_a_run_whose_key_comes_from_elsewhere()
        {
            JuheCredential Broken() => throw new CredentialFileException("mode 0644");
            var resolved = CredentialResolver.Resolve(null, null, new JuheCredential { ApiKey = "env-key", BaseUri = new Uri("https://provider.invalid/") }, Broken);
            Assert.Equal(("env-key", CredentialSource.Environment), (resolved.ApiKeyValue, resolved.ApiKeyFrom));
            Assert.Contains("mode 0644", Assert.Single(resolved.Notes));
            // Without a key from elsewhere, the saved file is the key's only source: its problem stops the run.
            Assert.Throws<CredentialFileException>(() => CredentialResolver.Resolve(null, null, null, Broken));
        }

        [Fact]
        public void A_planted_file_with_only_a_base_uri_does_not_steer_a_key_from_the_environment()
        {
            var planted = new JuheCredential { BaseUri = new Uri("http://planted.example/"), AllowUnencryptedAuthentication = true };
            var resolved = CredentialResolver.Resolve(null, null, new JuheCredential { ApiKey = "env-key" }, () => planted);
            Assert.Equal(Protocol.JuheEndpoint.DefaultBaseUri, resolved.BaseUri);
            Assert.False(resolved.AllowUnencryptedAuthentication);
        }

        [Fact]
        public void A_file_far_larger_than_a_credential_is_not_read()
        {
            var file = File();
            file.Save(Sample);
            using (var stream = System.IO.File.OpenWrite(file.Path)) stream.SetLength(200 * 1024 * 1024);
            var ex = Assert.Throws<CredentialFileException>(() => file.Load());
            Assert.Contains("larger than", ex.Message);
        }

        [Fact]
        public void A_folder_others_can_write_is_refused_since_anyone_could_plant_a_file()
        {
            if (OperatingSystem.IsWindows()) return;
            var file = File();
            file.Save(Sample);
            System.IO.File.SetUnixFileMode(Path.GetDirectoryName(file.Path), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
            var ex = Assert.Throws<CredentialFileException>(() => file.Load());
            Assert.Contains("chmod 700", ex.Message);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void A_file_or_folder_another_user_owns_is_refused_whatever_its_mode(bool folder)
        {
            var file = File();
            file.Save(Sample);
            string planted = folder ? Path.GetDirectoryName(file.Path) : file.Path;
            long me = FileOwnership.CurrentUserId().Value;
            // 54321: an owner with no user name (a container mount, a restored archive) is another user all the same.
            file.Ownership = new FileOwnership { UserIdOf = path => path == planted ? 54321 : me };
            var ex = Assert.Throws<CredentialFileException>(() => file.Load());
            Assert.Contains(planted + " belongs to user id 54321, not to you (user id " + me + ")", ex.Message);
            Assert.DoesNotContain(Sample.ApiKey, ex.Message);

            file.Ownership = new FileOwnership { UserIdOf = path => me };
            Assert.Equal(Sample.ApiKey, file.Load().ApiKey);
        }

        [Fact]
        public void A_saved_credential_that_is_a_link_is_refused()
        {
            if (OperatingSystem.IsWindows()) return; // the rule is the same; links are made differently there
            var file = File();
            file.Save(Sample);
            // Another user's 0600 file behind a link: the mode read through the link would pass.
            string target = file.Path + ".elsewhere";
            System.IO.File.Move(file.Path, target);
            System.IO.File.CreateSymbolicLink(file.Path, target);
            var ex = Assert.Throws<CredentialFileException>(() => file.Load());
            Assert.Contains("symbolic link", ex.Message);
            Assert.DoesNotContain(Sample.ApiKey, ex.Message);
        }
    }
}
