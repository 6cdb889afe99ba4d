using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using TelecomVerify.Resources;

namespace TelecomVerify.Credentials
{
    /// <summary>
    /// Owner-only files: on Unix a 0700 directory and 0600 files created with those modes (never
    /// readable by others, not even between create and chmod), on Windows an access list for the
    /// current user alone given at creation (<see cref="WindowsAcl"/>); written atomically by rename.
    /// The Unix APIs (UnixCreateMode, Get/SetUnixFileMode) arrived in .NET 7; this assembly targets
    /// netstandard2.0, so they are reached by reflection where the runtime has them.
    /// </summary>
    internal static class PrivateFiles
    {
        public const int DirectoryMode = 0x1C0; // 0700
        public const int FileMode = 0x180;      // 0600
        private const int GroupAndOther = 0x3F; // 0077

        private static readonly Type UnixFileModeType = Type.GetType("System.IO.UnixFileMode");
        private static readonly Type StreamOptionsType = Type.GetType("System.IO.FileStreamOptions");

        public static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Creates the directory owner-only, or narrows it to owner-only if it exists.</summary>
        public static void EnsurePrivateDirectory(string directory)
        {
            if (IsWindows)
            {
                if (!Directory.Exists(directory)) WindowsAcl.CreateDirectory(directory);
                return;
            }
            RequireUnixApis();
            if (!Directory.Exists(directory))
            {
                typeof(Directory).GetMethod("CreateDirectory", new[] { typeof(string), UnixFileModeType })
                    .Invoke(null, new[] { directory, Mode(DirectoryMode) });
            }
            if ((GetMode(directory) & GroupAndOther) != 0) SetMode(directory, DirectoryMode);
        }

        /// <summary>Writes to a new owner-only file beside <paramref name="path"/>, then renames it over.</summary>
        public static void WriteAtomically(string path, byte[] content) => WriteAtomically(path, stream => stream.Write(content, 0, content.Length));

        /// <summary>As <see cref="WriteAtomically(string, byte[])"/>, for content written as it is read (a journal rewritten line by line).</summary>
        /// <param name="beforeReplace">Called once the new file is whole and flushed, before it replaces the old (which Windows renames over only when no one holds it open).</param>
        public static void WriteAtomically(string path, Action<FileStream> write, Action beforeReplace = null)
        {
            string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
            try
            {
                using (var stream = CreateNew(temp))
                {
                    write(stream);
                    stream.Flush(true);
                }
                beforeReplace?.Invoke();
                Replace(temp, path);
                // The rename is on disk once the folder is: until then a power cut could bring back the old file.
                UnixDescriptor.FlushFolder(Path.GetDirectoryName(Path.GetFullPath(path)));
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }

        /// <summary>
        /// Removes what a rewrite of <paramref name="path"/> killed half-way left beside it (its temporary copies).
        /// Only for a caller that holds the file's lock: no other rewrite of it can be under way.
        /// </summary>
        public static void RemoveLeftovers(string path)
        {
            string folder = Path.GetDirectoryName(path);
            foreach (var leftover in Directory.EnumerateFiles(folder, Path.GetFileName(path) + ".tmp-*"))
            {
                try { File.Delete(leftover); }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { /* another user's, or gone: not ours to clear */ }
            }
        }

        /// <summary>
        /// On Windows, the account other than the user that an existing file's access list lets in (or
        /// that owns it), as "S-1-5-… (owner)"; null when the file is the user's own, and always null elsewhere.
        /// </summary>
        public static string WindowsOpenTo(string path)
        {
            if (!IsWindows) return null;
            var (owner, current, entries) = WindowsAcl.Read(path);
            var open = AccessList.OpenTo(owner, current, entries);
            return open.HasValue ? open.Value.Sid + " (" + open.Value.Why + ")" : null;
        }

        /// <summary>The permission bits (e.g. 0x180 for 0600); null on Windows.</summary>
        public static int? GetModeOrNull(string path) => IsWindows ? (int?)null : GetMode(path);

        public static bool IsReadableByOthers(int mode) => (mode & GroupAndOther) != 0;

        /// <summary>Group or others may write (create, replace) here.</summary>
        public static bool IsWritableByOthers(int mode) => (mode & 0x12) != 0; // 0022

        /// <summary>The sticky bit (01000): only a file's owner may rename or remove it.</summary>
        public static bool IsSticky(int mode) => (mode & 0x200) != 0;

        public static string Octal(int mode) => Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0');

        private static FileStream CreateNew(string path) => Open(path, System.IO.FileMode.CreateNew, FileAccess.Write, FileShare.None);

        /// <summary>Opens <paramref name="path"/>; a file it creates is owner-only from its first moment.
        /// FileShare.None is an exclusive lock (flock on Unix) that a second writer runs into.</summary>
        public static FileStream Open(string path, System.IO.FileMode mode, FileAccess access, FileShare share)
        {
            if (IsWindows)
            {
                bool creates = mode == System.IO.FileMode.CreateNew || (mode != System.IO.FileMode.Open && mode != System.IO.FileMode.Truncate && !File.Exists(path));
                return creates ? WindowsAcl.CreateFile(path, mode, access, share) : new FileStream(path, mode, access, share);
            }
            RequireUnixApis();
            var options = Activator.CreateInstance(StreamOptionsType);
            StreamOptionsType.GetProperty("Mode").SetValue(options, mode);
            StreamOptionsType.GetProperty("Access").SetValue(options, access);
            StreamOptionsType.GetProperty("Share").SetValue(options, share);
            // The runtime refuses a create mode where nothing can be created.
            if (mode != System.IO.FileMode.Open && mode != System.IO.FileMode.Truncate && access != FileAccess.Read)
                StreamOptionsType.GetProperty("UnixCreateMode").SetValue(options, Mode(FileMode));
            try { return (FileStream)typeof(FileStream).GetConstructor(new[] { typeof(string), StreamOptionsType }).Invoke(new[] { path, options }); }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                // The caller handles IOException (a lock held elsewhere) as the runtime threw it, not its reflection wrapper.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        private static extern int OpenDescriptor(string path, int flags);

        /// <summary>
        /// Opens a file for reading without taking or meeting its lock: on Unix .NET takes a shared
        /// flock even for a reader, which a writer's exclusive one refuses; open(2) takes none.
        /// </summary>
        public static FileStream OpenReadWithoutLock(string path)
        {
            if (IsWindows) return new FileStream(path, System.IO.FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            int fd = OpenDescriptor(path, 0); // O_RDONLY
            if (fd < 0)
            {
                int errno = Marshal.GetLastWin32Error();
                if (errno == 2) throw new FileNotFoundException(null, path);
                throw new IOException(null, errno);
            }
            return new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)fd, true), FileAccess.Read, 1 << 16);
        }

        private static void Replace(string source, string destination)
        {
            // rename(2) on Unix, MoveFileEx on Windows: readers see the old file or the new, never half of one.
            var move = typeof(File).GetMethod("Move", new[] { typeof(string), typeof(string), typeof(bool) });
            if (move != null) { move.Invoke(null, new object[] { source, destination, true }); return; }
            if (File.Exists(destination)) File.Replace(source, destination, null);
            else File.Move(source, destination);
        }

        private static int GetMode(string path)
        {
            RequireUnixApis();
            try { return Convert.ToInt32(typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) }).Invoke(null, new object[] { path })); }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                // A file removed since it was seen is FileNotFoundException to the caller, as the runtime threw it.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }

        private static void SetMode(string path, int mode)
        {
            typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), UnixFileModeType }).Invoke(null, new[] { path, Mode(mode) });
        }

        private static object Mode(int bits) => Enum.ToObject(UnixFileModeType, bits);

        private static void RequireUnixApis()
        {
            if (UnixFileModeType == null || StreamOptionsType == null)
                throw new PlatformNotSupportedException(Messages.Credential_NeedsNet8);
        }
    }
}
