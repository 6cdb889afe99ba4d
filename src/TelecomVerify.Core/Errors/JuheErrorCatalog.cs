using System.Collections.Generic;
using System.Linq;

namespace TelecomVerify.Errors
{
    /// <summary>
    /// Every code of the provider's document, in one table that the engine, Get-JuheErrorCode,
    /// the help and the tests all read. Retried and stop decisions follow DESIGN.md: transient
    /// upstream and rate codes are retried; codes that mean the account or the API cannot serve
    /// any further row stop the run, so a fifty-thousand-row run does not pay fifty thousand
    /// times to learn the key is wrong.
    /// </summary>
    public static class JuheErrorCatalog
    {
        private const JuheErrorKind Sys = JuheErrorKind.System;
        private const JuheErrorKind Svc = JuheErrorKind.Service;

        private static readonly JuheErrorInfo[] Table =
        {
            new JuheErrorInfo(227301, Svc, null, "服务商网络异常，请重试", "The carrier's upstream network failed; try again.", true, false, CheckStatus.Failed),
            new JuheErrorInfo(227302, Svc, null, "查询失败，具体参照reason", "The query failed; the reason says why.", false, false, CheckStatus.Failed),
            new JuheErrorInfo(227303, Svc, null, "库中无此记录", "The carrier has no record of this identity (a newly issued number can take some working days to appear).", false, false, CheckStatus.NoRecord),
            new JuheErrorInfo(227304, Svc, null, "手机号格式有误或非电信号码", "The mobile number is malformed or is not a China Telecom number.", false, false, CheckStatus.InvalidInput),
            new JuheErrorInfo(227305, Svc, null, "姓名不合法", "The name is not valid.", false, false, CheckStatus.InvalidInput),
            new JuheErrorInfo(227306, Svc, null, "身份证号码不合法", "The ID number is not valid.", false, false, CheckStatus.InvalidInput),
            new JuheErrorInfo(227307, Svc, null, "参数错误，具体请看reason", "A parameter is wrong; the reason says which.", false, false, CheckStatus.InvalidInput),
            new JuheErrorInfo(10001, Sys, 101, "错误的请求KEY", "The API key is wrong.", false, true, CheckStatus.Failed),
            new JuheErrorInfo(10002, Sys, 102, "该KEY无请求权限", "The API key has no permission for this API.", false, true, CheckStatus.Failed),
            new JuheErrorInfo(10003, Sys, 103, "KEY过期", "The API key has expired.", false, true, CheckStatus.Failed),
            new JuheErrorInfo(10004, Sys, 104, "错误的OPENID", "The OpenID is wrong.", false, true, CheckStatus.Failed),
            new JuheErrorInfo(10005, Sys, 105, "应用未审核超时，请提交认证", "The application was not reviewed in time; submit it for certification.", false, true, CheckStatus.Failed),
            new JuheErrorInfo(10007, Sys, 107, "未知的请求源", "The request source is unknown to the provider.", false, true, CheckStatus.Failed),
            new JuheErrorInfo(10008, Sys, 108, "被禁止的IP", "This IP address is banned.", false, true, CheckStatus.Failed),
            new JuheErrorInfo(10009, Sys, 109, "被禁止的KEY", "The API key is banned.", false, true, CheckStatus.Failed),
            new JuheErrorInfo(10011, Sys, 111, "当前IP请求超过限制", "This IP address is over its request rate; slowing down and trying again.", true, false, CheckStatus.Failed),
            new JuheErrorInfo(10012, Sys, 112, "请求超过次数限制", "The account's request quota is used up.", false, true, CheckStatus.Failed),
            new JuheErrorInfo(10013, Sys, 113, "测试KEY超过请求限制", "The test key is over its request limit.", false, true, CheckStatus.Failed),
            new JuheErrorInfo(10014, Sys, 114, "系统内部异常(调用充值类业务时，请务必联系客服或通过订单查询接口检测订单，避免造成损失)", "The provider had an internal error; try again.", true, false, CheckStatus.Failed),
            new JuheErrorInfo(10020, Sys, 120, "接口维护", "The API is under maintenance; no row can succeed until it ends.", false, true, CheckStatus.Failed),
            new JuheErrorInfo(10021, Sys, 121, "接口停用", "The API has been stopped.", false, true, CheckStatus.Failed),
        };

        private static readonly Dictionary<int, JuheErrorInfo> ByCode = Table.ToDictionary(e => e.Code);

        public static IReadOnlyList<JuheErrorInfo> All => Table;

        public static JuheErrorInfo Find(int code) => ByCode.TryGetValue(code, out var info) ? info : null;
    }
}
