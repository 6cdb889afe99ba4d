using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using TelecomVerify.Crypto;
using TelecomVerify.Errors;
using TelecomVerify.Protocol;

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
        private readonly ConcurrentDictionary<string, int> _asked = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        private long _orders;
        private const int MaxCounted = 4096;

        public SandboxProvider(string apiKey, string openId)
        {
            _apiKey = apiKey;
            _cipher = new JuheCipher(openId);
        }

        public SandboxResponse Answer(string path, IDictionary<string, string> form)
        {
            var endpoint = JuheEndpoint.ForRequestPath(path);
            if (endpoint == null) return new SandboxResponse { Status = 404, Reason = "Not Found", ContentType = "text/plain", Body = "not found" };

            form.TryGetValue("key", out var key);
            if (string.IsNullOrEmpty(key) || !string.Equals(key, _apiKey, StringComparison.Ordinal))
                return Error(JuheErrorCatalog.WrongKey);

            if (!form.TryGetValue("realname", out var name) || string.IsNullOrEmpty(name)) return SandboxResponse.Error(JuheErrorCatalog.BadParameter, "参数错误：realname不能为空");
            if (!form.TryGetValue("idcard", out var id) || string.IsNullOrEmpty(id)) return SandboxResponse.Error(JuheErrorCatalog.BadParameter, "参数错误：idcard不能为空");
            if (!form.TryGetValue("mobile", out var mobile) || string.IsNullOrEmpty(mobile)) return SandboxResponse.Error(JuheErrorCatalog.BadParameter, "参数错误：mobile不能为空");
            bool detail = form.TryGetValue("detail", out var d) && d == "1";

            if (endpoint.EncryptsValues)
            {
                try
                {
                    name = _cipher.Decrypt(name);
                    id = _cipher.Decrypt(id);
                    mobile = _cipher.Decrypt(mobile);
                }
                catch (FormatException) { return SandboxResponse.Error(JuheErrorCatalog.BadParameter, "参数错误：加密参数不是Base64"); }
                catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException || ex is ArgumentException)
                {
                    // Text encrypted under another OpenID does not decrypt: the provider's word for that is 10004.
                    return Error(JuheErrorCatalog.WrongOpenId);
                }
            }

            // Per-identity counts for tests, bounded so a sandbox serving a million rows stays small.
            if (_asked.Count < MaxCounted || _asked.ContainsKey(mobile)) _asked.AddOrUpdate(mobile, 1, (_, n) => n + 1);
            var trigger = SandboxData.FindTrigger(mobile);
            if (trigger != null)
            {
                // A trigger's "right answer" is a match: the identity's own values, known to its carrier.
                SandboxResponse Right() => Answer(name, id, mobile, detail, new SandboxIdentity(name, id, mobile, true));
                if (trigger.Once && !_failedOnce.TryAdd(name + "\u0001" + id + "\u0001" + mobile, 0)) return Right();
                return trigger.Fault.Apply(Right);
            }

            if (!SandboxRules.IsMobile(mobile)) return Error(JuheErrorCatalog.BadMobile);
            if (!SandboxRules.IsName(name)) return Error(JuheErrorCatalog.BadName);
            if (!SandboxRules.IsIdCard(id)) return Error(JuheErrorCatalog.BadIdCard);

            var known = SandboxData.FindByMobile(mobile);
            if (known == null) return Error(JuheErrorCatalog.NoRecord);
            return Answer(name, id, mobile, detail, known);
        }

        /// <summary>Requests that asked about this mobile number (after decryption) since start or the last reset;
        /// the first 4096 distinct numbers are counted.</summary>
        public int RequestsFor(string mobile) => _asked.TryGetValue(mobile, out var n) ? n : 0;

        public void Reset() => _asked.Clear();

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
