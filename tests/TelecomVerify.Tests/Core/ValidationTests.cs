using System;
using System.Linq;
using TelecomVerify.Sandbox;
using TelecomVerify.Validation;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    public class ValidationTests
    {
        private static readonly DateTime Today = new DateTime(2026, 11, 28);

        [Fact]
        public void Every_sample_identity_passes()
        {
            foreach (var i in SandboxData.Identities)
                Assert.Empty(IdentityValidator.Validate(i.RealName, i.IdCard, i.Mobile, Today));
        }

        [Fact]
        public void The_check_character_follows_gb11643()
        {
            Assert.Equal('X', IdCardRules.ComputeCheckCharacter("44030619851212123"));
            Assert.Equal('5', IdCardRules.ComputeCheckCharacter("11010519900307432"));
            Assert.Contains("check-character", IdCardRules.Check("440306198512121234", Today));
        }

        [Theory]
        [InlineData("440306851212123", "legacy 15-digit")]
        [InlineData("4403061985121212", "18 characters")]
        [InlineData("440306198502301239", "does not exist")]
        [InlineData("44030619851212A23X", "17 digits")]
        public void Malformed_id_numbers_say_what_is_wrong(string id, string expected) =>
            Assert.Contains(expected, IdCardRules.Check(id, Today));

        [Fact]
        public void A_birth_date_in_the_future_is_refused()
        {
            string first17 = "44030620270101123";
            string id = first17 + IdCardRules.ComputeCheckCharacter(first17);
            Assert.Contains("future", IdCardRules.Check(id, Today));
            Assert.Null(IdCardRules.Check(id, new DateTime(2027, 6, 1)));
        }

        [Theory]
        [InlineData("13800001236")] // a China Mobile prefix, ported: the provider decides
        [InlineData("15000000000")]
        [InlineData("19900001239")]
        public void No_mobile_is_refused_for_its_prefix(string mobile) => Assert.Null(IdentityValidator.CheckMobile(mobile));

        [Theory]
        [InlineData("1890000123", "11 digits")]
        [InlineData("28900001234", "start with 1")]
        [InlineData("189000012a4", "digits only")]
        public void Malformed_mobiles_are_refused(string mobile, string expected) => Assert.Contains(expected, IdentityValidator.CheckMobile(mobile));

        [Theory]
        [InlineData("李雷2", "digit")]
        [InlineData("·李雷", "cannot start with")]
        [InlineData("阿卜杜··热合曼", "two middle dots")]
        [InlineData("李", "at least 2")]
        [InlineData("李\uFFFD", "Test-TelecomIdentity -Path")]
        [InlineData("李\u0007雷", "control character")]
        public void Names_that_cannot_be_real_are_refused(string name, string expected) => Assert.Contains(expected, IdentityValidator.CheckName(name));

        [Fact]
        public void Every_problem_of_a_row_is_reported_with_its_field()
        {
            var problems = IdentityValidator.Validate("", "123", "abc", Today);
            Assert.Equal(new[] { IdentityField.RealName, IdentityField.IdCard, IdentityField.Mobile }, problems.Select(p => p.Field));
        }
    }
}
