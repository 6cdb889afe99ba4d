using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using TelecomVerify.Journal;
using TelecomVerify.Validation;
using TelecomVerify.Resources;

namespace TelecomVerify.Verification
{
    /// <summary>
    /// Planning: what a row will cost, decided on the pipeline thread before anything is sent. It numbers
    /// the row, normalizes and checks its values, keys the identity, and looks it up among the rows this run
    /// has asked and in the journal of earlier runs: a local rejection, a duplicate, an answer already
    /// bought, or a paid call.
    /// </summary>
    internal sealed class RowPlanner : IDisposable
    {
        private readonly VerificationOptions _options;
        private readonly AnswerJournal _journal;
        private readonly AskedIdentities _asked;
        private readonly RowNames _names;
        private readonly HMACSHA256 _keyHash;
        private readonly DateTime _today;
        private long _rows;

        /// <param name="asked">The run's table of identities asked: read here, filled as calls are submitted.</param>
        public RowPlanner(VerificationOptions options, AnswerJournal journal, AskedIdentities asked, RowNames names)
        {
            _options = options;
            _journal = journal;
            _asked = asked;
            _names = names;
            _today = options.Today();
            // The journal's secret, so its entries are found again; else one of the run's own.
            var secret = journal?.Secret;
            if (secret == null)
            {
                secret = new byte[32];
                using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(secret);
            }
            _keyHash = new HMACSHA256(secret);
        }

        /// <summary>Reads the row's values, normalizes and checks them, and decides what it will cost. Sends nothing.</summary>
        public PlannedRow Plan(BoundRow input)
        {
            long row = ++_rows;
            if (input.SourceRow > 0) _names.Note(row, input.SourceLabel);
            // What normalization changed beyond the form goes into the row's message.
            var notes = new List<string>(0);
            string name = IdentityNormalizer.NormalizeName(input.RealName, notes);
            string id = IdentityNormalizer.NormalizeIdCard(input.IdCard, notes);
            string mobile = IdentityNormalizer.NormalizeMobile(input.Mobile, notes);

            var problems = new List<ValidationProblem>();
            if (input.BindingProblems != null) problems.AddRange(input.BindingProblems);
            if (problems.Count == 0 && !_options.SkipLocalValidation)
                problems.AddRange(IdentityValidator.Validate(name, id, mobile, _today));
            else if (problems.Count == 0)
                problems.AddRange(MissingOnly(name, id, mobile));

            var planned = new PlannedRow(row, input, name, id, mobile, problems) { Plan = RowPlan.Local, Notes = notes.Count > 0 ? notes : null };
            if (problems.Count > 0) return planned;
            planned.Key = IdentityKey.Of(_keyHash, name, id, mobile);
            if (_asked.TryGet(planned.Key, out var known))
            {
                planned.Plan = RowPlan.Duplicate;
                planned.Call = known;
            }
            else if (_journal != null && _journal.TryFind(planned.Key, _options.Detail, out planned.JournalOffset, out bool possiblyBilled)
                && !(possiblyBilled && _options.RetryUnconfirmed))
            {
                // Money first across runs too: a request an earlier run may have paid for is not asked again unless told.
                planned.Plan = RowPlan.Journal;
            }
            else planned.Plan = RowPlan.Call;
            return planned;
        }

        /// <summary>A row -Skip passes over: it gets no result, and the rows after it keep their numbers.</summary>
        public void PassOver() => ++_rows;

        private static IEnumerable<ValidationProblem> MissingOnly(string name, string id, string mobile)
        {
            // Even when told to skip validation, an empty value or a control character is never sent.
            foreach (var (field, value) in new[] { (IdentityField.RealName, name), (IdentityField.IdCard, id), (IdentityField.Mobile, mobile) })
            {
                if (string.IsNullOrEmpty(value)) yield return new ValidationProblem(field, Messages.Value_Empty);
                else if (value.Any(char.IsControl)) yield return new ValidationProblem(field, Messages.Value_Control);
            }
        }

        public void Dispose() => _keyHash.Dispose();
    }
}
