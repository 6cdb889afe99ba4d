using System;
using System.Reflection;
using System.Text;
using TelecomVerify.Resources;

namespace TelecomVerify.Credentials
{
    /// <summary>
    /// How saved secrets are kept: DPAPI for the current user on Windows; on Linux and macOS the
    /// file's owner-only permissions are the protection (as with ssh keys), and the text is plain.
    /// DPAPI is reached by reflection: Windows PowerShell has it in System.Security, PowerShell 7
    /// ships System.Security.Cryptography.ProtectedData, and a netstandard2.0 module should not
    /// ship a second copy.
    /// </summary>
    internal static class SecretProtector
    {
        public const string None = "none";
        public const string Dpapi = "dpapi";

        public static string Scheme => PrivateFiles.IsWindows ? Dpapi : None;

        public static string Protect(string scheme, string value)
        {
            if (value == null || scheme == None) return value;
            return Convert.ToBase64String(Call("Protect", Encoding.UTF8.GetBytes(value)));
        }

        public static string Unprotect(string scheme, string value)
        {
            if (value == null || scheme == None) return value;
            if (scheme != Dpapi) throw new FormatException(Text.Format(Messages.Credential_UnknownProtection, scheme));
            return Encoding.UTF8.GetString(Call("Unprotect", Convert.FromBase64String(value)));
        }

        private static byte[] Call(string method, byte[] data)
        {
            var type = Type.GetType("System.Security.Cryptography.ProtectedData, System.Security.Cryptography.ProtectedData")
                ?? Type.GetType("System.Security.Cryptography.ProtectedData, System.Security, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a");
            var scope = Type.GetType("System.Security.Cryptography.DataProtectionScope, " + type?.Assembly.FullName);
            if (type == null || scope == null) throw new PlatformNotSupportedException(Messages.Credential_NoDpapi);
            var currentUser = Enum.Parse(scope, "CurrentUser");
            try
            {
                return (byte[])type.GetMethod(method, new[] { typeof(byte[]), typeof(byte[]), scope }).Invoke(null, new[] { data, null, currentUser });
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                // The runtime's own exception, with its own stack: it says where DPAPI itself refused.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }
    }
}
