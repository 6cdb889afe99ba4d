using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using TelecomVerify.Errors;
using TelecomVerify.Masking;
using TelecomVerify.Protocol;
using TelecomVerify.Validation;

namespace TelecomVerify.Verification
{
    /// <summary>
    /// The bulk engine. The caller (the pipeline thread) submits rows and takes outcomes back in
    /// submission order; calls run on worker tasks, at most ThrottleLimit at once, and never touch
    /// the caller's streams: what they have to say goes to <see cref="Log"/> for the caller to write.
    /// Identical rows share one call. After an account-level code no further call starts.
    /// </summary>
    public sealed class VerificationRun : IDisposable
    {
        private readonly VerificationOptions _options;
        private readonly JuheClient _client;
        private readonly bool _ownsClient;
        private readonly SemaphoreSlim _throttle;
        private readonly RateGate _gate;
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private readonly CancellationTokenSource _noNewCalls;
        private readonly Queue<PendingRow> _pending = new Queue<PendingRow>();
        // Per identity: the Task while the call runs, the flat CallOutcome once a row has taken it.
        private readonly Dictionary<IdentityKey, object> _asked = new Dictionary<IdentityKey, object>();
        private readonly System.Security.Cryptography.SHA256 _sha = System.Security.Cryptography.SHA256.Create();
        private readonly Random _jitter = new Random();
        private readonly DateTime _today;
        private long _rows;
        private RunFailure _stop;

        public VerificationRun(VerificationOptions options, JuheClient client, bool ownsClient = false)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _ownsClient = ownsClient;
            _throttle = new SemaphoreSlim(Math.Max(1, options.ThrottleLimit));
            _gate = new RateGate(options.MaxRequestsPerSecond);
            _noNewCalls = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
            _today = options.Today();
        }

        /// <summary>Verbose lines from the workers, masked, for the pipeline thread to write.</summary>
        public ConcurrentQueue<string> Log { get; } = new ConcurrentQueue<string>();

        /// <summary>False (the default): no line is built at all; a run of 50 000 rows makes 50 000 of them.</summary>
        public bool LogEnabled { get; set; }

        /// <summary>Rows submitted and not yet taken.</summary>
        public int Pending => _pending.Count;

        /// <summary>Ctrl+C: abandon what is in flight and start nothing new.</summary>
        public void Cancel() => _cancel.Cancel();

        public void Submit(RowInput input)
        {
            long row = ++_rows;
            var started = Stopwatch.StartNew();
            string name = IdentityNormalizer.NormalizeName(input.RealName);
            string id = IdentityNormalizer.NormalizeIdCard(input.IdCard);
            string mobile = IdentityNormalizer.NormalizeMobile(input.Mobile);

            var problems = new List<ValidationProblem>();
            if (input.BindingProblems != null) problems.AddRange(input.BindingProblems);
            if (problems.Count == 0 && !_options.SkipLocalValidation)
                problems.AddRange(IdentityValidator.Validate(name, id, mobile, _today));
            else if (problems.Count == 0)
                problems.AddRange(MissingOnly(name, id, mobile));

            Task<CallOutcome> call = null;
            var key = default(IdentityKey);
            if (problems.Count == 0)
            {
                key = IdentityKey.Of(_sha, name, id, mobile);
                if (_asked.TryGetValue(key, out var known))
                    call = known as Task<CallOutcome> ?? Task.FromResult((CallOutcome)known);
                else
                {
                    var outcome = new CallOutcome { FirstRow = row };
                    // Queue for a slot here, on the submitting thread: SemaphoreSlim hands slots to
                    // async waiters first come, first served, so calls start in input order.
                    var slot = _throttle.WaitAsync(_noNewCalls.Token);
                    call = CallAsync(row, name, id, mobile, outcome, slot);
                    _asked.Add(key, call);
                }
            }
            _pending.Enqueue(new PendingRow(row, input, name, id, mobile, problems, key, call, started));
        }

        /// <summary>The oldest row, if it is done.</summary>
        public bool TryTake(out RowOutcome outcome)
        {
            outcome = null;
            if (_pending.Count == 0) return false;
            var head = _pending.Peek();
            if (head.Call != null && !head.Call.IsCompleted) return false;
            outcome = Complete(_pending.Dequeue());
            return true;
        }

        /// <summary>Blocks until the oldest row is done. Throws <see cref="OperationCanceledException"/> on <paramref name="token"/>.</summary>
        public RowOutcome Take(CancellationToken token)
        {
            var head = _pending.Peek();
            if (head.Call != null && !head.Call.IsCompleted)
            {
                try { head.Call.Wait(token); }
                catch (AggregateException) { /* surfaced in Complete */ }
            }
            return Complete(_pending.Dequeue());
        }

        /// <summary>Waits up to <paramref name="timeout"/> for the oldest row; false if it is still running.</summary>
        public bool WaitHead(TimeSpan timeout, CancellationToken token)
        {
            if (_pending.Count == 0) return true;
            var head = _pending.Peek();
            if (head.Call == null || head.Call.IsCompleted) return true;
            try { return head.Call.Wait((int)timeout.TotalMilliseconds, token); }
            catch (AggregateException) { return true; }
        }

        private static IEnumerable<ValidationProblem> MissingOnly(string name, string id, string mobile)
        {
            // Even when told to skip validation, an empty value cannot be sent.
            if (string.IsNullOrEmpty(name)) yield return new ValidationProblem(IdentityField.RealName, "is empty.");
            if (string.IsNullOrEmpty(id)) yield return new ValidationProblem(IdentityField.IdCard, "is empty.");
            if (string.IsNullOrEmpty(mobile)) yield return new ValidationProblem(IdentityField.Mobile, "is empty.");
        }

        private async Task<CallOutcome> CallAsync(long row, string name, string id, string mobile, CallOutcome outcome, Task slot)
        {
            try
            {
                await slot.ConfigureAwait(false);
                // Off the submitting thread from here on, even when the slot was free at once.
                await Task.Yield();
            }
            catch (OperationCanceledException)
            {
                return Abandoned(outcome);
            }
            var clock = Stopwatch.StartNew();
            try
            {
                string who = LogEnabled ? "row " + row.ToString(CultureInfo.InvariantCulture) + " (mobile " + IdentityMasker.MaskMobile(mobile) + ")" : null;
                for (int attempt = 1; ; attempt++)
                {
                    if (_noNewCalls.IsCancellationRequested) return Abandoned(outcome);
                    await _gate.WaitAsync(_noNewCalls.Token).ConfigureAwait(false);
                    if (_noNewCalls.IsCancellationRequested) return Abandoned(outcome);
                    outcome.Attempts = attempt;
                    if (LogEnabled) Log.Enqueue("POST " + _client.EndpointFor(_options.Encrypt).AbsoluteUri + " for " + who + ", attempt " + attempt + ".");
                    TimeSpan? wait;
                    try
                    {
                        var reply = await _client.QueryAsync(name, id, mobile, _options.Detail, _options.Encrypt, _cancel.Token).ConfigureAwait(false);
                        if (reply.ErrorCode == 0) { outcome.SetReply(reply); return outcome; }
                        var info = JuheErrorCatalog.Find(reply.ErrorCode);
                        string said = "error_code " + reply.ErrorCode.ToString(CultureInfo.InvariantCulture) + ": " + OutcomeMessages.ForCode(reply.ErrorCode);
                        if (info != null && info.StopsRun)
                        {
                            var stop = new RunFailure(info.ErrorId, OutcomeMessages.CategoryFor(reply.ErrorCode), said, reply.ErrorCode);
                            StopRun(stop);
                            outcome.SetReply(reply);
                            outcome.Stop = stop;
                            return outcome;
                        }
                        if (info == null || !info.IsRetried || attempt > _options.MaxRetries)
                        {
                            outcome.SetReply(reply);
                            return outcome;
                        }
                        wait = Backoff(attempt, null);
                        if (reply.ErrorCode == 10011) _gate.HoldBack(wait.Value);
                        if (LogEnabled) Log.Enqueue(who + ": " + said + " Retrying in " + wait.Value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s.");
                    }
                    catch (JuheTransportException ex)
                    {
                        if (!OutcomeMessages.IsTransient(ex) || attempt > _options.MaxRetries)
                        {
                            outcome.Failure = new RunFailure(ex.ErrorId, OutcomeMessages.CategoryFor(ex), ex.Message);
                            return outcome;
                        }
                        wait = Backoff(attempt, ex.RetryAfter);
                        if (LogEnabled) Log.Enqueue(who + ": " + ex.Message + " Retrying in " + wait.Value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s.");
                    }
                    await Task.Delay(wait.Value, _noNewCalls.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return Abandoned(outcome);
            }
            finally
            {
                outcome.ElapsedMs = clock.ElapsedMilliseconds;
                _throttle.Release();
            }
        }

        /// <summary>A call that will not be made: the run hit an account-level code, or was cancelled.</summary>
        private CallOutcome Abandoned(CallOutcome outcome)
        {
            if (_stop != null && !_cancel.IsCancellationRequested) outcome.Stop = _stop;
            else outcome.Failure = new RunFailure("Cancelled", FailureCategory.OperationTimeout, "The run was stopped before the provider answered.");
            return outcome;
        }

        private void StopRun(RunFailure failure)
        {
            // The first account-level answer is the one reported; later ones in flight add nothing.
            if (Interlocked.CompareExchange(ref _stop, failure, null) != null) return;
            _noNewCalls.Cancel();
        }

        private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
        {
            double ceiling = Math.Min(_options.RetryMaxDelay.TotalMilliseconds,
                _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
            double jitter;
            lock (_jitter) jitter = _jitter.NextDouble();
            // Half fixed, half random: retries of many rows spread out instead of arriving together.
            var delay = TimeSpan.FromMilliseconds(ceiling / 2 + jitter * ceiling / 2);
            return retryAfter.HasValue && retryAfter.Value > delay ? retryAfter.Value : delay;
        }

        private RowOutcome Complete(PendingRow p)
        {
            bool show = _options.ShowIdentity;
            var result = new IdentityCheckResult
            {
                Row = p.Row,
                RealName = show ? p.Name : IdentityMasker.MaskName(p.Name),
                IdCard = show ? p.IdCard : IdentityMasker.MaskIdCard(p.IdCard),
                Mobile = show ? p.Mobile : IdentityMasker.MaskMobile(p.Mobile),
            };
            result.SetInputObject(p.Input.InputObject);

            if (p.Call == null)
            {
                result.Status = CheckStatus.InvalidInput;
                result.Source = ResultSource.Local;
                result.Message = "Row " + p.Row.ToString(CultureInfo.InvariantCulture) + ": " + string.Join(" ", p.Problems.ConvertAll(x => x.ToString())) + " Not sent.";
                result.ElapsedMs = p.Started.ElapsedMilliseconds;
                return new RowOutcome(result, null, null);
            }

            CallOutcome call;
            try
            {
                call = p.Call.GetAwaiter().GetResult();
                // From now on the run remembers the flat answer, not the finished task and its state.
                _asked[p.Key] = call;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // A bug, not a provider answer: still one result for the row, and said loudly.
                result.Status = CheckStatus.Failed;
                result.Source = ResultSource.Remote;
                result.Message = "Internal error: " + ex.GetType().Name + ".";
                return new RowOutcome(result, new RunFailure("InternalError", FailureCategory.InvalidResult, result.Message), null);
            }

            bool duplicate = call.FirstRow != p.Row;
            result.Attempts = duplicate ? 0 : call.Attempts;
            result.ElapsedMs = duplicate ? 0 : call.ElapsedMs;
            result.Source = call.Attempts > 0 || call.Answered ? ResultSource.Remote : ResultSource.Local;
            if (call.Answered)
            {
                result.ErrorCode = call.ErrorCode;
                result.Reason = call.Reason;
            }
            if (call.Stop != null)
            {
                result.Status = CheckStatus.Failed;
                result.Message = call.Stop.Message;
                return new RowOutcome(result, null, call.Stop);
            }

            RunFailure error = null;
            if (call.Answered)
            {
                if (call.ErrorCode == 0)
                {
                    result.Status = call.Res == 1 ? CheckStatus.Match : CheckStatus.Mismatch;
                    result.IsMatch = call.Res == 1;
                    result.OrderId = call.OrderId;
                    result.ResCode = call.ResCode;
                    result.ResMessage = call.ResMessage;
                    if (_options.Detail) result.Detail = OutcomeMessages.ToDetail(call.ResCode);
                    result.Message = OutcomeMessages.ForAnswer(call.Res, result.Detail);
                }
                else
                {
                    var info = JuheErrorCatalog.Find(call.ErrorCode);
                    result.Status = info?.Status ?? CheckStatus.Failed;
                    result.Message = OutcomeMessages.ForCode(call.ErrorCode);
                    if (result.Status == CheckStatus.Failed)
                        error = new RunFailure("Juhe" + call.ErrorCode.ToString(CultureInfo.InvariantCulture),
                            OutcomeMessages.CategoryFor(call.ErrorCode),
                            "Row " + p.Row.ToString(CultureInfo.InvariantCulture) + ": error_code " + call.ErrorCode.ToString(CultureInfo.InvariantCulture) + ": " + result.Message + " (after " + call.Attempts + " attempt" + (call.Attempts == 1 ? "" : "s") + ")",
                            call.ErrorCode);
                }
            }
            else
            {
                var f = call.Failure;
                result.Status = CheckStatus.Failed;
                result.Message = f.Message;
                error = new RunFailure(f.ErrorId, f.Category,
                    "Row " + p.Row.ToString(CultureInfo.InvariantCulture) + ": " + f.Message + " (after " + call.Attempts + " attempt" + (call.Attempts == 1 ? "" : "s") + ")");
            }
            if (duplicate) result.Message += " (Same identity as row " + call.FirstRow.ToString(CultureInfo.InvariantCulture) + "; asked once.)";
            return new RowOutcome(result, error, null);
        }

        public void Dispose()
        {
            _cancel.Cancel();
            if (_ownsClient) _client.Dispose();
            _noNewCalls.Dispose();
            _cancel.Dispose();
            _sha.Dispose();
        }

        private sealed class PendingRow
        {
            public PendingRow(long row, RowInput input, string name, string idCard, string mobile, List<ValidationProblem> problems, IdentityKey key, Task<CallOutcome> call, Stopwatch started)
            {
                Row = row; Input = input; Name = name; IdCard = idCard; Mobile = mobile; Problems = problems; Key = key; Call = call; Started = started;
            }
            public readonly long Row;
            public readonly RowInput Input;
            public readonly string Name, IdCard, Mobile;
            public readonly List<ValidationProblem> Problems;
            public readonly IdentityKey Key;
            public readonly Task<CallOutcome> Call;
            public readonly Stopwatch Started;
        }
    }
}
