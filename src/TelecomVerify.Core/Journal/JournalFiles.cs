using System;
using System.IO;
using System.Text;
using TelecomVerify.Credentials;
using TelecomVerify.Resources;

namespace TelecomVerify.Journal
{
    /// <summary>A journal's file on disk: opened owner-only from its first byte (race-free on Unix), refused when another user could have written or read it, and replaced whole atomically.</summary>
    internal static class JournalFiles
    {
        internal static FileStream OpenForReading(string path)
        {
            try { return UnixDescriptor.IsAvailable ? UnixDescriptor.OpenForReading(path) : PrivateFiles.OpenReadWithoutLock(path); }
            catch (UnsafeDescriptorException ex) { throw Unsafe(path, ex); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new JournalException("JournalUnreadable", Text.Format(Messages.Journal_CannotRead, path, FileFailure.Describe(ex)), ex);
            }
        }

        /// <summary>
        /// On Unix the file is opened without following a link, created only if absent, and then checked by its
        /// descriptor (<see cref="UnixDescriptor"/>): another local user who swaps the name after
        /// <see cref="RefuseUnsafe"/> looked at it gets a refusal, never root's journal in a file of theirs.
        /// </summary>
        internal static FileStream OpenForWriting(string path)
        {
            try
            {
                return UnixDescriptor.IsAvailable ? UnixDescriptor.OpenForWriting(path)
                    : PrivateFiles.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (UnsafeDescriptorException ex) { throw Unsafe(path, ex); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                if (FileFailure.Classify(ex) == FileFailureKind.InUse)
                    throw new JournalException("JournalInUse", Text.Format(Messages.Journal_InUse, path), ex);
                throw new JournalException("JournalNotWritable", Text.Format(Messages.Journal_NotWritable, path, FileFailure.Describe(ex)), ex);
            }
        }

        /// <summary>
        /// A journal replaced whole (rewritten in the current format, or optimized) by a caller that holds its lock: the
        /// copies a rewrite killed half-way left beside it go first, and a failure is the journal's own JournalNotWritable.
        /// </summary>
        internal static void ReplaceWhole(string path, Action<FileStream> write, Action beforeReplace)
        {
            try
            {
                PrivateFiles.RemoveLeftovers(path);
                PrivateFiles.WriteAtomically(path, write, beforeReplace);
            }
            catch (IOException ex)
            {
                throw new JournalException("JournalNotWritable", Text.Format(Messages.Journal_NotWritable, path, FileFailure.Describe(ex)), ex);
            }
        }

        /// <summary>As the saved credential: no link, no file or folder another user owns or can write, no file others can read.</summary>
        internal static void RefuseUnsafe(string path, FileOwnership ownership)
        {
            string folder = System.IO.Path.GetDirectoryName(path);
            if (FileOwnership.IsLink(path)) throw Unsafe(Messages.Journal_Link, path);
            int? folderMode = Directory.Exists(folder) ? PrivateFiles.GetModeOrNull(folder) : null;
            // A shared folder with the sticky bit (/tmp) lets no one replace or remove another's file,
            // and a file planted there before the run is refused below for its owner or as a link.
            if (folderMode.HasValue && !PrivateFiles.IsSticky(folderMode.Value))
            {
                if (PrivateFiles.IsWritableByOthers(folderMode.Value))
                    throw Unsafe(Messages.Journal_FolderOpen, folder, PrivateFiles.Octal(folderMode.Value));
                var folderOwner = ownership?.ForeignOwner(folder);
                if (folderOwner.HasValue) throw Unsafe(Messages.Journal_FolderNotOwned, folder, folderOwner.Value, FileOwnership.CurrentUserId());
            }
            if (!File.Exists(path)) return;
            var owner = ownership?.ForeignOwner(path);
            if (owner.HasValue) throw Unsafe(Messages.Journal_NotOwned, path, owner.Value, FileOwnership.CurrentUserId());
            int? mode;
            // Gone since it was seen (another user's file, removed by its owner): the open checks what is there then.
            try { mode = PrivateFiles.GetModeOrNull(path); }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException) { return; }
            if (mode.HasValue && PrivateFiles.IsReadableByOthers(mode.Value))
            {
                // HR's workbook given as -Journal by mistake: "not a journal" is what helps, not "chmod 600" first. The user owns it; reading its first line is safe.
                RefuseNonJournal(path);
                throw Unsafe(Messages.Journal_Open, path, PrivateFiles.Octal(mode.Value));
            }
            // Windows: the access list of an existing journal (creation gives a user-only one; a copied or planted file may not have it).
            string openTo = PrivateFiles.WindowsOpenTo(path);
            if (openTo != null) throw Unsafe(Messages.Journal_AclOpen, path, openTo);
        }

        private static void RefuseNonJournal(string path)
        {
            var head = new byte[4096];
            int length;
            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                    length = stream.Read(head, 0, head.Length);
            }
            catch (IOException) { return; }
            catch (UnauthorizedAccessException) { return; }
            if (length == 0) return;
            string text = new UTF8Encoding(false, false).GetString(head, 0, length);
            int end = text.IndexOf('\n');
            AnswerJournal.ReadHeader(end < 0 ? text : text.Substring(0, end), path);
        }

        private static JournalException Unsafe(string path, UnsafeDescriptorException found)
        {
            switch (found.Problem)
            {
                case DescriptorProblem.Link: return Unsafe(Messages.Journal_Link, path);
                case DescriptorProblem.NotRegular: return Unsafe(Messages.Journal_NotRegular, path);
                case DescriptorProblem.NotOwned: return Unsafe(Messages.Journal_NotOwned, path, found.Owner, FileOwnership.CurrentUserId());
                default: return Unsafe(Messages.Journal_Open, path, PrivateFiles.Octal(found.Mode));
            }
        }

        private static JournalException Unsafe(string format, params object[] args) => new JournalException("JournalUnsafe", Text.Format(format, args));
    }
}
