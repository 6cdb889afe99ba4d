using System;
using System.IO;
using TelecomVerify.Credentials;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    /// <summary>The Windows rule for an existing journal or saved credential, decided over an access list: owned by the user, open to no one else.</summary>
    public class AccessListTests
    {
        private const string Me = "S-1-5-21-1-2-3-1001", Mallory = "S-1-5-21-1-2-3-1002", Users = "S-1-5-32-545", Everyone = "S-1-1-0";
        private const int FullControl = 0x1F01FF, Read = 0x120089, Synchronize = 0x100000;

        [Fact]
        public void What_the_module_creates_is_the_users_own()
        {
            Assert.Null(AccessList.OpenTo(Me, Me, new[] { new AccessEntry(Me, true, FullControl) }));
            // A file in the user's profile also lets SYSTEM and Administrators in, as every file there does.
            Assert.Null(AccessList.OpenTo(Me, Me, new[]
            {
                new AccessEntry(Me, true, FullControl), new AccessEntry(AccessList.LocalSystem, true, FullControl), new AccessEntry(AccessList.Administrators, true, FullControl),
            }));
        }

        [Theory]
        [InlineData(Users)]
        [InlineData(Everyone)]
        [InlineData(Mallory)]
        public void An_allow_entry_for_anyone_else_opens_it(string other)
        {
            var open = AccessList.OpenTo(Me, Me, new[] { new AccessEntry(Me, true, FullControl), new AccessEntry(other, true, Read) });
            Assert.Equal((other, "allowed"), open.Value);
        }

        [Fact]
        public void Another_owner_opens_it_whatever_the_entries()
        {
            Assert.Equal((Mallory, "owner"), AccessList.OpenTo(Mallory, Me, new[] { new AccessEntry(Me, true, FullControl) }).Value);
        }

        [Fact]
        public void Deny_entries_and_synchronize_alone_let_no_one_in()
        {
            Assert.Null(AccessList.OpenTo(Me, Me, new[] { new AccessEntry(Me, true, FullControl), new AccessEntry(Everyone, false, FullControl), new AccessEntry(Users, true, Synchronize) }));
        }

        [Fact]
        public void Reading_a_files_access_list_reaches_the_real_framework_method()
        {
            Assert.NotNull(WindowsAcl.GetFileSecurityMember);
            Assert.NotNull(WindowsAcl.SecurityIdentifierType);
            Assert.Equal("System.IO.FileSystemAclExtensions", WindowsAcl.GetFileSecurityMember.DeclaringType.FullName);
            Assert.NotNull(WindowsAcl.FileSecurityType.GetMethod("GetOwner", new[] { typeof(Type) }));
            Assert.NotNull(WindowsAcl.FileSecurityType.GetMethod("GetAccessRules", new[] { typeof(bool), typeof(bool), typeof(Type) }));
            if (OperatingSystem.IsWindows()) return; // there it reads the real list; this is what Linux can show
            string path = Path.GetTempFileName();
            try
            {
                var ex = Assert.Throws<PlatformNotSupportedException>(() => WindowsAcl.Read(path));
                Assert.Contains("System.IO.FileSystemAclExtensions.GetAccessControl(", ex.StackTrace);
            }
            finally { File.Delete(path); }
        }
    }
}
