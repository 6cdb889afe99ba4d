using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using TelecomVerify.Protocol;
using TelecomVerify.Resources;

namespace TelecomVerify.Credentials
{
    /// <summary>
    /// The CurrentUser credential: one small JSON file in a per-user folder, owner-only on Unix
    /// (XDG config directory) and DPAPI-protected on Windows (application data). A file others can
    /// read is refused, as ssh refuses a private key others can read.
    /// </summary>
    internal sealed class CredentialFile
    {
        public const string FileName = "credential.json";
        private const int MaxBytes = 64 * 1024;

        public CredentialFile(string path) => Path = path ?? throw new ArgumentNullException(nameof(path));

        public string Path { get; }

        /// <summary>
        /// Who owns a file or folder, by uid (<see cref="FileOwnership"/>): an owner with no user name
        /// (a container mount, a restored archive, a deleted account) is another user all the same.
        /// Without it (another caller, Windows) ownership is not checked.
        /// </summary>
        public FileOwnership Ownership { get; set; }

        /// <summary>$XDG_CONFIG_HOME/TelecomVerify (else ~/.config/TelecomVerify) on Unix; %APPDATA%\TelecomVerify on Windows.</summary>
        public static CredentialFile ForCurrentUser(Func<string, string> environment = null)
        {
            environment = environment ?? Environment.GetEnvironmentVariable;
            string root;
            if (PrivateFiles.IsWindows) root = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
            else
            {
                string xdg = environment("XDG_CONFIG_HOME"), home = environment("HOME");
                // An empty or relative HOME (a scheduler's bare environment) would put the key in the working folder.
                if (string.IsNullOrEmpty(home) || !System.IO.Path.IsPathRooted(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                if (!string.IsNullOrEmpty(xdg) && System.IO.Path.IsPathRooted(xdg)) root = xdg;
                else if (!string.IsNullOrEmpty(home) && System.IO.Path.IsPathRooted(home)) root = System.IO.Path.Combine(home, ".config");
                else throw new CredentialFileException(Messages.Credential_NoHome);
            }
            return new CredentialFile(System.IO.Path.Combine(root, "TelecomVerify", FileName));
        }

        private void RefuseNotOwned(string path)
        {
            var owner = Ownership?.ForeignOwner(path);
            if (owner.HasValue) throw new CredentialFileException(Text.Format(Messages.Credential_NotOwned, path, owner.Value, FileOwnership.CurrentUserId()));
        }

        /// <summary>True on Windows (DPAPI); elsewhere owner-only permissions are the only protection.</summary>
        public static bool Encrypts => SecretProtector.Scheme == SecretProtector.Dpapi;

        public void Save(JuheCredential credential)
        {
            string scheme = SecretProtector.Scheme;
            var json = new StringBuilder("{\"format\":1,\"protection\":").Append(Quote(scheme))
                .Append(",\"apiKey\":").Append(Quote(SecretProtector.Protect(scheme, credential.ApiKey)))
                .Append(",\"openId\":").Append(Quote(SecretProtector.Protect(scheme, credential.OpenId)))
                .Append(",\"baseUri\":").Append(Quote(credential.BaseUri?.AbsoluteUri))
                .Append(",\"allowUnencryptedAuthentication\":").Append(credential.AllowUnencryptedAuthentication ? "true" : "false")
                .Append('}');
            PrivateFiles.EnsurePrivateDirectory(System.IO.Path.GetDirectoryName(Path));
            PrivateFiles.WriteAtomically(Path, new UTF8Encoding(false).GetBytes(json.ToString()));
        }

        /// <summary>Null when there is no saved credential.</summary>
        public JuheCredential Load()
        {
            // A link could point at another user's 0600 file, whose mode would then pass for this one's.
            if (FileOwnership.IsLink(Path)) throw new CredentialFileException(Text.Format(Messages.Credential_Link, Path));
            if (!File.Exists(Path)) return null;
            // A credential is a few hundred bytes; anything far larger is not ours, and is not read whole.
            if (new FileInfo(Path).Length > MaxBytes)
                throw new CredentialFileException(Text.Format(Messages.Credential_TooLarge, Path, MaxBytes));
            int? dirMode = PrivateFiles.GetModeOrNull(System.IO.Path.GetDirectoryName(Path));
            if (dirMode.HasValue && PrivateFiles.IsWritableByOthers(dirMode.Value))
                throw new CredentialFileException(Text.Format(Messages.Credential_FolderOpen, System.IO.Path.GetDirectoryName(Path), PrivateFiles.Octal(dirMode.Value)));
            // As ssh does: a file or folder another user owns could have been planted, whatever its mode.
            RefuseNotOwned(System.IO.Path.GetDirectoryName(Path));
            RefuseNotOwned(Path);
            int? mode = PrivateFiles.GetModeOrNull(Path);
            if (mode.HasValue && PrivateFiles.IsReadableByOthers(mode.Value))
                throw new CredentialFileException(Text.Format(Messages.Credential_FileOpen, Path, PrivateFiles.Octal(mode.Value)));
            string openTo = PrivateFiles.WindowsOpenTo(Path);
            if (openTo != null) throw new CredentialFileException(Text.Format(Messages.Credential_AclOpen, Path, openTo));
            try
            {
                var map = StrictJsonReader.Parse(File.ReadAllText(Path, Encoding.UTF8)) as Dictionary<string, object>
                    ?? throw new FormatException("not a JSON object");
                string scheme = TextOf(map, "protection") ?? SecretProtector.None;
                string uri = TextOf(map, "baseUri");
                return new JuheCredential
                {
                    ApiKey = SecretProtector.Unprotect(scheme, TextOf(map, "apiKey")),
                    OpenId = SecretProtector.Unprotect(scheme, TextOf(map, "openId")),
                    BaseUri = string.IsNullOrEmpty(uri) ? null : CredentialResolver.ParseBaseUri(uri, Messages.Credential_SavedBaseUri),
                    AllowUnencryptedAuthentication = map.TryGetValue("allowUnencryptedAuthentication", out var allow) && allow is bool b && b,
                };
            }
            catch (Exception ex) when (ex is FormatException || ex is ArgumentException || ex is System.Security.Cryptography.CryptographicException)
            {
                // Not ex.Message alone: it could quote the file's text.
                throw new CredentialFileException(Text.Format(Messages.Credential_Unreadable, Path, ex.GetType().Name), ex);
            }
        }

        public bool Delete()
        {
            if (!File.Exists(Path)) return false;
            File.Delete(Path);
            return true;
        }

        private static string TextOf(Dictionary<string, object> map, string name) => map.TryGetValue(name, out var v) ? v as string : null;

        private static string Quote(string s) => JsonText.Quote(s);
    }
}
