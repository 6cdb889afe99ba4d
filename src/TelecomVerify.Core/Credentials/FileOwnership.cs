using System;
using System.IO;
using System.Runtime.InteropServices;

namespace TelecomVerify.Credentials
{
    /// <summary>
    /// Who owns a file, by number: a container mount, a restored archive or a deleted account leave
    /// owners with no user name, and a name compared with a name would let them through. .NET has no
    /// portable stat(2); PowerShell reads it for Get-Item (UnixStat.UserId), and the cmdlets hand that
    /// over as <see cref="UserIdOf"/>. The current user's id comes from geteuid(2).
    /// </summary>
    public sealed class FileOwnership
    {
        /// <summary>The numeric owner of a path; null where not known (Windows, no UnixStat).</summary>
        public Func<string, long?> UserIdOf { get; set; }

        [DllImport("libc", EntryPoint = "geteuid")]
        private static extern uint GetEffectiveUserId();

        /// <summary>The effective uid of this process; null on Windows or where libc cannot be reached.</summary>
        public static long? CurrentUserId()
        {
            if (PrivateFiles.IsWindows) return null;
            try { return GetEffectiveUserId(); }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException) { return null; }
        }

        /// <summary>The owner of <paramref name="path"/> when it is not the current user; null when it is, or when either is unknown.</summary>
        public long? ForeignOwner(string path)
        {
            long? me = CurrentUserId(), owner = UserIdOf?.Invoke(path);
            return me.HasValue && owner.HasValue && owner.Value != me.Value ? owner : null;
        }

        /// <summary>A symbolic link (or another reparse point) at the path itself, dangling or not.</summary>
        public static bool IsLink(string path)
        {
            try { return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0; }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { return false; }
        }
    }
}
