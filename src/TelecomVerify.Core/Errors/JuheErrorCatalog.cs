using System.Collections.Generic;
using System.Linq;
using TelecomVerify.Verification;

namespace TelecomVerify.Errors
{
    /// <summary>
    /// Every code of the provider's document, in one table that the engine, Get-JuheErrorCode,
    /// the help, the sandbox and the tests all read. Each row carries the code's whole policy
    /// (<see cref="CodePolicy"/>): adding a code is adding a row. Codes that mean the account or
    /// the API cannot serve any further row stop the run, so a fifty-thousand-row run does not
    /// pay fifty thousand times to learn the key is wrong.
    /// </summary>
    public static class JuheErrorCatalog
    {
        private const JuheErrorKind Sys = JuheErrorKind.System;
        private const JuheErrorKind Svc = JuheErrorKind.Service;

        // The codes other parts of the module name (the sandbox answers with them).
        public const int UpstreamFailed = 227301, QueryFailed = 227302, NoRecord = 227303, BadMobile = 227304,
            BadName = 227305, BadIdCard = 227306, BadParameter = 227307, WrongKey = 10001, WrongOpenId = 10004;

        private static readonly CodePolicy Account = CodePolicy.StopRun(FailureCategory.AuthenticationError);
        private static readonly CodePolicy Denied = CodePolicy.StopRun(FailureCategory.PermissionDenied);
        private static readonly CodePolicy Quota = CodePolicy.StopRun(FailureCategory.QuotaExceeded);
        private static readonly CodePolicy Unavailable = CodePolicy.StopRun(FailureCategory.ResourceUnavailable);
        private static readonly CodePolicy Refused = CodePolicy.AnswerAbout(CheckStatus.InvalidInput);

        private static readonly JuheErrorInfo[] Table =
        {
            new JuheErrorInfo(UpstreamFailed, Svc, null, "服务商网络异常，请重试", CodePolicy.TryAgain(FailureCategory.ConnectionError)),
            new JuheErrorInfo(QueryFailed, Svc, null, "查询失败，具体参照reason", CodePolicy.FailRow(FailureCategory.InvalidResult)),
            new JuheErrorInfo(NoRecord, Svc, null, "库中无此记录", CodePolicy.AnswerAbout(CheckStatus.NoRecord)),
            new JuheErrorInfo(BadMobile, Svc, null, "手机号格式有误或非电信号码", Refused),
            new JuheErrorInfo(BadName, Svc, null, "姓名不合法", Refused),
            new JuheErrorInfo(BadIdCard, Svc, null, "身份证号码不合法", Refused),
            new JuheErrorInfo(BadParameter, Svc, null, "参数错误，具体请看reason", Refused),
            new JuheErrorInfo(WrongKey, Sys, 101, "错误的请求KEY", Account),
            new JuheErrorInfo(10002, Sys, 102, "该KEY无请求权限", Denied),
            new JuheErrorInfo(10003, Sys, 103, "KEY过期", Account),
            new JuheErrorInfo(WrongOpenId, Sys, 104, "错误的OPENID", Account),
            new JuheErrorInfo(10005, Sys, 105, "应用未审核超时，请提交认证", Denied),
            new JuheErrorInfo(10007, Sys, 107, "未知的请求源", Denied),
            new JuheErrorInfo(10008, Sys, 108, "被禁止的IP", Denied),
            new JuheErrorInfo(10009, Sys, 109, "被禁止的KEY", Account),
            new JuheErrorInfo(10011, Sys, 111, "当前IP请求超过限制", CodePolicy.SlowDown(FailureCategory.QuotaExceeded)),
            new JuheErrorInfo(10012, Sys, 112, "请求超过次数限制", Quota),
            new JuheErrorInfo(10013, Sys, 113, "测试KEY超过请求限制", Quota),
            new JuheErrorInfo(10014, Sys, 114, "系统内部异常(调用充值类业务时，请务必联系客服或通过订单查询接口检测订单，避免造成损失)", CodePolicy.SlowDown(FailureCategory.ConnectionError)),
            new JuheErrorInfo(10020, Sys, 120, "接口维护", Unavailable),
            new JuheErrorInfo(10021, Sys, 121, "接口停用", Unavailable),
        };

        private static readonly Dictionary<int, JuheErrorInfo> ByCode = Table.ToDictionary(e => e.Code);

        public static IReadOnlyList<JuheErrorInfo> All => Table;

        public static JuheErrorInfo Find(int code) => ByCode.TryGetValue(code, out var info) ? info : null;

        /// <summary>A code the document does not list: the row fails, and says which code came.</summary>
        internal static readonly CodePolicy Unlisted = CodePolicy.FailRow(FailureCategory.InvalidResult);

        internal static CodePolicy PolicyFor(int code) => Find(code)?.Policy ?? Unlisted;
    }
}
