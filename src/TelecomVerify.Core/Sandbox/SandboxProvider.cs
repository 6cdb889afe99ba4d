using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using TelecomVerify.Crypto;
using TelecomVerify.Errors;
using TelecomVerify.Validation;

namespace TelecomVerify.Sandbox
{
    /// <summary>
    /// The provider's behaviour, without the HTTP: checks the key, decrypts queryEncry values, checks
    /// the values as the provider does (it does not normalize), and answers from <see cref="SandboxData"/>.
    /// </summary>
    internal sealed class SandboxProvider
    {
        private readonly string _apiKey;
        private readonly JuheCipher _cipher;
        private readonly ConcurrentDictionary<string, byte> _failedOnce = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private long _orders;

        public SandboxProvider(string apiKey, string openId)
        {
            _apiKey = apiKey;
            _cipher = new JuheCipher(openId);
        }

        public SandboxResponse Answer(string path, IDictionary<string, string> form)
        {
            bool encrypted;
            if (path.EndsWith("/telecomCmcc/query", StringComparison.Ordinal)) encrypted = false;
            else if (path.EndsWith("/telecomCmcc/queryEncry", StringComparison.Ordinal)) encrypted = true;
            else return new SandboxResponse { Status = 404, Reason = "Not Found", ContentType = "text/plain", Body = "not found" };

            form.TryGetValue("key", out var key);
            if (string.IsNullOrEmpty(key) || !string.Equals(key, _apiKey, StringComparison.Ordinal))
                return Error(10001);

            if (!form.TryGetValue("realname", out var name) || string.IsNullOrEmpty(name)) return SandboxResponse.Error(227307, "参数错误：realname不能为空");
            if (!form.TryGetValue("idcard", out var id) || string.IsNullOrEmpty(id)) return SandboxResponse.Error(227307, "参数错误：idcard不能为空");
            if (!form.TryGetValue("mobile", out var mobile) || string.IsNullOrEmpty(mobile)) return SandboxResponse.Error(227307, "参数错误：mobile不能为空");
            bool detail = form.TryGetValue("detail", out var d) && d == "1";

            if (encrypted)
            {
                try
                {
                    name = _cipher.Decrypt(name);
                    id = _cipher.Decrypt(id);
                    mobile = _cipher.Decrypt(mobile);
                }
                catch (FormatException) { return SandboxResponse.Error(227307, "参数错误：加密参数不是Base64"); }
                catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException || ex is ArgumentException)
                {
                    // Text encrypted under another OpenID does not decrypt: the provider's word for that is 10004.
                    return Error(10004);
                }
            }

            var trigger = SandboxData.FindTrigger(mobile);
            if (trigger != null)
            {
                var fault = Fault(trigger, name + "\u0001" + id + "\u0001" + mobile);
                if (fault != null) return fault;
                var answer = Answer(name, id, mobile, detail, new SandboxIdentity(name, id, mobile, true, null));
                if (trigger.Fault == SandboxFault.Slow) answer.DelayMs = SandboxData.SlowAnswerMs;
                if (trigger.Fault == SandboxFault.Drip) answer.DripMs = 200;
                if (trigger.Fault == SandboxFault.Hostile && trigger.Code == 7) answer.ContentType = "text/html;charset=utf-8";
                return answer;
            }

            if (IdentityValidator.CheckMobile(mobile) != null) return Error(227304);
            if (IdentityValidator.CheckName(name) != null) return Error(227305);
            if (IdCardRules.Check(id, DateTime.Today) != null) return Error(227306);

            var known = SandboxData.FindByMobile(mobile);
            if (known == null) return Error(227303);
            return Answer(name, id, mobile, detail, known);
        }

        private SandboxResponse Fault(SandboxTrigger trigger, string identity)
        {
            if (trigger.Once && !_failedOnce.TryAdd(trigger.Mobile + "\u0002" + identity, 0)) return null;
            switch (trigger.Fault)
            {
                case SandboxFault.ErrorCode: return Error(trigger.Code);
                case SandboxFault.HttpStatus:
                    return new SandboxResponse
                    {
                        Status = trigger.Code,
                        Reason = trigger.Code == 429 ? "Too Many Requests" : "Internal Server Error",
                        ContentType = "text/plain",
                        Body = "sandbox fault " + trigger.Code,
                        RetryAfter = trigger.Code == 429 ? "1" : null,
                    };
                case SandboxFault.Slow:
                case SandboxFault.Drip:
                    return null;
                case SandboxFault.Hostile:
                    return Hostile(trigger.Code);
                case SandboxFault.NotJson:
                    return new SandboxResponse { ContentType = "text/html", Body = "<html><body><h1>502 Bad Gateway</h1></body></html>" };
                default:
                    return new SandboxResponse { Hang = true };
            }
        }

        private static SandboxResponse Hostile(int variant)
        {
            switch (variant)
            {
                case 1: return SandboxResponse.Json("{\"reason\":\"查询成功\",\"result\":{\"orderid\":\"SBX1\",\"res\":1,");
                case 2: return SandboxResponse.Json("{\"reason\":\"查询成功\",\"result\":{\"orderid\":123,\"res\":\"yes\"},\"error_code\":0}");
                case 3: return SandboxResponse.Json("{\"reason\":\"查询成功\",\"error_code\":0}");
                case 4: return SandboxResponse.Error(299999, "未知错误");
                case 5: return SandboxResponse.Json("{\"reason\":\"" + new string('x', 2 * 1024 * 1024) + "\",\"result\":null,\"error_code\":227302}");
                case 8: return new SandboxResponse { ContentType = "text/plain", Body = "OK" };
                default: return null; // 7: a valid answer, mislabelled by the caller
            }
        }

        private SandboxResponse Answer(string name, string id, string mobile, bool detail, SandboxIdentity known)
        {
            bool nameOk = name == known.RealName, idOk = id == known.IdCard;
            string rescode = nameOk && idOk ? "11" : !known.DetailKnown ? "24" : !nameOk && !idOk ? "23" : !nameOk ? "21" : "22";
            int res = rescode == "11" ? 1 : 2;
            string orderId = "SBX" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
                + Interlocked.Increment(ref _orders).ToString("D8", CultureInfo.InvariantCulture);
            string body = "{\"reason\":\"查询成功\",\"result\":{\"realname\":\"****\",\"mobile\":\"*****\",\"idcard\":\"*****\","
                + "\"orderid\":\"" + orderId + "\",\"res\":" + res + ",\"resmsg\":\"" + (res == 1 ? "三要素身份验证一致" : "三要素身份验证不一致") + "\""
                + (detail ? ",\"rescode\":\"" + rescode + "\"" : string.Empty) + "},\"error_code\":0}";
            return SandboxResponse.Json(body);
        }

        private static SandboxResponse Error(int code) => SandboxResponse.Error(code, JuheErrorCatalog.Find(code).ProviderText);
    }
}
