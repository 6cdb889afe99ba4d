using System;
using TelecomVerify.Input;
using TelecomVerify.Validation;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    /// <summary>A workbook's cells as text: what Import-Excel hands over, as PowerShell prints it.</summary>
    public class WorkbookCellTests
    {
        [Theory]
        [InlineData(18900001234d, "18900001234")]              // a mobile stored as a number: intact
        [InlineData(440306198512121000d, "4.40306198512121E+17")] // an ID stored as a number: digits gone, and it shows
        [InlineData(44030619851212123d, "4.40306198512121E+16")]   // as [string][double] gives in PowerShell
        [InlineData(1.5d, "1.5")]
        public void Numbers_read_as_PowerShell_prints_them(double cell, string text)
        {
            Assert.Equal(text, WorkbookFile.CellText(cell));
        }

        [Fact]
        public void Other_cells()
        {
            Assert.Equal(string.Empty, WorkbookFile.CellText(null));
            Assert.Equal("李雷", WorkbookFile.CellText("李雷"));
            Assert.Equal("2024-03-01", WorkbookFile.CellText(new DateTime(2024, 3, 1)));
            Assert.Equal("2024-03-01 08:30:00", WorkbookFile.CellText(new DateTime(2024, 3, 1, 8, 30, 0)));
            Assert.Equal("TRUE", WorkbookFile.CellText(true));
        }

        [Fact]
        public void An_ID_a_spreadsheet_stored_as_a_number_gets_the_spreadsheet_hint_not_mistyped()
        {
            string id = IdentityNormalizer.NormalizeIdCard(WorkbookFile.CellText(440306198512121000d), null);
            string problem = IdCardRules.Check(id, DateTime.Today);
            Assert.Contains("scientific notation", problem);
            Assert.Contains("Format the ID column as text", problem);
            Assert.DoesNotContain("mistyped", problem);
        }
    }
}
