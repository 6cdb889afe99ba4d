using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TelecomVerify.Errors;

namespace TelecomVerify.Sandbox
{
    /// <summary>
    /// The sandbox's documented data, in one place that the server, the demo, the help and the
    /// tests read. All values are invented; ID numbers carry valid GB 11643 check characters.
    /// </summary>
    public static class SandboxData
    {
        public const string DefaultApiKey = "sandbox-key-0000000000000000000000";
        public const string DefaultOpenId = "demo-openid-0001";

        /// <summary>How long the slow trigger (18999000300) takes to answer.</summary>
        public const int SlowAnswerMs = 300;

        public static IReadOnlyList<SandboxIdentity> Identities { get; } = new[]
        {
            new SandboxIdentity("李雷", "44030619851212123X", "18900001234", true),
            new SandboxIdentity("韩梅梅", "110105199003074325", "13300001235", true),
            new SandboxIdentity("王芳", "320102197601011237", "13800001236", true),
            new SandboxIdentity("阿卜杜·热合曼", "650102198806150012", "18900001237", true),
            new SandboxIdentity("张伟", "510107199202284568", "18900001238", false),
            new SandboxIdentity("陈静", "310115197008157892", "19900001239", true),
            new SandboxIdentity("MARIA DEL CARMEN GONZALEZ", "931840198001010017", "18900001241", true),
            new SandboxIdentity("刘洋", "110105194901010021", "18900001242", true),
        };

        /// <summary>
        /// Fault triggers by mobile number: <c>18999</c> + a six-digit service code, <c>189990</c> + a
        /// five-digit system code, and <c>1899900</c> + an HTTP-level fault.
        /// </summary>
        public static IReadOnlyList<SandboxTrigger> Triggers { get; } = BuildTriggers();

        public static SandboxIdentity FindByMobile(string mobile) => Identities.FirstOrDefault(i => i.Mobile == mobile);

        public static SandboxTrigger FindTrigger(string mobile) => Triggers.FirstOrDefault(t => t.Mobile == mobile);

        private static SandboxTrigger[] BuildTriggers()
        {
            var list = new List<SandboxTrigger>
            {
                new SandboxTrigger("18999000500", SandboxFault.Http(500, "Internal Server Error"), true),
                new SandboxTrigger("18999000501", SandboxFault.Http(500, "Internal Server Error"), false),
                new SandboxTrigger("18999000429", SandboxFault.Http(429, "Too Many Requests", "1"), true),
                new SandboxTrigger("18999000430", SandboxFault.Http(429, "Too Many Requests", "86400"), false),
                new SandboxTrigger("18999000431", SandboxFault.Http(429, "Too Many Requests", "99999999"), false),
                new SandboxTrigger("18999000302", SandboxFault.Redirect(302, "/telecomCmcc/query"), false),
                new SandboxTrigger("18999000307", SandboxFault.Redirect(307, "/telecomCmcc/query"), false),
                new SandboxTrigger("18999000200", SandboxFault.Body("text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", "NotJson"), false),
                new SandboxTrigger("18999000408", SandboxFault.Hang(), false),
                new SandboxTrigger("18999000300", SandboxFault.Slow(SlowAnswerMs), false),
                new SandboxTrigger("18999002000", SandboxFault.Slow(2000), false),
                new SandboxTrigger("18999000001", SandboxFault.Body(JsonType, "{\"reason\":\"查询成功\",\"result\":{\"orderid\":\"SBX1\",\"res\":1,", "CutOff"), false),
                new SandboxTrigger("18999000002", SandboxFault.Body(JsonType, "{\"reason\":\"查询成功\",\"result\":{\"orderid\":123,\"res\":\"yes\"},\"error_code\":0}", "WrongTypes"), false),
                new SandboxTrigger("18999000003", SandboxFault.Body(JsonType, "{\"reason\":\"查询成功\",\"error_code\":0}", "NoResult"), false),
                new SandboxTrigger("18999000004", SandboxFault.Code(299999), false),
                new SandboxTrigger("18999000005", SandboxFault.Body(JsonType, "{\"reason\":\"" + new string('x', 2 * 1024 * 1024) + "\",\"result\":null,\"error_code\":227302}", "Huge"), false),
                new SandboxTrigger("18999000006", SandboxFault.Drip(200), false),
                new SandboxTrigger("18999000007", SandboxFault.Mislabel("text/html;charset=utf-8"), false),
                new SandboxTrigger("18999000008", SandboxFault.Body("text/plain", "OK", "PlainText"), false),
                new SandboxTrigger("18999000009", SandboxFault.ByteOrderMark(), false),
                new SandboxTrigger("18999000010", SandboxFault.Body(JsonType, "{\"reason\":\"查询成功\",\"result\":{\"res\":\"1\"},\"error_code\":0}", "ResAsText"), false),
                new SandboxTrigger("18999000011", SandboxFault.Body(JsonType, "{\"reason\":\"查询成功\",\"result\":{\"res\":1},\"error_code\":\"0\"}", "CodeAsText"), false),
                new SandboxTrigger("18999000012", SandboxFault.Body(JsonType, "{\"reason\":\"查询成功\",\"result\":{\"res\":3},\"error_code\":0}", "ResThree"), false),
                new SandboxTrigger("18999000013", SandboxFault.Body(JsonType, "{\"error_code\":10001,\"reason\":\"x\",\"error_code\":0,\"result\":{\"res\":1}}", "DuplicateKeys"), false),
                new SandboxTrigger("18999000014", SandboxFault.Body(JsonType, "{\"reason\":\"=HYPERLINK(\\\"http://x\\\")\\u001b[2J\",\"result\":{\"orderid\":\"+cmd|' /C calc'!A0\",\"res\":1},\"error_code\":0}", "HostileText"), false),
            };
            foreach (var info in JuheErrorCatalog.All)
            {
                string code = info.Code.ToString(CultureInfo.InvariantCulture);
                string mobile = info.ErrorKind == JuheErrorKind.Service ? "18999" + code : "189990" + code;
                bool once = info.IsRetried;
                list.Add(new SandboxTrigger(mobile, SandboxFault.Code(info.Code), once, info.Code));
            }
            return list.ToArray();
        }

        private const string JsonType = "application/json;charset=utf-8";
    }
}
