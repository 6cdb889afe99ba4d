using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;
using TelecomVerify.Errors;

namespace TelecomVerify.Commands
{
    /// <summary>Completes -Code with the documented codes, each with its description as the tooltip.</summary>
    public sealed class ErrorCodeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            foreach (var e in JuheErrorCatalog.All)
            {
                string code = e.Code.ToString(CultureInfo.InvariantCulture);
                if (code.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.Ordinal))
                    yield return new CompletionResult(code, code + " " + e.ProviderText, CompletionResultType.ParameterValue, e.Description);
            }
        }
    }
}
