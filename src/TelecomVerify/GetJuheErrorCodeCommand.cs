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
                foreach (var e in JuheErrorCatalog.All.Where(e => Kind == null || Kind.Contains(e.ErrorKind))) WriteObject(e);
                return;
            }
            foreach (var code in Code)
            {
                var info = JuheErrorCatalog.Find(code);
                if (info == null)
                    WriteError(ErrorRecords.Of(new ItemNotFoundException(Text.Format(CmdletMessages.UnlistedCode, code)),
                        "UnknownErrorCode", code));
                else if (Kind == null || Kind.Contains(info.ErrorKind))
                    WriteObject(info);
            }
        }
    }
}
