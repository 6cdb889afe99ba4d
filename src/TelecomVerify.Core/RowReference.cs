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
        public RowReference(long row, string mobile, string file = null, long fileRow = 0)
        {
            Row = row;
            Mobile = IdentityMasker.MaskMobile(mobile);
            File = file;
            FileRow = fileRow;
        }

        public long Row { get; }
        /// <summary>The file the row came from, and its number there (the CSV line, the worksheet row); null and 0 for other input.</summary>
        public string File { get; }
        public long FileRow { get; }
        /// <summary>Masked: 189****1234.</summary>
        public string Mobile { get; }

        public override string ToString()
        {
            if (File == null)
                return string.IsNullOrEmpty(Mobile) ? Text.Format(Messages.Row_Reference, Row) : Text.Format(Messages.Row_ReferenceMobile, Row, Mobile);
            // The file's name alone: the folder adds nothing a person needs and can hold a user name.
            string name = Protocol.SafeText.Clean(System.IO.Path.GetFileName(File));
            return string.IsNullOrEmpty(Mobile) ? Text.Format(Messages.Row_ReferenceFile, Row, name, FileRow) : Text.Format(Messages.Row_ReferenceFileMobile, Row, name, FileRow, Mobile);
        }
    }
}
