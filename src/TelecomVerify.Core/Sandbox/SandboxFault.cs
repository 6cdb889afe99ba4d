using System;
using System.Globalization;
using TelecomVerify.Errors;

namespace TelecomVerify.Sandbox
{
    /// <summary>
    /// One way the sandbox misbehaves, named for what it does and carrying that behaviour, so the
    /// table of triggers reads as a list of faults and adding one is adding a row.
    /// </summary>
    public sealed class SandboxFault
    {
        private readonly Func<Func<SandboxResponse>, SandboxResponse> _apply;

        private SandboxFault(string name, Func<Func<SandboxResponse>, SandboxResponse> apply, int? errorCode = null)
        {
            Name = name;
            _apply = apply;
            ErrorCode = errorCode;
        }

        /// <summary>What it does, e.g. <c>ErrorCode(227301)</c>, <c>Http(429, Retry-After: 1)</c>.</summary>
        public string Name { get; }

        /// <summary>The error_code it answers with, when it answers with one.</summary>
        public int? ErrorCode { get; }

        /// <summary>The response for one request, given how the provider would have answered it.</summary>
        internal SandboxResponse Apply(Func<SandboxResponse> answer) => _apply(answer);

        public override string ToString() => Name;

        private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

        /// <summary>The provider's JSON with this error_code and its document's text.</summary>
        public static SandboxFault Code(int code) =>
            new SandboxFault("ErrorCode(" + N(code) + ")", _ => SandboxResponse.Error(code, JuheErrorCatalog.Find(code)?.ProviderText ?? "未知错误"), code);

        /// <summary>An HTTP status with a plain-text body, and a Retry-After header if given.</summary>
        public static SandboxFault Http(int status, string reason, string retryAfter = null) =>
            new SandboxFault("Http(" + N(status) + (retryAfter == null ? "" : ", Retry-After: " + retryAfter) + ")",
                _ => new SandboxResponse { Status = status, Reason = reason, ContentType = "text/plain", Body = "sandbox fault " + N(status), RetryAfter = retryAfter });

        /// <summary>A redirect to <paramref name="location"/>: a client that follows it sends the form, key included, again.</summary>
        public static SandboxFault Redirect(int status, string location) =>
            new SandboxFault("Redirect(" + N(status) + ", " + location + ")",
                _ => new SandboxResponse { Status = status, Reason = "Moved", ContentType = "text/plain", Body = "moved", Location = location });

        /// <summary>HTTP 200 with exactly this body and content type.</summary>
        public static SandboxFault Body(string contentType, string body, string name) =>
            new SandboxFault(name, _ => new SandboxResponse { ContentType = contentType, Body = body });

        /// <summary>Never answers: the client's time-out decides.</summary>
        public static SandboxFault Hang() => new SandboxFault("Hang", _ => new SandboxResponse { Hang = true });

        /// <summary>The right answer, after <paramref name="ms"/>.</summary>
        public static SandboxFault Slow(int ms) => new SandboxFault("Slow(" + N(ms) + " ms)", answer => With(answer(), r => r.DelayMs = ms));

        /// <summary>The right answer, one byte every <paramref name="ms"/>.</summary>
        public static SandboxFault Drip(int ms) => new SandboxFault("Drip(" + N(ms) + " ms)", answer => With(answer(), r => r.DripMs = ms));

        /// <summary>The right answer under another content type.</summary>
        public static SandboxFault Mislabel(string contentType) => new SandboxFault("Mislabel(" + contentType + ")", answer => With(answer(), r => r.ContentType = contentType));

        /// <summary>The right answer preceded by a UTF-8 byte-order mark.</summary>
        public static SandboxFault ByteOrderMark() => new SandboxFault("ByteOrderMark", answer => With(answer(), r => r.Body = "\uFEFF" + r.Body));

        private static SandboxResponse With(SandboxResponse response, Action<SandboxResponse> change)
        {
            change(response);
            return response;
        }
    }
}
