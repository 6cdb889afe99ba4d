using System;
using TelecomVerify.Commands;
using Xunit;

namespace TelecomVerify.Tests.Cmdlets
{
    /// <summary>Which PowerShell the module refuses at import, by the version of its engine assembly.</summary>
    public class ModuleInitializerTests
    {
        [Theory]
        [InlineData("6.2.0")]
        [InlineData("7.0.3")]
        [InlineData("7.1.7")]
        [InlineData("7.3.12")]
        public void PowerShell_6_to_7_3_is_refused_naming_what_to_install(string version)
        {
            var problem = ModuleInitializer.Problem(new Version(version));
            Assert.NotNull(problem);
            Assert.Contains("7.4", problem);
            Assert.Contains(new Version(version).ToString(2), problem);
        }

        [Theory]
        [InlineData("3.0.0.0")]    // Windows PowerShell 5.1's engine assembly
        [InlineData("7.4.0")]
        [InlineData("7.6.0.500")]
        public void Windows_PowerShell_5_1_and_PowerShell_7_4_on_are_welcome(string version) =>
            Assert.Null(ModuleInitializer.Problem(new Version(version)));
    }
}
