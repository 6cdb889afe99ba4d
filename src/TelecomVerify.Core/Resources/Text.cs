using System.Globalization;
using TelecomVerify.Validation;

namespace TelecomVerify.Resources
{
    /// <summary>
    /// Messages from <see cref="Messages"/> filled in for the person reading them: the UI culture
    /// picks the language (English, or Chinese under zh-CN), the culture formats the numbers.
    /// </summary>
    internal static class Text
    {
        public static string Format(string format, params object[] args) => string.Format(CultureInfo.CurrentCulture, format, args);

        /// <summary>How a field is named in a message: the parameter's name in English, the HR word in Chinese.</summary>
        public static string Field(IdentityField field)
        {
            switch (field)
            {
                case IdentityField.RealName: return Messages.Field_RealName;
                case IdentityField.IdCard: return Messages.Field_IdCard;
                default: return Messages.Field_Mobile;
            }
        }

        /// <summary>Where a credential value came from, as a sentence names it ("the session", 会话); Get-JuheCredential shows the enum's word.</summary>
        public static string Source(Credentials.CredentialSource source) =>
            Messages.ResourceManager.GetString("Source_" + source, Messages.Culture) ?? source.ToString();

        /// <summary>The explanation of one of the provider's codes; null for a code its document does not list.</summary>
        public static string Code(int code) =>
            Messages.ResourceManager.GetString("Code_" + code.ToString(CultureInfo.InvariantCulture), Messages.Culture);

        /// <summary>Sentences one after another: a space between English ones, none between Chinese ones.</summary>
        public static string Sentences(System.Collections.Generic.IEnumerable<string> sentences)
        {
            string joined = null;
            foreach (var s in sentences) joined = joined == null ? s : Format(Messages.TwoSentences, joined, s);
            return joined ?? string.Empty;
        }

        /// <summary>" (after 3 attempts)".</summary>
        public static string AfterAttempts(int attempts) => Format(attempts == 1 ? Messages.After_Attempt : Messages.After_Attempts, attempts);
    }
}
