using System;
using System.IO;
using TelecomVerify.Credentials;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    /// <summary>
    /// The user-only access list of a journal or a saved credential on Windows, from Linux: every
    /// type and member the module's reflection names resolves in the runtime PowerShell 7 uses, and
    /// each call reaches the real framework method, which refuses from inside itself on a platform
    /// without Windows security. A wrong name or signature would be a null member, a
    /// MissingMethodException or a reflection ArgumentException instead.
    /// </summary>
    public class WindowsAclPathTests
    {
        [Fact]
        public void Every_type_and_member_the_reflection_names_resolves()
        {
            Assert.NotNull(WindowsAcl.WindowsIdentityType);
            Assert.NotNull(WindowsAcl.IdentityReferenceType);
            Assert.NotNull(WindowsAcl.FileSecurityType);
            Assert.NotNull(WindowsAcl.DirectorySecurityType);
            Assert.NotNull(WindowsAcl.RuleType);
            Assert.NotNull(WindowsAcl.RightsType);
            Assert.NotNull(WindowsAcl.InheritanceType);
            Assert.NotNull(WindowsAcl.PropagationType);
            Assert.NotNull(WindowsAcl.ControlType);
            Assert.NotNull(WindowsAcl.RuleConstructor);
            // On .NET (PowerShell 7) the extension methods, not .NET Framework's overloads.
            Assert.Equal("System.IO.FileSystemAclExtensions", WindowsAcl.CreateFileMember.DeclaringType.FullName);
            Assert.Equal("System.IO.FileSystemAclExtensions", WindowsAcl.CreateDirectoryMember.DeclaringType.FullName);
            Assert.NotNull(WindowsAcl.FileSecurityType.GetMethod("SetAccessRuleProtection", new[] { typeof(bool), typeof(bool) }));
            Assert.NotNull(WindowsAcl.FileSecurityType.GetMethod("AddAccessRule", new[] { WindowsAcl.RuleType }));
            Assert.NotNull(WindowsAcl.DirectorySecurityType.GetMethod("AddAccessRule", new[] { WindowsAcl.RuleType }));
        }

        [Fact]
        public void Creating_a_file_reaches_the_real_Windows_identity()
        {
            if (OperatingSystem.IsWindows()) return; // there it works; this test is about what Linux can show
            string path = Path.Combine(Path.GetTempPath(), "tv-acl-" + Guid.NewGuid().ToString("N"));
            var ex = Assert.Throws<PlatformNotSupportedException>(() => WindowsAcl.CreateFile(path, FileMode.CreateNew, FileAccess.Write, FileShare.None));
            Assert.Contains("System.Security.Principal.WindowsIdentity.GetCurrent(", ex.StackTrace);
            Assert.False(File.Exists(path));
        }

        [Fact]
        public void The_create_methods_are_reached_with_the_argument_shapes_they_declare()
        {
            if (OperatingSystem.IsWindows()) return;
            string path = Path.Combine(Path.GetTempPath(), "tv-acl-" + Guid.NewGuid().ToString("N"));
            // Past the identity (which Linux has not): the extension methods themselves, with real argument objects.
            var file = Assert.Throws<System.Reflection.TargetInvocationException>(() => WindowsAcl.CreateFileMember.Invoke(null, new object[]
            {
                new FileInfo(path), FileMode.CreateNew, Enum.ToObject(WindowsAcl.RightsType, 0x100116), FileShare.None, 4096, FileOptions.None, null,
            }));
            Assert.IsType<PlatformNotSupportedException>(file.InnerException);
            Assert.Contains("System.IO.FileSystemAclExtensions.Create(", file.InnerException.StackTrace);
            var folder = Assert.Throws<System.Reflection.TargetInvocationException>(() => WindowsAcl.CreateDirectoryMember.Invoke(null, new object[] { new DirectoryInfo(path), null }));
            Assert.IsType<PlatformNotSupportedException>(folder.InnerException);
            Assert.False(File.Exists(path) || Directory.Exists(path));
        }
    }
}
