using System;
using System.Linq;
using System.Management.Automation;
using TelecomVerify.Errors;
using TelecomVerify.Commands.Resources;
using TelecomVerify.Resources;

namespace TelecomVerify.Commands
{
    /// <summary>Get-JuheErrorCode: the provider's codes and what the module does with each.</summary>
    [Cmdlet(VerbsCommon.Get, "JuheErrorCode")]
    [OutputType(typeof(JuheErrorInfo))]
    public sealed class GetJuheErrorCodeCommand : JuheCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ErrorCode", "error_code")]
        [ArgumentCompleter(typeof(ErrorCodeCompleter))]
        public int[] Code { get; set; }

        [Parameter]
        public JuheErrorKind[] Kind { get; set; }

        protected override void ProcessRecord()
        {
            if (Code == null)
            {
                foreach (var e in JuheErrorCatalog.All.Where(e => Kind == null || Kind.Contains(e.ErrorKind))) WriteObject(Shown(e));
                return;
            }
            foreach (var code in Code)
            {
                var info = JuheErrorCatalog.Find(code);
                if (info == null)
                    WriteError(ErrorRecords.Of(new ItemNotFoundException(Text.Format(CmdletMessages.UnlistedCode, code)),
                        "UnknownErrorCode", code));
                else if (Kind == null || Kind.Contains(info.ErrorKind))
                    WriteObject(Shown(info));
            }
        }

        /// <summary>Under a Chinese UI culture the table's labels and words are Chinese (its own view, by a second type name); the object is the same.</summary>
        private static object Shown(JuheErrorInfo info)
        {
            if (!System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase)) return info;
            var shown = new PSObject(info.Copy());
            shown.TypeNames.Insert(0, ChineseView);
            return shown;
        }

        internal const string ChineseView = "TelecomVerify.Errors.JuheErrorInfo#zh-CN";
    }
}
