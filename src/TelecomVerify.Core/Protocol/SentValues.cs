using System;
using System.Collections.Generic;
using System.Text;
using TelecomVerify.Masking;

namespace TelecomVerify.Protocol
{
    /// <summary>
    /// What one request sent, so that whatever comes back quoting it (a reason that echoes the key,
    /// a 227307 that repeats the three values) shows them masked, in the result, the error and the
    /// journal alike.
    /// </summary>
    internal sealed class SentValues
    {
        private readonly List<KeyValuePair<string, string>> _masks = new List<KeyValuePair<string, string>>(8);

        public SentValues(string apiKey, string openId, string realName, string idCard, string mobile, IEnumerable<string> sentForms)
        {
            Add(apiKey, IdentityMasker.MaskSecret(apiKey));
            Add(openId, IdentityMasker.MaskSecret(openId));
            Add(idCard, IdentityMasker.MaskIdCard(idCard));
            Add(mobile, IdentityMasker.MaskMobile(mobile));
            Add(realName, IdentityMasker.MaskName(realName));
            foreach (var form in sentForms) Add(form, IdentityMasker.MaskSecret(form));
            // Longest first, so that a value inside another (a mobile inside a ciphertext) is not masked half-way.
            _masks.Sort((a, b) => b.Key.Length.CompareTo(a.Key.Length));
        }

        private void Add(string value, string masked)
        {
            if (!string.IsNullOrEmpty(value) && value.Length >= 2) _masks.Add(new KeyValuePair<string, string>(value, masked));
        }

        public string Mask(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            foreach (var m in _masks) text = Replace(text, m.Key, m.Value);
            return text;
        }

        public JuheReply Mask(JuheReply reply)
        {
            reply.Reason = Mask(reply.Reason);
            if (reply.Result != null)
            {
                reply.Result.ResMessage = Mask(reply.Result.ResMessage);
                reply.Result.ResCode = Mask(reply.Result.ResCode);
                reply.Result.OrderId = Mask(reply.Result.OrderId);
            }
            return reply;
        }

        public JuheTransportException Mask(JuheTransportException ex)
        {
            string message = Mask(ex.Message);
            return ReferenceEquals(message, ex.Message) || message == ex.Message
                ? ex
                : new JuheTransportException(ex.Fault, message, ex.HttpStatus, ex.RetryAfter, ex.InnerException);
        }

        private static string Replace(string text, string value, string masked)
        {
            int at = text.IndexOf(value, StringComparison.OrdinalIgnoreCase);
            if (at < 0) return text;
            var sb = new StringBuilder(text.Length);
            int from = 0;
            for (; at >= 0; at = text.IndexOf(value, from, StringComparison.OrdinalIgnoreCase))
            {
                sb.Append(text, from, at - from).Append(masked);
                from = at + value.Length;
            }
            return sb.Append(text, from, text.Length - from).ToString();
        }
    }
}
