using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Infrastructure.Export;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Import;

public sealed class UploadForm
{
    [Display(Name = "Field.PropertyId")]
    public Guid? PropertyId { get; set; }

    [Display(Name = "Field.File")]
    public IFormFile? File { get; set; }
}

public sealed class UploadFormValidator : AbstractValidator<UploadForm>
{
    public UploadFormValidator(IStringLocalizer<ImportText> t)
    {
        RuleFor(x => x.PropertyId).NotEmpty();
        RuleFor(x => x.File).NotNull().WithMessage(_ => t["Upload.NoFile"]);
        RuleFor(x => x.File!.Length).LessThanOrEqualTo(RegistrySheetParser.MaxBytes)
            .WithMessage(_ => t["File.TooLarge", RegistrySheetParser.MaxBytes / 1024 / 1024]).OverridePropertyName(nameof(UploadForm.File))
            .When(x => x.File is not null);
        RuleFor(x => x.File!.FileName).Must(HasSheetExtension)
            .WithMessage(_ => t["Upload.WrongType"]).OverridePropertyName(nameof(UploadForm.File))
            .When(x => x.File is not null);
    }

    private static bool HasSheetExtension(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".xlsx" or ".csv" or ".xls" or ".txt";
}

public sealed record PropertyOption(Guid Id, string Code, string Name);

public sealed record BatchRow(Guid Id, string PropertyName, string FileName, int RowCount, ImportBatchStatus Status, DateTime CreatedAt, string CreatedBy, DateTime? ImportedAt);

public sealed record ImportIndexModel(UploadForm Form, IReadOnlyList<PropertyOption> Properties, IReadOnlyList<BatchRow> Recent);

public sealed record ErrorLine(int Row, string Message);

public sealed record PreviewModel(
    BatchRow Batch,
    ImportSummary Summary,
    IReadOnlyList<ErrorLine> Errors,
    int ErrorCount,
    IReadOnlyList<string> IgnoredColumns)
{
    public const int ShownErrors = 500;

    public bool CanImport => ErrorCount == 0;
}

public sealed record ResultModel(BatchRow Batch, Guid PropertyId, ImportSummary Summary);

/// <summary>
/// 批量导入: a company's first registry comes from a sheet. Upload → preview (every row checked, nothing
/// written) → confirm (checked again from the stored file, imported in one transaction) → result.
/// The file waits in the database between the steps, so any app instance can finish the import.
/// </summary>
[Authorize(Policy = Policies.RegistryStructure)]
public sealed class ImportController(PortalDbContext db, RegistryImporter importer, IStringLocalizer<ImportText> t, ILogger<ImportController> logger)
    : PortalController
{
    // Above the file limit so a somewhat too large file gets the friendly message rather than a bare 400.
    private const int UploadLimit = RegistrySheetParser.MaxBytes * 3;

    public async Task<IActionResult> Index(Guid? propertyId, CancellationToken ct) =>
        View(await IndexModelAsync(new UploadForm { PropertyId = propertyId }, ct));

    [HttpPost]
    [RequestSizeLimit(UploadLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
    public async Task<IActionResult> Upload(UploadForm form, CancellationToken ct)
    {
        if (ModelState.IsValid && !await db.Properties.AnyAsync(p => p.Id == form.PropertyId, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await IndexModelAsync(form, ct));
        }

        byte[] content;
        using (var buffer = new MemoryStream((int)form.File!.Length))
        {
            await form.File.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }

        var user = User.Identity?.Name ?? "";
        var propertyId = form.PropertyId!.Value;

        // An earlier preview of the same property by the same person is abandoned: keep one pending file, not a pile.
        await db.ImportBatches
            .Where(b => b.PropertyId == propertyId && b.CreatedBy == user && b.Status == ImportBatchStatus.Previewed)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportBatchStatus.Discarded).SetProperty(b => b.Content, Array.Empty<byte>()), ct);

        var batch = new ImportBatch
        {
            PropertyId = propertyId,
            FileName = Path.GetFileName(form.File.FileName) is { Length: > 0 and <= 260 } name ? name : "sheet",
            Content = content,
            RowCount = RegistrySheetParser.Parse(content).DataRowCount,
            Status = ImportBatchStatus.Previewed,
            CreatedAt = UtcNow,
            CreatedBy = user,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Registry sheet {FileName} ({Bytes} bytes) uploaded for property {PropertyId} as batch {BatchId}",
            batch.FileName, content.Length, propertyId, batch.Id);
        return RedirectToAction(nameof(Batch), new { id = batch.Id });
    }

    /// <summary>The preview: parses and checks the stored file every time it is shown, so it reflects the registry as it is now.</summary>
    public async Task<IActionResult> Batch(Guid id, CancellationToken ct)
    {
        var batch = await db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null)
        {
            return NotFound();
        }

        if (batch.Status == ImportBatchStatus.Imported)
        {
            return RedirectToAction(nameof(Result), new { id });
        }

        if (batch.Status == ImportBatchStatus.Discarded)
        {
            Flash(t["Batch.Discarded"]);
            return RedirectToAction(nameof(Index), new { propertyId = batch.PropertyId });
        }

        var sheet = RegistrySheetParser.Parse(batch.Content);
        var plan = await importer.PreviewAsync(batch.PropertyId, sheet, ct);
        var row = await BatchRowAsync(batch, ct);
        return View("Preview", new PreviewModel(
            row with { RowCount = sheet.DataRowCount },
            plan.Summary,
            plan.Errors.Take(PreviewModel.ShownErrors).Select(Describe).ToList(),
            plan.Errors.Count,
            sheet.IgnoredColumns));
    }

    [HttpPost]
    public async Task<IActionResult> Confirm(Guid id, CancellationToken ct)
    {
        var batch = await db.ImportBatches.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null)
        {
            return NotFound();
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await importer.ConfirmAsync(batch, ct);
        switch (result.Outcome)
        {
            case ConfirmOutcome.Imported:
                logger.LogInformation("Import batch {BatchId} imported {Rows} rows with {Changes} changes in {ElapsedMs} ms",
                    id, result.Summary!.Rows, result.Summary.Changes, (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Flash(t["Result.Flash"]);
                return RedirectToAction(nameof(Result), new { id });
            case ConfirmOutcome.HasErrors:
                Flash(t["Confirm.HasErrors"]);
                return RedirectToAction(nameof(Batch), new { id });
            case ConfirmOutcome.Conflict:
                Flash(t["Confirm.Conflict"]);
                return RedirectToAction(nameof(Batch), new { id });
            default:
                return RedirectToAction(nameof(Batch), new { id });
        }
    }

    [HttpPost]
    public async Task<IActionResult> Discard(Guid id, CancellationToken ct)
    {
        var batch = await db.ImportBatches.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null)
        {
            return NotFound();
        }

        if (batch.Status == ImportBatchStatus.Previewed)
        {
            batch.Status = ImportBatchStatus.Discarded;
            batch.Content = [];
            await db.SaveChangesAsync(ct);
        }

        Flash(t["Batch.Discarded"]);
        return RedirectToAction(nameof(Index), new { propertyId = batch.PropertyId });
    }

    public async Task<IActionResult> Result(Guid id, CancellationToken ct)
    {
        var batch = await db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null)
        {
            return NotFound();
        }

        if (batch.Status != ImportBatchStatus.Imported || ImportSummary.FromJson(batch.Summary) is not { } summary)
        {
            return RedirectToAction(nameof(Batch), new { id });
        }

        return View(new ResultModel(await BatchRowAsync(batch, ct), batch.PropertyId, summary));
    }

    /// <summary>Every problem of a preview as a sheet, for fixing a long list in Excel.</summary>
    public async Task<IActionResult> Errors(Guid id, CancellationToken ct)
    {
        var batch = await db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id && b.Status == ImportBatchStatus.Previewed, ct);
        if (batch is null)
        {
            return NotFound();
        }

        var plan = await importer.PreviewAsync(batch.PropertyId, RegistrySheetParser.Parse(batch.Content), ct);
        var rows = plan.Errors.Select(Describe).Select(e => (IReadOnlyList<object?>)[e.Row > 0 ? e.Row : null, e.Message]);
        return XlsxExport.File(t["Errors.FileName"], Today, t["Errors.Sheet"], [t["Errors.Row"], t["Errors.Problem"]], rows);
    }

    public IActionResult Template() =>
        File(RegistrySheetParser.TemplateCsv(), "text/csv; charset=utf-8", t["Template.FileName"]);

    private ErrorLine Describe(SheetError e)
    {
        var message = e.Key.StartsWith("Domain.", StringComparison.Ordinal)
            ? Shared[e.Key].ResourceNotFound ? Shared["Domain.Unknown"] : Shared[e.Key]
            : t[e.Key, e.Args];
        return new ErrorLine(e.Row, e.Row > 0 ? t["Error.AtRow", e.Row, message] : message);
    }

    private async Task<BatchRow> BatchRowAsync(ImportBatch b, CancellationToken ct)
    {
        var property = await db.Properties.AsNoTracking().Where(p => p.Id == b.PropertyId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        return new BatchRow(b.Id, property ?? "", b.FileName, b.RowCount, b.Status, b.CreatedAt, b.CreatedBy, b.ImportedAt);
    }

    private async Task<ImportIndexModel> IndexModelAsync(UploadForm form, CancellationToken ct)
    {
        var properties = await db.Properties.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Code)
            .Select(p => new PropertyOption(p.Id, p.Code, p.Name)).ToListAsync(ct);
        if (form.PropertyId is null && properties.Count == 1)
        {
            form.PropertyId = properties[0].Id;
        }

        var recent = await db.ImportBatches.AsNoTracking()
            .Where(b => b.Status != ImportBatchStatus.Discarded)
            .OrderByDescending(b => b.CreatedAt).Take(20)
            .Select(b => new BatchRow(b.Id, db.Properties.Where(p => p.Id == b.PropertyId).Select(p => p.Name).FirstOrDefault() ?? "",
                b.FileName, b.RowCount, b.Status, b.CreatedAt, b.CreatedBy, b.ImportedAt))
            .ToListAsync(ct);
        return new ImportIndexModel(form, properties, recent);
    }
}
