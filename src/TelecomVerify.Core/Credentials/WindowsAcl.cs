using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace TelecomVerify.Credentials
{
    /// <summary>
    /// Owner-only files on Windows, the counterpart of the 0600/0700 modes: a protected access list
    /// (nothing inherited from the folder) with one entry, full control for the current user, given
    /// when the file or folder is created, so it is never open to anyone else. The types live in
    /// System.IO.FileSystem.AccessControl and System.Security.Principal.Windows on .NET and in
    /// mscorlib on .NET Framework; this netstandard2.0 assembly reaches them by reflection, as it
    /// reaches DPAPI. Every member is looked up once, here, so a test can show they all resolve.
    /// </summary>
    internal static class WindowsAcl
    {
        internal static readonly Type WindowsIdentityType = Find("System.Security.Principal.WindowsIdentity", "System.Security.Principal.Windows");
        internal static readonly Type IdentityReferenceType = Find("System.Security.Principal.IdentityReference", "System.Security.Principal.Windows");
        internal static readonly Type FileSecurityType = Find("System.Security.AccessControl.FileSecurity", "System.IO.FileSystem.AccessControl");
        internal static readonly Type DirectorySecurityType = Find("System.Security.AccessControl.DirectorySecurity", "System.IO.FileSystem.AccessControl");
        internal static readonly Type RuleType = Find("System.Security.AccessControl.FileSystemAccessRule", "System.IO.FileSystem.AccessControl");
        internal static readonly Type RightsType = Find("System.Security.AccessControl.FileSystemRights", "System.IO.FileSystem.AccessControl");
        internal static readonly Type InheritanceType = Find("System.Security.AccessControl.InheritanceFlags", "System.Security.AccessControl");
        internal static readonly Type PropagationType = Find("System.Security.AccessControl.PropagationFlags", "System.Security.AccessControl");
        internal static readonly Type ControlType = Find("System.Security.AccessControl.AccessControlType", "System.Security.AccessControl");

        /// <summary>.NET: FileSystemAclExtensions.Create(FileInfo, FileMode, FileSystemRights, FileShare, int, FileOptions, FileSecurity).
        /// .NET Framework: the FileStream constructor of the same arguments, the path first.</summary>
        internal static readonly MethodBase CreateFileMember =
            (MethodBase)Type.GetType("System.IO.FileSystemAclExtensions, System.IO.FileSystem.AccessControl")
                ?.GetMethod("Create", new[] { typeof(FileInfo), typeof(FileMode), RightsType, typeof(FileShare), typeof(int), typeof(FileOptions), FileSecurityType })
            ?? typeof(FileStream).GetConstructor(new[] { typeof(string), typeof(FileMode), RightsType, typeof(FileShare), typeof(int), typeof(FileOptions), FileSecurityType });

        /// <summary>.NET: FileSystemAclExtensions.Create(DirectoryInfo, DirectorySecurity). .NET Framework: Directory.CreateDirectory(string, DirectorySecurity).</summary>
        internal static readonly MethodInfo CreateDirectoryMember =
            Type.GetType("System.IO.FileSystemAclExtensions, System.IO.FileSystem.AccessControl")
                ?.GetMethod("Create", new[] { typeof(DirectoryInfo), DirectorySecurityType })
            ?? typeof(Directory).GetMethod("CreateDirectory", new[] { typeof(string), DirectorySecurityType });

        /// <summary>.NET: FileSystemAclExtensions.GetAccessControl(FileInfo). .NET Framework: File.GetAccessControl(string).</summary>
        internal static readonly MethodInfo GetFileSecurityMember =
            Type.GetType("System.IO.FileSystemAclExtensions, System.IO.FileSystem.AccessControl")?.GetMethod("GetAccessControl", new[] { typeof(FileInfo) })
            ?? typeof(File).GetMethod("GetAccessControl", new[] { typeof(string) });

        internal static readonly Type SecurityIdentifierType = Find("System.Security.Principal.SecurityIdentifier", "System.Security.Principal.Windows");

                internal static readonly ConstructorInfo RuleConstructor =
            RuleType?.GetConstructor(new[] { IdentityReferenceType, RightsType, InheritanceType, PropagationType, ControlType });

        // The values of the enums, as the documentation gives them.
        private const int FullControl = 0x1F01FF, ReadRights = 0x20089, WriteRights = 0x116, Synchronize = 0x100000;
        private const int ContainerAndObjectInherit = 3, NoInheritance = 0, NoPropagation = 0, Allow = 0;

        /// <summary>Creates a folder only the current user can open (files made in it inherit that).</summary>
        public static void CreateDirectory(string path)
        {
            var security = UserOnly(DirectorySecurityType, ContainerAndObjectInherit);
            Call(() => CreateDirectoryMember.Invoke(null, CreateDirectoryMember.DeclaringType == typeof(Directory)
                ? new[] { path, security }
                : new[] { new DirectoryInfo(path), security }));
        }

        /// <summary>Creates (or opens, when it exists) a file whose new access list lets only the current user in.</summary>
        public static FileStream CreateFile(string path, FileMode mode, FileAccess access, FileShare share)
        {
            var security = UserOnly(FileSecurityType, NoInheritance);
            int rights = Synchronize | ((access & FileAccess.Read) != 0 ? ReadRights : 0) | ((access & FileAccess.Write) != 0 ? WriteRights : 0);
            object[] rest = { mode, Enum.ToObject(RightsType, rights), share, 4096, FileOptions.None, security };
            return (FileStream)Call(() => CreateFileMember is ConstructorInfo constructor
                ? constructor.Invoke(Prepend(path, rest))
                : CreateFileMember.Invoke(null, Prepend(new FileInfo(path), rest)));
        }

        /// <summary>A FileSecurity or DirectorySecurity: inherited entries dropped, one entry of full control for the current user.</summary>
        internal static object UserOnly(Type securityType, int inheritance)
        {
            object user = Call(() =>
            {
                var identity = WindowsIdentityType.GetMethod("GetCurrent", Type.EmptyTypes).Invoke(null, null);
                return WindowsIdentityType.GetProperty("User").GetValue(identity);
            });
            object security = Call(() => Activator.CreateInstance(securityType));
            Call(() => securityType.GetMethod("SetAccessRuleProtection", new[] { typeof(bool), typeof(bool) }).Invoke(security, new object[] { true, false }));
            object rule = Call(() => RuleConstructor.Invoke(new[]
            {
                user, Enum.ToObject(RightsType, FullControl), Enum.ToObject(InheritanceType, inheritance),
                Enum.ToObject(PropagationType, NoPropagation), Enum.ToObject(ControlType, Allow),
            }));
            Call(() => securityType.GetMethod("AddAccessRule", new[] { RuleType }).Invoke(security, new[] { rule }));
            return security;
        }

        /// <summary>The owner's SID, the current user's, and every entry of an existing file's access list (inherited ones too), for <see cref="AccessList.OpenTo"/>.</summary>
        public static (string Owner, string Current, List<AccessEntry> Entries) Read(string path)
        {
            object security = Call(() => GetFileSecurityMember.Invoke(null, new object[] { GetFileSecurityMember.DeclaringType == typeof(File) ? (object)path : new FileInfo(path) }));
            var type = security.GetType();
            string owner = Call(() => type.GetMethod("GetOwner", new[] { typeof(Type) }).Invoke(security, new object[] { SecurityIdentifierType }))?.ToString();
            object user = Call(() => WindowsIdentityType.GetProperty("User").GetValue(WindowsIdentityType.GetMethod("GetCurrent", Type.EmptyTypes).Invoke(null, null)));
            var rules = (System.Collections.IEnumerable)Call(() => type.GetMethod("GetAccessRules", new[] { typeof(bool), typeof(bool), typeof(Type) })
                .Invoke(security, new object[] { true, true, SecurityIdentifierType }));
            var entries = new List<AccessEntry>();
            foreach (var rule in rules)
            {
                var ruleType = rule.GetType();
                string sid = ruleType.GetProperty("IdentityReference").GetValue(rule)?.ToString();
                bool allow = Convert.ToInt32(ruleType.GetProperty("AccessControlType").GetValue(rule)) == Allow;
                int rights = Convert.ToInt32(ruleType.GetProperty("FileSystemRights").GetValue(rule));
                entries.Add(new AccessEntry(sid, allow, rights));
            }
            return (owner, user?.ToString(), entries);
        }

                private static object[] Prepend(object first, object[] rest)
        {
            var all = new object[rest.Length + 1];
            all[0] = first;
            rest.CopyTo(all, 1);
            return all;
        }

        /// <summary>Runs a reflected call, rethrowing what the framework itself threw (not its reflection wrapper).</summary>
        private static object Call(Func<object> call)
        {
            try { return call(); }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }

        private static Type Find(string name, string assembly) => Type.GetType(name + ", " + assembly) ?? Type.GetType(name);
    }
}
