using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using TelecomVerify.Credentials;

namespace TelecomVerify.Commands
{
    /// <summary>
    /// Session-scope credentials, one per runspace: parallel runspaces (ForEach-Object -Parallel,
    /// hosted runspaces) neither see nor overwrite each other's key.
    /// </summary>
    internal static class SessionCredentialStore
    {
        private static readonly ConditionalWeakTable<Runspace, JuheCredential> Store = new ConditionalWeakTable<Runspace, JuheCredential>();

        public static JuheCredential Get()
        {
            var rs = Runspace.DefaultRunspace;
            return rs != null && Store.TryGetValue(rs, out var c) ? c : null;
        }

        public static void Set(JuheCredential credential)
        {
            var rs = Runspace.DefaultRunspace;
            if (rs == null) return;
            Store.Remove(rs);
            Store.Add(rs, credential);
        }

        public static bool Remove()
        {
            var rs = Runspace.DefaultRunspace;
            return rs != null && Store.Remove(rs);
        }
    }
}
