using System.Globalization;
using TelecomVerify.Masking;
using TelecomVerify.Resources;

namespace TelecomVerify
{
    /// <summary>
    /// An error record's TargetObject: the row by number and masked mobile. Error views, transcripts,
    /// Get-Error and ConvertTo-Json print the target; the row itself would print the identity.
    /// </summary>
    public sealed class RowReference
    {
        public RowReference(long row, string mobile)
        {
            Row = row;
            Mobile = IdentityMasker.MaskMobile(mobile);
        }

        public long Row { get; }
        /// <summary>Masked: 189****1234.</summary>
        public string Mobile { get; }

        public override string ToString() => string.IsNullOrEmpty(Mobile) ? Text.Format(Messages.Row_Reference, Row) : Text.Format(Messages.Row_ReferenceMobile, Row, Mobile);
    }
}
