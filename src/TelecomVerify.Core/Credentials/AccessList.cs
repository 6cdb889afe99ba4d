using System;
using System.Collections.Generic;
using System.Linq;

namespace TelecomVerify.Credentials
{
    /// <summary>One entry of a Windows access list, by SID: allowed or denied, and the rights as FileSystemRights bits.</summary>
    internal readonly struct AccessEntry
    {
        public AccessEntry(string sid, bool allow, int rights)
        {
            Sid = sid;
            Allow = allow;
            Rights = rights;
        }

        public string Sid { get; }
        public bool Allow { get; }
        public int Rights { get; }
    }

    /// <summary>
    /// Whether an existing file's access list keeps it the user's own, the Windows counterpart of
    /// "0600 and owned by you": the owner is the current user, and no allow entry reaches anyone else
    /// but the accounts that can read every file anyway (SYSTEM, the Administrators group), as OpenSSH
    /// on Windows decides for a private key. A pure decision, so that it is tested on any machine;
    /// <see cref="WindowsAcl.Read"/> supplies the list on Windows.
    /// </summary>
    internal static class AccessList
    {
        public const string LocalSystem = "S-1-5-18", Administrators = "S-1-5-32-544";

        // Synchronize alone lets nobody read or write.
        private const int Synchronize = 0x100000;

        /// <summary>Null when the list is the user's own; else the first SID that breaks it, and why ("owner" or "allowed").</summary>
        public static (string Sid, string Why)? OpenTo(string ownerSid, string currentSid, IEnumerable<AccessEntry> entries)
        {
            if (!string.Equals(ownerSid, currentSid, StringComparison.OrdinalIgnoreCase)) return (ownerSid, "owner");
            foreach (var entry in entries ?? Enumerable.Empty<AccessEntry>())
            {
                if (!entry.Allow || (entry.Rights & ~Synchronize) == 0) continue;
                if (string.Equals(entry.Sid, currentSid, StringComparison.OrdinalIgnoreCase) || entry.Sid == LocalSystem || entry.Sid == Administrators) continue;
                return (entry.Sid, "allowed");
            }
            return null;
        }
    }
}
