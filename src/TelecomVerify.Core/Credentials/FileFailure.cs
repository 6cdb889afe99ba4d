using System;
using System.IO;
using TelecomVerify.Resources;

namespace TelecomVerify.Credentials
{
    /// <summary>What went wrong with a file, in the module's own words: a system message is never
    /// glued into a sentence (it would be English inside Chinese, and may quote a path or worse).</summary>
    internal enum FileFailureKind
    {
        /// <summary>Another process holds the file (flock, a Windows sharing violation).</summary>
        InUse,
        DiskFull,
        ReadOnly,
        AccessDenied,
        NoFolder,
        /// <summary>The folder is there, but no file can be made in it (/proc, a device's folder).</summary>
        CannotCreate,
        Other,
    }

    internal static class FileFailure
    {
        public static FileFailureKind Classify(Exception ex)
        {
            if (ex is UnauthorizedAccessException) return FileFailureKind.AccessDenied;
            if (ex is DirectoryNotFoundException) return FileFailureKind.NoFolder;
            int code = ex?.HResult ?? 0;
            // .NET on Unix puts errno in HResult; on Windows it is 0x8007xxxx with the Win32 error below.
            bool win32 = (code & 0xFFFF0000) == unchecked((int)0x80070000);
            int low = code & 0xFFFF;
            if (code == 11 || code == 35 || (win32 && (low == 32 || low == 33))) return FileFailureKind.InUse;
            if (code == 28 || code == 122 || (win32 && (low == 112 || low == 39))) return FileFailureKind.DiskFull;
            if (code == 30 || (win32 && low == 19)) return FileFailureKind.ReadOnly;
            if (code == 13 || code == 1 || (win32 && low == 5)) return FileFailureKind.AccessDenied;
            if (code == 2 || (win32 && low == 3)) return FileFailureKind.NoFolder;
            // .NET reports ENOENT on creating a file where none can be (/proc/x) as "file not found", 0x80070002.
            if (ex is FileNotFoundException || (win32 && low == 2)) return FileFailureKind.CannotCreate;
            return FileFailureKind.Other;
        }

        /// <summary>"the disk is full", in the UI's language.</summary>
        public static string Describe(Exception ex)
        {
            switch (Classify(ex))
            {
                case FileFailureKind.InUse: return Messages.File_InUse;
                case FileFailureKind.DiskFull: return Messages.File_DiskFull;
                case FileFailureKind.ReadOnly: return Messages.File_ReadOnly;
                case FileFailureKind.AccessDenied: return Messages.File_Denied;
                case FileFailureKind.NoFolder: return Messages.File_NoFolder;
                case FileFailureKind.CannotCreate: return Messages.File_CannotCreate;
                default: return Text.Format(Messages.File_Other, ex?.HResult ?? 0);
            }
        }
    }
}
