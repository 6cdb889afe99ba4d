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
                new SandboxTrigger("18999000500", SandboxFault.HttpStatus, 500, true, "HTTP 500 the first time, then a match"),
                new SandboxTrigger("18999000501", SandboxFault.HttpStatus, 500, false, "HTTP 500 every time"),
                new SandboxTrigger("18999000429", SandboxFault.HttpStatus, 429, true, "HTTP 429 with Retry-After: 1 the first time, then a match"),
                new SandboxTrigger("18999000200", SandboxFault.NotJson, 200, false, "HTTP 200 with an HTML page instead of JSON, every time"),
                new SandboxTrigger("18999000408", SandboxFault.Hang, 0, false, "never answers (the client's time-out decides)"),
                new SandboxTrigger("18999000300", SandboxFault.Slow, 0, false, "a match, after 300 ms"),
                new SandboxTrigger("18999000001", SandboxFault.Hostile, 1, false, "JSON cut off in the middle"),
                new SandboxTrigger("18999000002", SandboxFault.Hostile, 2, false, "JSON with the wrong types (res is \"yes\")"),
                new SandboxTrigger("18999000003", SandboxFault.Hostile, 3, false, "error_code 0 and no result"),
                new SandboxTrigger("18999000004", SandboxFault.Hostile, 4, false, "an error_code the document does not list (299999)"),
                new SandboxTrigger("18999000005", SandboxFault.Hostile, 5, false, "a 2 MB body"),
                new SandboxTrigger("18999000006", SandboxFault.Drip, 0, false, "a valid answer dripped one byte every 200 ms"),
                new SandboxTrigger("18999000007", SandboxFault.Hostile, 7, false, "a valid match labelled text/html"),
                new SandboxTrigger("18999000008", SandboxFault.Hostile, 8, false, "plain text labelled text/plain"),
            };
            foreach (var info in JuheErrorCatalog.All)
            {
                string code = info.Code.ToString(CultureInfo.InvariantCulture);
                string mobile = info.Kind == JuheErrorKind.Service ? "18999" + code : "189990" + code;
                bool once = info.IsRetried;
                list.Add(new SandboxTrigger(mobile, SandboxFault.ErrorCode, info.Code, once,
                    once ? "error_code " + code + " the first time, then a match" : "error_code " + code + " every time"));
            }
            return list.ToArray();
        }
    }
}
