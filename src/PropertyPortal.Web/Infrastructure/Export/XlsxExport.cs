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

    public static void Write(Stream output, string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = doc.AddWorkbookPart();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, headers.Cast<object?>().ToList());
            foreach (var row in rows)
            {
                WriteRow(writer, row);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        workbook.Workbook = new Workbook(new Sheets(new Sheet
        {
            Id = workbook.GetIdOfPart(sheetPart),
            SheetId = 1,
            Name = sheetName.Length > 31 ? sheetName[..31] : sheetName,
        }));
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
