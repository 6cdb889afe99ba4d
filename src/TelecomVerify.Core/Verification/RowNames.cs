using System.Collections.Generic;
using TelecomVerify.Resources;

namespace TelecomVerify.Verification
{
    /// <summary>
    /// How a message names a row: by the number HR looks up (the CSV line, the Excel row) when it came
    /// from a file, with the file's name when the run reads several; by its position otherwise. The
    /// file a row came from is kept once per stretch of rows, not per identity: a run remembers
    /// millions of first rows, each by two numbers only.
    /// </summary>
    internal sealed class RowNames
    {
        private readonly List<long> _starts = new List<long>();
        private readonly List<string> _labels = new List<string>();

        /// <summary>Row <paramref name="row"/> and those after it come from the file shown as <paramref name="label"/> (null: no name needed).</summary>
        public void Note(long row, string label)
        {
            if (_labels.Count > 0 && _labels[_labels.Count - 1] == label) return;
            _starts.Add(row);
            _labels.Add(label);
        }

        /// <summary>"row 1753", "row 1753 of b.csv", 第 1753 行: for the middle of a sentence.</summary>
        public string Of(long row, long fileRow)
        {
            if (fileRow <= 0) return Text.Format(Messages.Row_Name, row);
            string label = LabelOf(row);
            return label == null ? Text.Format(Messages.Row_Name, fileRow) : Text.Format(Messages.Row_NameInFile, fileRow, label);
        }

        /// <summary>As <see cref="Of"/>, for the start of a sentence: "Row 1753".</summary>
        public string AtStart(long row, long fileRow)
        {
            string name = Of(row, fileRow);
            return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);
        }

        private string LabelOf(long row)
        {
            int lo = 0, hi = _starts.Count - 1, found = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) / 2;
                if (_starts[mid] <= row) { found = mid; lo = mid + 1; }
                else hi = mid - 1;
            }
            return found < 0 ? null : _labels[found];
        }
    }
}
