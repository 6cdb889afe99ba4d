using System;
using TelecomVerify.Credentials;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    /// <summary>
    /// The Windows path has never run on this project's Linux machines. What Linux can prove: the
    /// module's reflection finds the real ProtectedData (the package PowerShell 7 ships), with the
    /// right name, signature and argument shapes, and the call gets as far as DPAPI itself, which
    /// refuses from inside its own method on a platform without it.
    /// </summary>
    public class DpapiPathTests
    {
        [Theory]
        [InlineData("Protect")]
        [InlineData("Unprotect")]
        public void The_reflection_path_reaches_the_real_ProtectedData_method(string method)
        {
            if (OperatingSystem.IsWindows()) return; // there it works; this test is about what Linux can show
            var ex = Assert.Throws<PlatformNotSupportedException>(() =>
            {
                if (method == "Protect") SecretProtector.Protect(SecretProtector.Dpapi, "a key");
                else SecretProtector.Unprotect(SecretProtector.Dpapi, Convert.ToBase64String(new byte[] { 1, 2, 3 }));
            });
            // Thrown by the package's own method: a wrong name or signature would be a MissingMethod or
            // an ArgumentException from reflection, and a missing package the module's own message.
            Assert.Contains("System.Security.Cryptography.ProtectedData." + method + "(", ex.StackTrace);
            Assert.DoesNotContain("is not available in this PowerShell", ex.Message);
        }

        [Fact]
        public void Off_windows_the_saved_file_says_it_is_not_encrypted()
        {
            if (OperatingSystem.IsWindows()) return;
            Assert.Equal(SecretProtector.None, SecretProtector.Scheme);
            Assert.Equal("a key", SecretProtector.Protect(SecretProtector.None, "a key"));
        }
    }
}
