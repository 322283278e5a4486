using System.IO.Compression;
using System.Text;

namespace PropertyPortal.IntegrationTests.Infrastructure;

public static class ResponseText
{
    /// <summary>The response's text as a person or a spreadsheet program would read it: HTML as is, .xlsx unzipped.</summary>
    public static async Task<string> ReadableAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        if (bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K')
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var text = new StringBuilder();
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                text.AppendLine(await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
            }

            return text.ToString();
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
