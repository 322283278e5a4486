using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PropertyPortal.Web.Features.Import;

/// <summary>One non-blank row of a sheet as text cells; <see cref="Number"/> is the row number Excel shows (header = 1).</summary>
public sealed record SheetRow(int Number, string?[] Cells)
{
    public string? this[int column] => column >= 0 && column < Cells.Length ? Cells[column] : null;
}

/// <summary>Why a file could not be read at all; the key is an <see cref="ImportText"/> resource.</summary>
public sealed class SheetFormatException(string key, params object[] args) : Exception(key)
{
    public string Key { get; } = key;

    public object[] Args { get; } = args;
}

/// <summary>
/// Turns the first worksheet of an .xlsx, or a .csv as Excel in China writes it (UTF-8 with or without
/// BOM, or GB18030/GBK), into rows of text. Blank rows are skipped but keep the numbering Excel shows.
/// </summary>
public static class SheetReader
{
    static SheetReader()
    {
        // GB18030/GBK are not built into .NET; registering twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Reads at most <paramref name="maxRows"/> + 1 rows so an oversized sheet is reported without reading all of it.</summary>
    public static List<SheetRow> Read(byte[] content, int maxRows)
    {
        if (content.Length == 0)
        {
            throw new SheetFormatException("File.Empty");
        }

        if (content is [0x50, 0x4B, 0x03, 0x04, ..])
        {
            return ReadXlsx(content, maxRows);
        }

        // The compound-file signature of the old binary .xls (and of encrypted .xlsx).
        if (content is [0xD0, 0xCF, 0x11, 0xE0, ..])
        {
            throw new SheetFormatException("File.Xls");
        }

        return ReadCsv(Decode(content), maxRows);
    }

    /// <summary>UTF-8 (BOM or not) when the bytes are valid UTF-8; UTF-16 with a BOM; otherwise GB18030, a superset of GBK.</summary>
    public static string Decode(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        if (bytes is [0xFF, 0xFE, ..])
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes is [0xFE, 0xFF, ..])
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    private static List<SheetRow> ReadCsv(string text, int maxRows)
    {
        // Blank lines are kept as records so the numbering matches the rows Excel shows.
        var options = new CsvReaderOptions { HasHeader = false, SkipEmptyLines = false, FormatProvider = CultureInfo.InvariantCulture };
        var rows = new List<SheetRow>();
        using var csv = CsvReader.FromText(text, options);
        var number = 0;
        while (csv.Read())
        {
            number++;
            var record = new string?[csv.FieldCount];
            for (var i = 0; i < record.Length; i++)
            {
                record[i] = csv.GetString(i);
            }

            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rows.Add(new SheetRow(number, record));
            if (rows.Count > maxRows + 1)
            {
                break;
            }
        }

        return rows;
    }

    private static List<SheetRow> ReadXlsx(byte[] content, int maxRows)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var doc = SpreadsheetDocument.Open(stream, false);
            var workbook = doc.WorkbookPart ?? throw new SheetFormatException("File.Unreadable");
            var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Id?.Value is not null)
                ?? throw new SheetFormatException("File.Unreadable");
            if (workbook.GetPartById(first.Id!.Value!) is not WorksheetPart sheetPart)
            {
                throw new SheetFormatException("File.Unreadable");
            }

            var shared = SharedStrings(workbook);
            return ReadWorksheet(sheetPart, shared, maxRows);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new SheetFormatException("File.Unreadable");
        }
    }

    private static string[] SharedStrings(WorkbookPart workbook)
    {
        var table = workbook.SharedStringTablePart?.SharedStringTable;
        return table is null ? [] : table.Elements<SharedStringItem>().Select(RichText).ToArray();
    }

    /// <summary>
    /// The visible text of a shared or inline string: plain &lt;t&gt; or rich-text runs. Phonetic guides
    /// (&lt;rPh&gt;, which Chinese and Japanese Excel adds) are not part of the value and are left out.
    /// </summary>
    private static string RichText(OpenXmlElement item)
    {
        var sb = new StringBuilder();
        foreach (var child in item.ChildElements)
        {
            switch (child)
            {
                case Text t:
                    sb.Append(t.Text);
                    break;
                case Run r:
                    sb.Append(r.Text?.Text);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Streams the rows (SAX) so a 50,000-row sheet never sits in memory as a DOM.</summary>
    private static List<SheetRow> ReadWorksheet(WorksheetPart part, string[] shared, int maxRows)
    {
        var rows = new List<SheetRow>();
        using var reader = OpenXmlReader.Create(part);
        var lastNumber = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            var number = (int?)row.RowIndex?.Value ?? lastNumber + 1;
            lastNumber = number;
            var cells = new List<string?>();
            var next = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : next;
                while (cells.Count < column)
                {
                    cells.Add(null);
                }

                cells.Add(CellText(cell, shared));
                next = column + 1;
            }

            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rows.Add(new SheetRow(number, [.. cells]));
            if (rows.Count > maxRows + 1)
            {
                break;
            }
        }

        return rows;
    }

    private static string? CellText(Cell cell, string[] shared)
    {
        var value = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Length ? shared[i] : null;
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? RichText(inline) : value;
        }

        if (type == CellValues.Boolean)
        {
            return value == "1" ? "TRUE" : "FALSE";
        }

        if (type == CellValues.Error)
        {
            return null;
        }

        // Numbers, formula results (str) and ISO dates (d) are already text in invariant form.
        return value;
    }

    /// <summary>"AB12" → 27 (zero-based column).</summary>
    public static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                index = index * 26 + (c - 'A' + 1);
            }
            else if (c is >= 'a' and <= 'z')
            {
                index = index * 26 + (c - 'a' + 1);
            }
            else
            {
                break;
            }
        }

        return Math.Max(0, index - 1);
    }
}
