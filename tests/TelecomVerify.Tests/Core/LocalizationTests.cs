using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Resources;
using System.Text.RegularExpressions;
using TelecomVerify.Validation;
using TelecomVerify.Verification;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    /// <summary>Every message in English and Chinese; the UI culture picks.</summary>
    public class LocalizationTests
    {
        private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

        public static TheoryData<string> Resources => new TheoryData<string> { "core", "cmdlets" };

        private static ResourceManager ManagerFor(string which) => which == "core"
            ? new ResourceManager("TelecomVerify.Resources.Messages", typeof(IdentityCheckResult).Assembly)
            : new ResourceManager("TelecomVerify.Commands.Resources.CmdletMessages", typeof(TelecomVerify.Commands.TestTelecomIdentityCommand).Assembly);

        private static Dictionary<string, string> Read(ResourceManager manager, CultureInfo culture)
        {
            // tryParents: false, so a key the Chinese file lacks is missing here rather than filled with English.
            var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
            Assert.NotNull(set);
            return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value);
        }

        private static HashSet<string> Placeholders(string text) =>
            new HashSet<string>(Regex.Matches(text, @"\{(\d+)[^}]*\}").Cast<Match>().Select(m => m.Groups[1].Value));

        [Theory]
        [MemberData(nameof(Resources))]
        public void Every_key_has_an_English_and_a_Chinese_text_that_takes_the_same_values(string which)
        {
            var manager = ManagerFor(which);
            var english = Read(manager, CultureInfo.InvariantCulture);
            var chinese = Read(manager, Chinese);
            Assert.True(english.Count > 40, which + ": " + english.Count + " keys");
            Assert.Empty(english.Keys.Except(chinese.Keys));
            Assert.Empty(chinese.Keys.Except(english.Keys));
            foreach (var key in english.Keys)
            {
                Assert.False(string.IsNullOrWhiteSpace(chinese[key]), key);
                Assert.True(chinese[key] != english[key], key + " is not translated");
                // The Chinese may leave out an English plural ending, never ask for a value the code does not give.
                var missing = Placeholders(chinese[key]).Except(Placeholders(english[key])).ToList();
                Assert.True(missing.Count == 0, key + " uses {" + string.Join(",", missing) + "}");
                // A text with values is a format string: it must format (a stray brace would throw at run time).
                if (Placeholders(english[key]).Count == 0) continue;
                var args = Enumerable.Range(0, 16).Select(i => (object)i).ToArray();
                string.Format(Chinese, chinese[key], args);
                string.Format(CultureInfo.InvariantCulture, english[key], args);
            }
        }

        /// <summary>
        /// What a native reader trips on in a Chinese sentence: a parameter's English name standing for a
        /// field (RealName, IdCard, Mobile), ASCII punctuation against a Chinese character, and a half-width
        /// space between two Chinese sentences or inside full-width punctuation. What a user types (a
        /// command with its parameters, a shell command, a script block) is code, not prose, and is left out.
        /// </summary>
        [Theory]
        [MemberData(nameof(Resources))]
        public void Chinese_texts_use_Chinese_words_for_the_fields_and_Chinese_punctuation(string which)
        {
            var problems = new List<string>();
            foreach (var entry in Read(ManagerFor(which), Chinese))
            {
                string prose = ProseOf(entry.Value);
                if (Regex.IsMatch(prose, @"(?<![-.$A-Za-z])(RealName|IdCard|Mobile)(?![A-Za-z])"))
                    problems.Add(entry.Key + ": a field's English name: " + entry.Value);
                if (Regex.IsMatch(prose, @"[\u3400-\u9FFF][()'"":;,?!]|[()'"":;,?!][\u3400-\u9FFF]|[()]"))
                    problems.Add(entry.Key + ": ASCII punctuation beside Chinese: " + entry.Value);
                if (Regex.IsMatch(prose, @"[。；！？：，（）“”、] | [。；！？：，（）“”、]"))
                    problems.Add(entry.Key + ": a half-width space beside Chinese punctuation: " + entry.Value);
            }
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        /// <summary>The text without what a user would type: placeholders, commands and their arguments up to the next Chinese punctuation, script blocks, paths and addresses.</summary>
        private static string ProseOf(string text)
        {
            text = Regex.Replace(text, @"\{\{.*?\}\}", "X");                      // a script block: { $_.员工姓名 }
            text = Regex.Replace(text, @"\{\d+[^}]*\}", "0");                      // a placeholder
            text = Regex.Replace(text, @"(?:\b[A-Z][a-z]+-[A-Z][A-Za-z]+|(?<![A-Za-z])-[A-Z][A-Za-z]+|\bchmod|\bchown|https?://)[^，。；：（）“”、\s]*(?:\s+[^\s，。；：（）“”、\u3400-\u9FFF][^，。；：（）“”、\s]*)*", "X");
            return text;
        }

        [Fact]
        public void A_mismatch_a_local_rejection_and_the_summary_read_in_Chinese_under_zh_CN()
        {
            var saved = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentUICulture = Chinese;
                Assert.Equal("姓名与该手机号登记的不一致。", OutcomeMessages.ForAnswer(2, MatchDetail.NameMismatch));
                Assert.Equal("三要素一致：姓名、身份证号和手机号相符。", OutcomeMessages.ForAnswer(1, MatchDetail.Match));
                Assert.StartsWith("库中无此记录", OutcomeMessages.ForCode(227303));
                var problem = IdentityValidator.Validate("李雷", "440306198512121230", "18900001234", DateTime.Today).Single();
                Assert.Equal("身份证号：校验码不符（GB 11643）：很可能有数字输错。", problem.ToString());
                var summary = new RunSummary { Rows = 3, Sent = 2, Answered = 2, Duplicates = 1, Elapsed = TimeSpan.FromSeconds(1.25), StoppedAtRow = 3 };
                Assert.Equal("共 3 行，用时 1.3 秒：已查得结果 2 行，取自核验记录 0 行，重复 1 行，本地拒绝 0 行，失败 0 行；发送请求 2 次。停在第 3 行。", summary.ToString());

                CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
                Assert.Equal("The name does not match the one registered for the mobile number.", OutcomeMessages.ForAnswer(2, MatchDetail.NameMismatch));
                Assert.Equal("3 rows in 1.3 s: 2 answered, 0 from the journal, 1 duplicate, 0 rejected locally, 0 failed; 2 requests sent. Stopped at row 3.", summary.ToString());
            }
            finally
            {
                CultureInfo.CurrentUICulture = saved;
            }
        }
    }
}
