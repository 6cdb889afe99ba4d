using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TelecomVerify.Resources;

namespace TelecomVerify.Protocol
{
    /// <summary>
    /// Turns the provider's bytes into a <see cref="JuheReply"/>, checking every field the module
    /// relies on. Anything that is not the documented shape is an <see cref="TransportFault.UnreadableAnswer"/>:
    /// never a crash and never a guess, and never asked again (a 2xx may have been billed).
    /// </summary>
    internal static class JuheResponseParser
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        public static JuheReply Parse(byte[] body, int length)
        {
            object root;
            // A byte-order mark in front of the JSON is a server's habit, not a different answer.
            int start = length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
            try { root = StrictJsonReader.Parse(StrictUtf8.GetString(body, start, length - start)); }
            // Where the body stops being JSON, not the reader's English words (a Chinese sentence must not carry them).
            catch (FormatException ex) when (ex.Data[StrictJsonReader.DuplicateKey] is string name)
            {
                // Two values for one name (error_code 10001, then 0): which one a parser keeps decides the answer.
                throw Malformed(Text.Format(Messages.Parse_NameTwice, SafeText.Clean(name, 40)));
            }
            catch (FormatException ex) { throw Malformed(Text.Format(Messages.Parse_NotJson, ex.Data[StrictJsonReader.PositionKey] ?? 0)); }
            catch (ArgumentException) { throw Malformed(Messages.Parse_NotUtf8); }

            if (!(root is Dictionary<string, object> map)) throw Malformed(Messages.Parse_NotObject);
            if (!map.TryGetValue("error_code", out var codeValue) || !TryInteger(codeValue, out int code))
                throw Malformed(Messages.Parse_NoCode);
            var reply = new JuheReply { ErrorCode = code, Reason = SafeText.FromProvider(map.TryGetValue("reason", out var reason) ? reason as string : null) };
            if (code != 0) return reply;

            if (!map.TryGetValue("result", out var resultValue) || !(resultValue is Dictionary<string, object> result))
                throw Malformed(Messages.Parse_NoResult);
            // A paid answer is read leniently where that costs nothing: "1" is 1.
            if (!result.TryGetValue("res", out var resValue) || !(TryInteger(resValue, out int res) || TryDigits(resValue, out res)) || (res != 1 && res != 2))
                throw Malformed(Messages.Parse_BadRes);
            reply.Result = new JuheQueryResult
            {
                Res = res,
                OrderId = TextOf(result, "orderid"),
                ResMessage = TextOf(result, "resmsg"),
                ResCode = TextOf(result, "rescode"),
            };
            return reply;
        }

        private static bool TryInteger(object value, out int integer)
        {
            integer = 0;
            if (!(value is double d) || d != Math.Floor(d) || d < int.MinValue || d > int.MaxValue) return false;
            integer = (int)d;
            return true;
        }

        private static bool TryDigits(object value, out int integer)
        {
            integer = 0;
            return value is string s && s.Length == 1 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out integer);
        }

        // The document types rescode as a string; a number in its place is read as its digits.
        private static string TextOf(Dictionary<string, object> map, string name)
        {
            if (!map.TryGetValue(name, out var v) || v == null) return null;
            if (v is string s) return SafeText.FromProvider(s);
            if (v is double d) return d.ToString(CultureInfo.InvariantCulture);
            throw Malformed(Text.Format(Messages.Parse_NotText, name));
        }

        private static JuheTransportException Malformed(string why) =>
            new JuheTransportException(TransportFault.UnreadableAnswer, Text.Format(Messages.Parse_Unreadable, why));
    }
}
