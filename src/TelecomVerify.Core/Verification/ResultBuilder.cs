using System.Globalization;
using TelecomVerify.Errors;
using TelecomVerify.Masking;
using TelecomVerify.Resources;

namespace TelecomVerify.Verification
{
    /// <summary>Turns a finished row into the result the user sees: masked values, status, message, and the error beside a failure.</summary>
    internal sealed class ResultBuilder
    {
        private readonly VerificationOptions _options;
        private readonly Journal.AnswerJournal _journal;
        private readonly RowNames _names;

        public ResultBuilder(VerificationOptions options, Journal.AnswerJournal journal, RowNames names)
        {
            _options = options;
            _journal = journal;
            _names = names;
        }

        /// <summary>The row as a sentence starts with it: "Row 1753", the number HR finds in the file.</summary>
        private string Named(PlannedRow p) => _names.AtStart(p.Row, p.Input.SourceRow);

        public FinishedRow Build(PlannedRow p)
        {
            var outcome = BuildResult(p);
            // Nothing is changed silently: what normalization did is said on the row, whatever came of it.
            if (p.Notes != null)
            {
                string notes = Text.Format(Messages.Notes, Text.Sentences(p.Notes));
                outcome.Result.Message += notes;
                outcome.Result.Brief += notes;
            }
            return outcome;
        }

        private FinishedRow BuildResult(PlannedRow p)
        {
            var result = NewResult(p);
            if (p.Plan == RowPlan.Journal) return FromJournal(p, result);
            if (p.Call == null) return RejectedLocally(p, result);

            var call = p.Call;
            bool duplicate = call.FirstRow != p.Row;
            result.Attempts = duplicate ? 0 : call.Attempts;
            result.ElapsedMs = duplicate ? 0 : call.ElapsedMs;
            result.SourceKind = ResultSource.Remote;
            // A duplicate shares its first row's call, and so its doubt: a bill filter on PossiblyBilled finds every row of that person.
            result.PossiblyBilled = call.PossiblyBilled;

            string warning = null;
            RunFailure error = call.Answered && call.ErrorCode == 0 ? Verdict(p, result, duplicate, out warning)
                : call.Answered ? CodeAnswer(p, result)
                : NoAnswer(p, result);
            if (result.StatusKind == CheckStatus.Failed)
                result.ErrorId = error?.ErrorId ?? (call.Answered && call.ErrorCode != 0 ? JuheErrorInfo.ErrorIdFor(call.ErrorCode) : call.Failure?.ErrorId);
            if (duplicate)
            {
                string first = _names.Of(call.FirstRow, call.FirstFileRow);
                result.Message += Text.Format(Messages.Duplicate_Note, first);
                result.Brief = Text.Format(Messages.Duplicate_Brief, first, result.Brief);
                // The first row's error already said it; a duplicate of a failure is reported once.
                error = null;
            }
            return new FinishedRow(result, error, warning);
        }

        private IdentityCheckResult NewResult(PlannedRow p)
        {
            bool show = _options.ShowIdentity;
            var result = new IdentityCheckResult
            {
                Row = p.Row,
                // What the user typed goes to Export-Csv too: -ShowIdentity or not, it cannot steer a terminal or start a formula.
                RealName = Cell(show ? p.Name : IdentityMasker.MaskName(p.Name)),
                IdCard = Cell(show ? p.IdCard : IdentityMasker.MaskIdCard(p.IdCard)),
                Mobile = Cell(show ? p.Mobile : IdentityMasker.MaskMobile(p.Mobile)),
                SourceFile = p.Input.SourceFile,
                SourceRow = p.Input.SourceRow,
                KeptColumns = p.Input.KeptColumns,
            };
            result.SetInputObject(p.Input.InputObject);
            return result;
        }

        /// <summary>Refused before any call: the problems found, and nothing paid.</summary>
        private FinishedRow RejectedLocally(PlannedRow p, IdentityCheckResult result)
        {
            result.StatusKind = CheckStatus.InvalidInput;
            result.SourceKind = ResultSource.Local;
            string problems = p.Problems.Count == 3 && p.Problems.TrueForAll(x => x.Message == Messages.Value_Empty)
                ? Messages.Row_AllEmpty
                : Text.Sentences(p.Problems.ConvertAll(x => x.ToString()));
            result.Message = Text.Format(Messages.Row_NotSent, Named(p), problems);
            result.Brief = problems;
            result.ElapsedMs = p.Started.ElapsedMilliseconds;
            return new FinishedRow(result, null);
        }

        /// <summary>error_code 0: a match or a mismatch, with -Detail which element; a res that contradicts its rescode is said.</summary>
        private RunFailure Verdict(PlannedRow p, IdentityCheckResult result, bool duplicate, out string warning)
        {
            var call = p.Call;
            warning = null;
            result.StatusKind = call.Res == 1 ? CheckStatus.Match : CheckStatus.Mismatch;
            result.IsMatch = call.Res == 1;
            // The order is the first row's; a duplicate made none, so the bill and the output agree.
            if (!duplicate) result.OrderId = call.OrderId;
            result.ResCode = call.ResCode;
            result.ResMessage = call.ResMessage;
            result.Reason = call.Reason;
            result.ErrorCode = 0;
            if (_options.Detail)
            {
                var detail = OutcomeMessages.ToDetail(call.Res, call.ResCode);
                if (OutcomeMessages.Contradicts(call.Res, detail))
                {
                    // The verdict follows res; which element failed is then not known.
                    detail = MatchDetail.Unknown;
                    if (!duplicate) warning = Text.Format(Messages.Row_Contradiction, Named(p), call.Res, call.ResCode);
                }
                result.DetailKind = detail;
            }
            result.Message = OutcomeMessages.ForAnswer(call.Res, result.DetailKind);
            result.Brief = result.Message;
            return null;
        }

        /// <summary>Another error_code: an answer about the identity (227303…) or a failure of the row, as the catalog says.</summary>
        private RunFailure CodeAnswer(PlannedRow p, IdentityCheckResult result)
        {
            var call = p.Call;
            var policy = JuheErrorCatalog.PolicyFor(call.ErrorCode);
            result.ErrorCode = call.ErrorCode;
            result.Reason = call.Reason;
            result.StatusKind = policy.Status;
            result.Message = OutcomeMessages.ForCode(call.ErrorCode);
            // "See reason" codes: the reason is the only useful part, unless it only repeats "see reason".
            if (call.ErrorCode == JuheErrorCatalog.QueryFailed || call.ErrorCode == JuheErrorCatalog.BadParameter)
            {
                if (!OutcomeMessages.SaysNothing(call.Reason)) result.Message += Text.Format(Messages.Answer_ProviderSays, call.Reason);
                else if (call.ErrorCode == JuheErrorCatalog.QueryFailed) result.Message = Messages.Code_227302_NoReason;
            }
            result.Brief = CodeText(call.ErrorCode, result.Message);
            if (policy.Status != CheckStatus.Failed || policy.StopsRun) return null;
            return new RunFailure(JuheErrorInfo.ErrorIdFor(call.ErrorCode), policy.Category,
                Text.Format(Messages.Row_Code, Named(p), call.ErrorCode.ToString(CultureInfo.InvariantCulture), result.Message) + Text.AfterAttempts(call.Attempts),
                call.ErrorCode);
        }

        /// <summary>No usable answer: a fault after the retries, or the run stopped before this row was asked.</summary>
        private RunFailure NoAnswer(PlannedRow p, IdentityCheckResult result)
        {
            var call = p.Call;
            var f = call.Failure ?? RunFailure.NotAsked;
            result.StatusKind = CheckStatus.Failed;
            // Remote only when a request got there: a refused connection, or a row the stop left unasked, never did.
            result.SourceKind = call.Reached ? ResultSource.Remote : ResultSource.Local;
            result.Message = f.Message;
            result.Brief = f.Message;
            return new RunFailure(f.ErrorId, f.Category, Text.Format(Messages.Row_Text, Named(p), f.Message) + Text.AfterAttempts(call.Attempts));
        }

        /// <summary>An answer an earlier run paid for: the same verdict, its order ID, and no call.</summary>
        private FinishedRow FromJournal(PlannedRow p, IdentityCheckResult result)
        {
            var entry = _journal.Read(p.JournalOffset, p.Key);
            result.SourceKind = ResultSource.Journal;
            // A person reads it: the machine's local time (Beijing time on a Chinese machine), as the summary's.
            string when = entry.Time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            result.ElapsedMs = p.Started.ElapsedMilliseconds;
            if (entry.PossiblyBilled)
            {
                result.StatusKind = CheckStatus.Failed;
                result.PossiblyBilled = true;
                result.Message = Text.Format(Messages.Journal_PossiblyBilled, when, entry.FailureId);
                result.Brief = Text.Format(Messages.Journal_PossiblyBilledBrief, when);
                result.ErrorId = "PossiblyBilledEarlier";
                return new FinishedRow(result, new RunFailure("PossiblyBilledEarlier", FailureCategory.InvalidResult, Text.Format(Messages.Row_Text, Named(p), result.Message)));
            }
            result.StatusKind = entry.StatusKind;
            result.IsMatch = entry.StatusKind == CheckStatus.Match ? true : entry.StatusKind == CheckStatus.Mismatch ? (bool?)false : null;
            result.ErrorCode = entry.ErrorCode;
            result.OrderId = entry.OrderId;
            result.ResCode = entry.ResCode;
            result.ResMessage = entry.ResMessage;
            result.Reason = entry.Reason;
            if (_options.Detail && entry.ErrorCode == 0) result.DetailKind = entry.DetailKind ?? OutcomeMessages.Reconciled(entry.Res, entry.ResCode);
            string answer = entry.ErrorCode == 0 ? OutcomeMessages.ForAnswer(entry.Res, result.DetailKind) : OutcomeMessages.ForCode(entry.ErrorCode);
            result.Message = answer + Text.Format(Messages.Journal_Note, when);
            result.Brief = Text.Format(Messages.Journal_Brief, when, entry.ErrorCode == 0 ? answer : CodeText(entry.ErrorCode, answer));
            return new FinishedRow(result, null);
        }

        private static string Cell(string value) => Protocol.SafeText.ForCell(Protocol.SafeText.Clean(value, 256));

        /// <summary>"227303: The carrier has no record…": the code first, for the table.</summary>
        private static string CodeText(int code, string text) => Text.Format(Messages.Code_Brief, code.ToString(CultureInfo.InvariantCulture), text);
    }
}
