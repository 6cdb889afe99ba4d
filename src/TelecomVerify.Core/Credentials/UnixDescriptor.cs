using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TelecomVerify.Credentials
{
    /// <summary>
    /// Opening a private file by name with no window between the check and the use (Unix). A check of the path
    /// and then an open by name can be raced by another local user who swaps the name in between (a link, or a
    /// file of theirs made in a shared folder); so the open follows no link, creates only a file that was not
    /// there, and the descriptor it returns, not the name, is checked: a regular file, the user's own, open to no
    /// one else. open(2), fstat(2) and flock(2) are reached through the runtime's own native shim
    /// (libSystem.Native), whose flags and status record are the same on every Unix .NET runs on, where libc's
    /// differ between Linux and macOS and between processors.
    /// </summary>
    internal static class UnixDescriptor
    {
        private const string Shim = "libSystem.Native";
        private const int ReadOnly = 0x0, ReadWrite = 0x2, CloseOnExec = 0x10, Create = 0x20, Exclusive = 0x40, NoFollow = 0x200;
        private const int LockExclusive = 2, LockNoWait = 4;
        private const int FileTypeMask = 0xF000, RegularFile = 0x8000;
        private const int NoSuchFile = 2, Exists = 17, IsFolder = 21;

        [DllImport(Shim, EntryPoint = "SystemNative_Open", SetLastError = true)]
        private static extern IntPtr Open(string path, int flags, int mode);

        [DllImport(Shim, EntryPoint = "SystemNative_FStat", SetLastError = true)]
        private static extern int FStat(SafeFileHandle fd, byte[] status);

        [DllImport(Shim, EntryPoint = "SystemNative_FLock", SetLastError = true)]
        private static extern int FLock(SafeFileHandle fd, int operation);

        [DllImport(Shim, EntryPoint = "SystemNative_FSync", SetLastError = true)]
        private static extern int FSync(SafeFileHandle fd);

        /// <summary>False on Windows and where the shim is missing (Mono): callers then open by name, as before.</summary>
        public static bool IsAvailable => Available.Value;

        private static readonly Lazy<bool> Available = new Lazy<bool>(() =>
        {
            if (PrivateFiles.IsWindows) return false;
            try
            {
                using (var probe = new SafeFileHandle(Open("/", ReadOnly | CloseOnExec, 0), true)) return !probe.IsInvalid;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException || ex is BadImageFormatException) { return false; }
        });

        /// <summary>
        /// Opens <paramref name="path"/> to read and write, creating it owner-only (0600) if it is not there, and holds
        /// its exclusive lock (a second writer gets EWOULDBLOCK, which <see cref="FileFailure"/> calls "in use").
        /// </summary>
        /// <exception cref="UnsafeDescriptorException">A link, not a regular file, another user's, or open to others.</exception>
        /// <exception cref="IOException">The system's refusal, errno in HResult.</exception>
        public static FileStream OpenForWriting(string path)
        {
            var fd = Open(path, ReadWrite | Create | Exclusive | NoFollow | CloseOnExec, PrivateFiles.FileMode);
            int errno = Marshal.GetLastWin32Error();
            if (IsInvalid(fd) && errno == Exists)
            {
                fd = Open(path, ReadWrite | NoFollow | CloseOnExec, 0);
                errno = Marshal.GetLastWin32Error();
            }
            // ENOENT on a create: the folder is not there, or (/proc) no file can be made in it.
            if (IsInvalid(fd) && errno == NoSuchFile)
            {
                if (Directory.Exists(Path.GetDirectoryName(path))) throw new FileNotFoundException(null, path);
                throw new DirectoryNotFoundException();
            }
            var handle = Checked(fd, errno, path);
            if (FLock(handle, LockExclusive | LockNoWait) != 0)
            {
                errno = Marshal.GetLastWin32Error();
                handle.Dispose();
                throw new IOException(null, errno);
            }
            // Unbuffered: the writer's bytes go straight to the file, and a write the disk refuses leaves nothing behind to flush later.
            return new FileStream(handle, FileAccess.ReadWrite, 1);
        }

        /// <summary>Opens an existing file to read, without a lock (a run may be writing it), checked as <see cref="OpenForWriting"/> checks it.</summary>
        public static FileStream OpenForReading(string path)
        {
            var fd = Open(path, ReadOnly | NoFollow | CloseOnExec, 0);
            var handle = Checked(fd, Marshal.GetLastWin32Error(), path);
            return new FileStream(handle, FileAccess.Read, 1 << 16);
        }

        /// <summary>
        /// Puts a folder's entries on disk: after a rename, the new name survives a power cut only once its folder is
        /// flushed. Best effort: a file system that cannot flush a folder has nothing more to give.
        /// </summary>
        public static void FlushFolder(string folder)
        {
            if (!IsAvailable) return;
            using (var handle = new SafeFileHandle(Open(folder, ReadOnly | CloseOnExec, 0), true))
                if (!handle.IsInvalid) FSync(handle);
        }

        private static bool IsInvalid(IntPtr fd) => fd == new IntPtr(-1);

        private static SafeFileHandle Checked(IntPtr fd, int errno, string path)
        {
            if (IsInvalid(fd))
            {
                // O_NOFOLLOW on a link: ELOOP on Linux (40) and macOS (62), EMLINK on FreeBSD (31).
                if (errno == 40 || errno == 62 || errno == 31) throw new UnsafeDescriptorException(DescriptorProblem.Link, -1, 0);
                if (errno == IsFolder) throw new UnsafeDescriptorException(DescriptorProblem.NotRegular, -1, 0);
                if (errno == NoSuchFile) throw new FileNotFoundException(null, path);
                throw new IOException(null, errno);
            }
            var handle = new SafeFileHandle(fd, true);
            try
            {
                Refuse(handle);
                return handle;
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        private static void Refuse(SafeFileHandle handle)
        {
            // The shim's status record begins Flags, Mode, Uid, Gid (32 bits each) on every platform; the rest is not read.
            var status = new byte[256];
            if (FStat(handle, status) != 0) throw new IOException(null, Marshal.GetLastWin32Error());
            int mode = BitConverter.ToInt32(status, 4);
            long owner = BitConverter.ToUInt32(status, 8);
            if ((mode & FileTypeMask) != RegularFile) throw new UnsafeDescriptorException(DescriptorProblem.NotRegular, owner, mode & 0xFFF);
            long? me = FileOwnership.CurrentUserId();
            if (me.HasValue && owner != me.Value) throw new UnsafeDescriptorException(DescriptorProblem.NotOwned, owner, mode & 0xFFF);
            if (PrivateFiles.IsReadableByOthers(mode)) throw new UnsafeDescriptorException(DescriptorProblem.OpenToOthers, owner, mode & 0xFFF);
        }
    }
}
