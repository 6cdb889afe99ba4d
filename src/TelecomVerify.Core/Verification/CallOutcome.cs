using System.Collections.Generic;
using System.Threading.Tasks;
using TelecomVerify.Protocol;

namespace TelecomVerify.Verification
{
    /// <summary>
    /// What asking the provider about one distinct identity came to; shared by identical rows and
    /// kept for the whole run. What only the first row needs (the task, the order ID, the timing,
    /// the journal's sequence) sits in <see cref="Flight"/>, dropped once that row is written; the
    /// answer itself is an <see cref="AnswerShape"/> shared by every identity that got the same one.
    /// What stays per identity is its first row, the attempts and three references: 48 bytes.
    /// </summary>
    internal sealed class CallOutcome
    {
        public CallOutcome(long firstRow, long firstFileRow = 0)
        {
            FirstRow = firstRow;
            FirstFileRow = firstFileRow;
            Flight = new InFlight();
        }

        /// <summary>The first row that asked; identical later rows point back to it.</summary>
        public readonly long FirstRow;

        /// <summary>That row's number in its file (0 for other input): a duplicate names the row HR finds.</summary>
        public readonly long FirstFileRow;

        /// <summary>Null once the first row is written.</summary>
        public InFlight Flight;

        /// <summary>Null until an attempt settled: the answer, or the failure.</summary>
        public AnswerShape Shape;

        public int Attempts;
        /// <summary>Some request for it reached the provider (an answer, or a fault after sending).</summary>
        public bool Reached;
        /// <summary>A request of this call is out and unanswered: a stop now may leave it billed.</summary>
        public bool OnTheWire;
        /// <summary>A request reached the provider and no readable answer came back.</summary>
        public bool PossiblyBilled;
        /// <summary>The run stopped while a request was on the wire: counted apart, since its row is never output.</summary>
        public bool Abandoned;

        public bool Answered => Shape != null && Shape.Failure == null;
        public int ErrorCode => Shape?.ErrorCode ?? 0;
        public int Res => Shape?.Res ?? 0;
        public string Reason => Shape?.Reason;
        public string ResMessage => Shape?.ResMessage;
        public string ResCode => Shape?.ResCode;
        /// <summary>Set when no usable answer came: what the last attempt ran into.</summary>
        public RunFailure Failure => Shape?.Failure;
        public string OrderId => Flight?.OrderId;
        public long ElapsedMs => Flight?.ElapsedMs ?? 0;
        public long JournalSequence => Flight?.JournalSequence ?? 0;

        /// <summary>No request was ever sent for it: the run stopped or was cancelled first.</summary>
        public bool NeverSent => Attempts == 0 && Shape == null;

        public Task<CallOutcome> AsTask() => Flight?.Running ?? Task.FromResult(this);

        /// <summary>The first row is written: the task (and the identity its state holds) and the per-call details go.</summary>
        public void Settle() => Flight = null;

        public void SetReply(JuheReply reply)
        {
            Shape = AnswerShape.Of(reply.ErrorCode, reply.Result?.Res ?? 0, reply.Reason, reply.Result?.ResMessage, reply.Result?.ResCode);
            Flight.OrderId = reply.Result?.OrderId;
        }

        public void SetFailure(RunFailure failure) => Shape = AnswerShape.Of(failure);

        internal sealed class InFlight
        {
            public Task<CallOutcome> Running;
            public string OrderId;
            public long ElapsedMs;
            public long JournalSequence;
        }
    }

    /// <summary>
    /// An answer without its identity: error_code, res and the provider's texts, or a failure. A
    /// bulk run sees a handful of them, so each is kept once (the pool is bounded: a provider that
    /// says something new every time gets no pooling, not a growing pool).
    /// </summary>
    internal sealed class AnswerShape
    {
        private const int PoolLimit = 1024;
        private static readonly Dictionary<(int, int, string, string, string), AnswerShape> Answers = new Dictionary<(int, int, string, string, string), AnswerShape>();
        private static readonly Dictionary<(string, FailureCategory, string, int?), AnswerShape> Failures = new Dictionary<(string, FailureCategory, string, int?), AnswerShape>();

        private AnswerShape() { }

        public int ErrorCode { get; private set; }
        public int Res { get; private set; }
        public string Reason { get; private set; }
        public string ResMessage { get; private set; }
        public string ResCode { get; private set; }
        public RunFailure Failure { get; private set; }

        public static AnswerShape Of(int errorCode, int res, string reason, string resMessage, string resCode) =>
            Pooled(Answers, (errorCode, res, reason, resMessage, resCode),
                () => new AnswerShape { ErrorCode = errorCode, Res = res, Reason = reason, ResMessage = resMessage, ResCode = resCode });

        public static AnswerShape Of(RunFailure failure) =>
            Pooled(Failures, (failure.ErrorId, failure.Category, failure.Message, failure.ErrorCode), () => new AnswerShape { Failure = failure });

        private static AnswerShape Pooled<TKey>(Dictionary<TKey, AnswerShape> pool, TKey key, System.Func<AnswerShape> make)
        {
            lock (pool)
            {
                if (pool.TryGetValue(key, out var kept)) return kept;
                var shape = make();
                if (pool.Count < PoolLimit) pool.Add(key, shape);
                return shape;
            }
        }
    }
}
