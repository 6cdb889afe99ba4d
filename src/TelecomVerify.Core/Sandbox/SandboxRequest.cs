using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using TelecomVerify.Masking;

namespace TelecomVerify.Sandbox
{
    /// <summary>
    /// What the sandbox saw of one request, so tests can check how the module sends. It keeps no key
    /// and no identity, even when a real key or a real person is sent to it by mistake: the body is
    /// kept with those values masked, and whether a request carried a given value is answered by a
    /// keyed hash of what came (<see cref="Carried"/>).
    /// </summary>
    public sealed class SandboxRequest
    {
        private static readonly HashSet<string> Secret = new HashSet<string>(StringComparer.Ordinal) { "key", "openid" };
        private Dictionary<string, byte[]> _hashes;
        private byte[] _hashKey;

        public string Method { get; internal set; }
        /// <summary>When the request arrived, by the sandbox's clock: tests measure retry intervals here, not on the client.</summary>
        public DateTime ReceivedUtc { get; internal set; }
        /// <summary>Path and query string exactly as requested.</summary>
        public string Target { get; internal set; }
        public string ContentType { get; internal set; }
        public string UserAgent { get; internal set; }
        /// <summary>The body as decoded, each field on its own, with the key and the identity masked: <c>key=********cdef&amp;mobile=189****1234…</c>.</summary>
        public string Body { get; internal set; }

        /// <summary>Whether the request carried <paramref name="value"/> (decoded) in the form field <paramref name="field"/>.</summary>
        public bool Carried(string field, string value)
        {
            if (_hashes == null || !_hashes.TryGetValue(field, out var seen)) return false;
            using (var hmac = new HMACSHA256(_hashKey)) return Equal(seen, hmac.ComputeHash(Encoding.UTF8.GetBytes(value ?? string.Empty)));
        }

        internal static SandboxRequest Of(string method, string target, string contentType, string userAgent, string body, byte[] hashKey)
        {
            var form = FormDecoder.Decode(body);
            var hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var masked = new StringBuilder();
            using (var hmac = new HMACSHA256(hashKey))
                foreach (var field in form)
                {
                    hashes[field.Key] = hmac.ComputeHash(Encoding.UTF8.GetBytes(field.Value));
                    if (masked.Length > 0) masked.Append('&');
                    masked.Append(field.Key).Append('=').Append(Mask(field.Key, field.Value));
                }
            return new SandboxRequest
            {
                ReceivedUtc = DateTime.UtcNow, Method = method, Target = target, ContentType = contentType, UserAgent = userAgent,
                Body = masked.ToString(), _hashes = hashes, _hashKey = hashKey,
            };
        }

        private static string Mask(string field, string value)
        {
            if (Secret.Contains(field)) return IdentityMasker.MaskSecret(value);
            switch (field)
            {
                case "realname": return IdentityMasker.MaskName(value);
                case "idcard": return IdentityMasker.MaskIdCard(value);
                case "mobile": return IdentityMasker.MaskMobile(value);
                default: return value.Length > 64 ? value.Substring(0, 64) + "…" : value;
            }
        }

        private static bool Equal(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            int diff = 0;
            for (int i = 0; i < a.Length; i++) diff |= a[i] ^ b[i];
            return diff == 0;
        }
    }
}
