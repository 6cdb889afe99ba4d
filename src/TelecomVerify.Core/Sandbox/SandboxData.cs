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
            new SandboxIdentity("李雷", "44030619851212123X", "18900001234", true, "matches; the notes' cipher test vector"),
            new SandboxIdentity("韩梅梅", "110105199003074325", "13300001235", true, "matches"),
            new SandboxIdentity("王芳", "320102197601011237", "13800001236", true, "matches: a number ported from another carrier's prefix"),
            new SandboxIdentity("阿卜杜·热合曼", "650102198806150012", "18900001237", true, "matches: a name with a middle dot"),
            new SandboxIdentity("张伟", "510107199202284568", "18900001238", false, "a mismatch on this number is reported as rescode 24"),
            new SandboxIdentity("陈静", "310115197008157892", "19900001239", true, "matches"),
            new SandboxIdentity("MARIA DEL CARMEN GONZALEZ", "931840198001010017", "18900001241", true, "matches: a passport name on a foreigner's permanent residence ID"),
            new SandboxIdentity("刘洋", "110105194901010021", "18900001242", true, "matches; also when the ID is given in its legacy 15-digit form, 110105490101002"),
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
                new SandboxTrigger("18999000500", SandboxFault.Http(500, "Internal Server Error"), true, "HTTP 500 the first time, then the answer"),
                new SandboxTrigger("18999000501", SandboxFault.Http(500, "Internal Server Error"), false, "HTTP 500 every time"),
                new SandboxTrigger("18999000429", SandboxFault.Http(429, "Too Many Requests", "1"), true, "HTTP 429 with Retry-After: 1 the first time, then the answer"),
                new SandboxTrigger("18999000430", SandboxFault.Http(429, "Too Many Requests", "86400"), false, "HTTP 429 with Retry-After: 86400 (a day) every time"),
                new SandboxTrigger("18999000431", SandboxFault.Http(429, "Too Many Requests", "99999999"), false, "HTTP 429 with Retry-After: 99999999 every time"),
                new SandboxTrigger("18999000302", SandboxFault.Redirect(302, "/telecomCmcc/query"), false, "HTTP 302 to the same endpoint, every time (a client must not follow it)"),
                new SandboxTrigger("18999000307", SandboxFault.Redirect(307, "/telecomCmcc/query"), false, "HTTP 307 to the same endpoint, every time"),
                new SandboxTrigger("18999000200", SandboxFault.Body("text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", "NotJson"), false, "HTTP 200 with an HTML page instead of JSON, every time"),
                new SandboxTrigger("18999000408", SandboxFault.Hang(), false, "never answers (the client's time-out decides)"),
                new SandboxTrigger("18999000300", SandboxFault.Slow(SlowAnswerMs), false, "the answer, after 300 ms"),
                new SandboxTrigger("18999002000", SandboxFault.Slow(2000), false, "the answer, after 2 s (longer than -TimeoutSec 1)"),
                new SandboxTrigger("18999000001", SandboxFault.Body(JsonType, "{\"reason\":\"查询成功\",\"result\":{\"orderid\":\"SBX1\",\"res\":1,", "CutOff"), false, "JSON cut off in the middle"),
                new SandboxTrigger("18999000002", SandboxFault.Body(JsonType, "{\"reason\":\"查询成功\",\"result\":{\"orderid\":123,\"res\":\"yes\"},\"error_code\":0}", "WrongTypes"), false, "JSON with the wrong types (res is \"yes\")"),
                new SandboxTrigger("18999000003", SandboxFault.Body(JsonType, "{\"reason\":\"查询成功\",\"error_code\":0}", "NoResult"), false, "error_code 0 and no result"),
                new SandboxTrigger("18999000004", SandboxFault.Code(299999), false, "an error_code the document does not list (299999)"),
                new SandboxTrigger("18999000005", SandboxFault.Body(JsonType, "{\"reason\":\"" + new string('x', 2 * 1024 * 1024) + "\",\"result\":null,\"error_code\":227302}", "Huge"), false, "a 2 MB body"),
                new SandboxTrigger("18999000006", SandboxFault.Drip(200), false, "the answer dripped one byte every 200 ms"),
                new SandboxTrigger("18999000007", SandboxFault.Mislabel("text/html;charset=utf-8"), false, "the answer labelled text/html"),
                new SandboxTrigger("18999000008", SandboxFault.Body("text/plain", "OK", "PlainText"), false, "plain text labelled text/plain"),
                new SandboxTrigger("18999000009", SandboxFault.ByteOrderMark(), false, "the answer preceded by a UTF-8 byte-order mark"),
                new SandboxTrigger("18999000010", SandboxFault.Body(JsonType, "{\"reason\":\"查询成功\",\"result\":{\"res\":\"1\"},\"error_code\":0}", "ResAsText"), false, "error_code 0 with res as text (\"1\")"),
                new SandboxTrigger("18999000011", SandboxFault.Body(JsonType, "{\"reason\":\"查询成功\",\"result\":{\"res\":1},\"error_code\":\"0\"}", "CodeAsText"), false, "error_code as text (\"0\")"),
                new SandboxTrigger("18999000012", SandboxFault.Body(JsonType, "{\"reason\":\"查询成功\",\"result\":{\"res\":3},\"error_code\":0}", "ResThree"), false, "error_code 0 with res 3"),
                new SandboxTrigger("18999000013", SandboxFault.Body(JsonType, "{\"error_code\":10001,\"reason\":\"x\",\"error_code\":0,\"result\":{\"res\":1}}", "DuplicateKeys"), false, "error_code twice (10001, then 0)"),
                new SandboxTrigger("18999000014", SandboxFault.Body(JsonType, "{\"reason\":\"=HYPERLINK(\\\"http://x\\\")\\u001b[2J\",\"result\":{\"orderid\":\"+cmd|' /C calc'!A0\",\"res\":1},\"error_code\":0}", "HostileText"), false, "a match whose reason clears a terminal and whose order ID is a spreadsheet formula"),
            };
            foreach (var info in JuheErrorCatalog.All)
            {
                string code = info.Code.ToString(CultureInfo.InvariantCulture);
                string mobile = info.ErrorKind == JuheErrorKind.Service ? "18999" + code : "189990" + code;
                bool once = info.IsRetried;
                list.Add(new SandboxTrigger(mobile, SandboxFault.Code(info.Code), once,
                    once ? "error_code " + code + " the first time, then the answer" : "error_code " + code + " every time"));
            }
            return list.ToArray();
        }

        private const string JsonType = "application/json;charset=utf-8";
    }
}
