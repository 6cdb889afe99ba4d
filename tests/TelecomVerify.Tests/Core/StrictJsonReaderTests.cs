using System;
using System.Collections.Generic;
using TelecomVerify.Protocol;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    public class StrictJsonReaderTests
    {
        [Fact]
        public void Reads_objects_arrays_strings_numbers_and_literals()
        {
            var map = (Dictionary<string, object>)StrictJsonReader.Parse("{\"a\":[1,-2.5,3e2],\"b\":\"x\\u00e9\\n\\\"\",\"c\":true,\"d\":false,\"e\":null,\"f\":{}}");
            Assert.Equal(new object[] { 1.0, -2.5, 300.0 }, (IEnumerable<object>)map["a"]);
            Assert.Equal("xé\n\"", map["b"]);
            Assert.Equal((true, false, null), ((bool)map["c"], (bool)map["d"], map["e"]));
            Assert.Empty((Dictionary<string, object>)map["f"]);
        }

        [Theory]
        [InlineData("{\"a\":1")]                 // cut off
        [InlineData("{\"a\":1}x")]               // trailing text
        [InlineData("{\"a\":1,\"a\":2}")]        // a name twice: which one counts?
        [InlineData("{\"a\":01}")]               // leading zero
        [InlineData("{\"a\":1e-400}")]           // rounds to zero
        [InlineData("{\"a\":1e400}")]            // rounds to infinity
        [InlineData("{\"a\":'x'}")]
        [InlineData("{a:1}")]
        [InlineData("{\"a\":\"\\x\"}")]
        [InlineData("{\"a\":tru}")]
        [InlineData("")]
        public void Refuses_what_is_not_exactly_json(string text)
        {
            Assert.Throws<FormatException>(() => StrictJsonReader.Parse(text));
        }

        [Fact]
        public void Refuses_nesting_deeper_than_an_answer_could_be()
        {
            Assert.Throws<FormatException>(() => StrictJsonReader.Parse(new string('[', 10000) + new string(']', 10000)));
        }
    }
}
