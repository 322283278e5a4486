using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Mvc;

namespace PropertyPortal.Web.Infrastructure.Export;

/// <summary>
/// Writes a one-sheet .xlsx (header row + data rows) with the Open XML SDK's forward-only
/// <see cref="OpenXmlWriter"/>, so a large export streams rows instead of building a DOM
/// (the DOM needed &gt;1 GB for 100,000 units). Numbers stay numbers so Excel can sum them.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Write(Stream output, string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows) =>
        WriteWorkbook(output, [new XlsxSheet(sheetName, headers, rows)]);

    /// <summary>
    /// Several sheets in one workbook (the monthly report: one per section). A <see cref="XlsxNumber"/> cell is a
    /// number with a display format — yuan with two decimals, a share as a percentage — so Excel can still sum it.
    /// </summary>
    public static void WriteWorkbook(Stream output, IReadOnlyList<XlsxSheet> sheets)
    {
        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = doc.AddWorkbookPart();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font()) { Count = 1 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true }) { Count = 3 });
        styles.Stylesheet.Save();

        var entries = new Sheets();
        uint sheetId = 1;
        foreach (var sheet in sheets)
        {
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, sheet.Headers.Cast<object?>().ToList());
                foreach (var row in sheet.Rows)
                {
                    WriteRow(writer, row);
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            entries.Append(new Sheet
            {
                Id = workbook.GetIdOfPart(sheetPart),
                SheetId = sheetId++,
                Name = sheet.Name.Length > 31 ? sheet.Name[..31] : sheet.Name,
            });
        }

        workbook.Workbook = new Workbook(entries);
        workbook.Workbook.Save();
    }

    public static byte[] Build(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        Write(stream, sheetName, headers, rows);
        return stream.ToArray();
    }

    /// <summary>A file download named e.g. "房屋-20261122.xlsx".</summary>
    public static FileContentResult File(string baseName, DateOnly day, string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows) =>
        new(Build(sheetName, headers, rows), ContentType) { FileDownloadName = $"{baseName}-{day:yyyyMMdd}.xlsx" };

    private static void WriteRow(OpenXmlWriter writer, IReadOnlyList<object?> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            writer.WriteElement(value switch
            {
                XlsxNumber n => new Cell
                {
                    DataType = CellValues.Number,
                    StyleIndex = (uint)n.Format,
                    CellValue = new CellValue(n.Value.ToString(CultureInfo.InvariantCulture)),
                },
                int or long or decimal or double => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!) },
                _ => new Cell
                {
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(Convert.ToString(value, CultureInfo.CurrentCulture) ?? "") { Space = SpaceProcessingModeValues.Preserve }),
                },
            });
        }

        writer.WriteEndElement();
    }
}

/// <summary>One sheet of a workbook: its name (31 characters at most), header row and rows.</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>The style indexes of <see cref="XlsxExport.WriteWorkbook"/>'s stylesheet.</summary>
public enum XlsxFormat { General = 0, TwoDecimals = 1, Percent = 2 }

/// <summary>A number cell with a display format.</summary>
public sealed record XlsxNumber(decimal Value, XlsxFormat Format);
