using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TelecomVerify.Protocol
{
    /// <summary>
    /// A strict JSON reader (RFC 8259) for the provider's small answers: objects become
    /// dictionaries, numbers doubles. Truncated or trailing text is an error, not a partial answer:
    /// the framework's DataContractJsonSerializer accepts a truncated object, and a half-read
    /// answer must never pass for a verdict.
    /// </summary>
    internal sealed class StrictJsonReader
    {
        private const int MaxDepth = 32;
        private readonly string _s;
        private int _i;

        private StrictJsonReader(string s) { _s = s; }

        public static object Parse(string text)
        {
            var r = new StrictJsonReader(text ?? string.Empty);
            r.SkipSpace();
            var value = r.ReadValue(0);
            r.SkipSpace();
            if (r._i != r._s.Length) throw r.Error("text after the JSON value");
            return value;
        }

        private object ReadValue(int depth)
        {
            if (depth > MaxDepth) throw Error("nesting too deep");
            if (_i >= _s.Length) throw Error("the text ends early");
            char c = _s[_i];
            switch (c)
            {
                case '{': return ReadObject(depth);
                case '[': return ReadArray(depth);
                case '"': return ReadString();
                case 't': Expect("true"); return true;
                case 'f': Expect("false"); return false;
                case 'n': Expect("null"); return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                    throw Error("unexpected character");
            }
        }

        private Dictionary<string, object> ReadObject(int depth)
        {
            var map = new Dictionary<string, object>(StringComparer.Ordinal);
            _i++;
            SkipSpace();
            if (Peek() == '}') { _i++; return map; }
            while (true)
            {
                SkipSpace();
                if (Peek() != '"') throw Error("a property name was expected");
                string name = ReadString();
                SkipSpace();
                if (Peek() != ':') throw Error("':' was expected");
                _i++;
                SkipSpace();
                // Two values for one name leave the answer to whichever a reader keeps: refuse it.
                if (map.ContainsKey(name))
                {
                    var twice = Error("the name '" + name + "' appears twice");
                    twice.Data[DuplicateKey] = name;
                    throw twice;
                }
                map[name] = ReadValue(depth + 1);
                SkipSpace();
                char c = Peek();
                _i++;
                if (c == '}') return map;
                if (c != ',') throw Error("',' or '}' was expected");
            }
        }

        private List<object> ReadArray(int depth)
        {
            var list = new List<object>();
            _i++;
            SkipSpace();
            if (Peek() == ']') { _i++; return list; }
            while (true)
            {
                SkipSpace();
                list.Add(ReadValue(depth + 1));
                SkipSpace();
                char c = Peek();
                _i++;
                if (c == ']') return list;
                if (c != ',') throw Error("',' or ']' was expected");
            }
        }

        private string ReadString()
        {
            _i++; // opening quote
            var sb = new StringBuilder();
            while (true)
            {
                if (_i >= _s.Length) throw Error("a string is not closed");
                char c = _s[_i++];
                if (c == '"') return sb.ToString();
                if (c < 0x20) throw Error("a control character inside a string");
                if (c != '\\') { sb.Append(c); continue; }
                if (_i >= _s.Length) throw Error("a string is not closed");
                char e = _s[_i++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_i + 4 > _s.Length || !int.TryParse(_s.Substring(_i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                            throw Error("a bad \\u escape");
                        sb.Append((char)code);
                        _i += 4;
                        break;
                    default: throw Error("a bad escape");
                }
            }
        }

        private double ReadNumber()
        {
            int start = _i;
            if (Peek() == '-') _i++;
            if (Peek() == '0') _i++;
            else if (Peek() >= '1' && Peek() <= '9') while (Peek() >= '0' && Peek() <= '9') _i++;
            else throw Error("a bad number");
            if (Peek() == '.')
            {
                _i++;
                if (!(Peek() >= '0' && Peek() <= '9')) throw Error("a bad number");
                while (Peek() >= '0' && Peek() <= '9') _i++;
            }
            if (Peek() == 'e' || Peek() == 'E')
            {
                _i++;
                if (Peek() == '+' || Peek() == '-') _i++;
                if (!(Peek() >= '0' && Peek() <= '9')) throw Error("a bad number");
                while (Peek() >= '0' && Peek() <= '9') _i++;
            }
            string text = _s.Substring(start, _i - start);
            double value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            // 1e-400 is not zero, however a double rounds it; nor is 1e400 infinity.
            if (double.IsInfinity(value) || (value == 0 && HasNonZeroDigit(text))) throw Error("a number out of range");
            return value;
        }

        private static bool HasNonZeroDigit(string number)
        {
            foreach (char c in number)
            {
                if (c == 'e' || c == 'E') return false;
                if (c >= '1' && c <= '9') return true;
            }
            return false;
        }

        private void Expect(string word)
        {
            if (string.CompareOrdinal(_s, _i, word, 0, word.Length) != 0) throw Error("unexpected character");
            _i += word.Length;
        }

        private char Peek() => _i < _s.Length ? _s[_i] : '\0';

        private void SkipSpace()
        {
            while (_i < _s.Length && (_s[_i] == ' ' || _s[_i] == '\t' || _s[_i] == '\n' || _s[_i] == '\r')) _i++;
        }

        private FormatException Error(string what)
        {
            // The position travels apart from the English text, for messages in any language.
            var error = new FormatException("Invalid JSON at character " + _i + ": " + what + ".");
            error.Data[PositionKey] = _i;
            return error;
        }

        internal const string PositionKey = "TelecomVerify.JsonPosition", DuplicateKey = "TelecomVerify.JsonDuplicate";
    }
}
