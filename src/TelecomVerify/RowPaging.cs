using System;
using System.Management.Automation;

namespace TelecomVerify.Commands
{
    /// <summary>
    /// -Skip and -First (SupportsPaging) over the rows: a pilot of five rows pays for five, and a second
    /// batch starts at row 5 001 keeping its numbers. Rows are counted as they come in, before anything
    /// is asked, so a row past -First is never read from a file, let alone sent.
    /// </summary>
    internal sealed class RowPaging
    {
        private readonly ulong _skip, _first;
        private ulong _seen;

        public RowPaging(PagingParameters paging)
        {
            _skip = paging?.Skip ?? 0;
            _first = paging?.First ?? ulong.MaxValue;
        }

        /// <summary>Every row that came in, those passed over and those past -First included: -IncludeTotalCount's number.</summary>
        public ulong Seen => _seen;

        /// <summary>-First is reached: no row after this one is taken.</summary>
        public bool Full => _seen >= _skip && _seen - _skip >= _first;

        /// <summary>Counts the next row and says what becomes of it.</summary>
        public RowPage Next()
        {
            _seen++;
            if (_seen <= _skip) return RowPage.PassOver;
            return _seen - _skip > _first ? RowPage.Beyond : RowPage.Take;
        }

        /// <summary>How many of <paramref name="total"/> rows the run will take: progress's "of M".</summary>
        public long Taken(long total)
        {
            ulong left = (ulong)Math.Max(0, total) > _skip ? (ulong)total - _skip : 0;
            return (long)Math.Min(left, _first);
        }
    }

    internal enum RowPage
    {
        /// <summary>Checked, as any row.</summary>
        Take,
        /// <summary>Before -Skip's end: no result, its number stays taken.</summary>
        PassOver,
        /// <summary>After -First's end: not read further.</summary>
        Beyond,
    }
}
