using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Notifications;

public sealed record TemplateRow(string Kind, Audience Audience, string Subject, string Text, bool Edited, string? SmsTemplateCode, DateTime? UpdatedAt, string? UpdatedBy);

/// <summary>
/// 系统设置 → 消息发送 → 模板: the Chinese text of every kind of message that leaves the building, as data.
/// Saving checks the placeholders against the kind's arguments (unknown ones refused, required ones kept);
/// 预览 renders the text with the latest real message of the kind, and counts its SMS parts.
/// </summary>
[Authorize(Policy = Policies.Administration)]
[Route("Settings/Messages/Templates/{action=Index}/{id?}")]
public sealed class MessageTemplatesController(PortalDbContext db, MessageRenderer renderer, IOptions<MessagingOptions> options, IStringLocalizer<MessagingText> t,
    ILogger<MessageTemplatesController> logger) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var rows = await db.MessageTemplates.AsNoTracking().ToDictionaryAsync(r => r.Kind, StringComparer.Ordinal, ct);
        var codes = options.Value.Sms.Templates;
        return View(NotificationCatalog.All.Select(k => rows.TryGetValue(k.Kind, out var r)
                ? new TemplateRow(k.Kind, k.Audience, r.Subject, r.Text, r.UpdatedAt is not null, codes.GetValueOrDefault(k.Kind), r.UpdatedAt, r.UpdatedByName)
                : new TemplateRow(k.Kind, k.Audience, k.Subject, k.Text, false, codes.GetValueOrDefault(k.Kind), null, null))
            .ToList());
    }

    [HttpGet]
    public async Task<IActionResult> Edit(string id, CancellationToken ct)
    {
        if (NotificationCatalog.Find(id) is not { } kind)
        {
            return NotFound();
        }

        var row = await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(r => r.Kind == id, ct);
        var form = new MessageTemplateForm
        {
            Kind = id, Subject = row?.Subject ?? kind.Subject, Text = row?.Text ?? kind.Text, Version = row?.Version ?? 0,
        };
        return View(await WithPreviewAsync(form, kind, row, ct));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(string id, MessageTemplateForm form, CancellationToken ct)
    {
        if (NotificationCatalog.Find(id) is not { } kind || form.Kind != id)
        {
            return NotFound();
        }

        var row = await db.MessageTemplates.FirstOrDefaultAsync(r => r.Kind == id, ct);
        if (!ModelState.IsValid || form.Preview)
        {
            return View(await WithPreviewAsync(form, kind, row, ct, showPosted: ModelState.IsValid));
        }

        if (row is null)
        {
            row = new MessageTemplate(kind.Kind, kind.Subject, kind.Text);
            db.MessageTemplates.Add(row);
        }
        else
        {
            ExpectVersion(db, row, form.Version);
        }

        if (!await TrySaveAsync(db, () => row.Update(form.Subject!, form.Text!, kind.Parameters, kind.Required, CurrentActor, UtcNow)))
        {
            return View(await WithPreviewAsync(form, kind, null, ct, showPosted: false));
        }

        logger.LogInformation("Message template {Kind} saved by {User}", id, User.Identity?.Name);
        Flash(t["Templates.Saved", MessagingView.Kind(t, id)]);
        return RedirectToAction(nameof(Edit), new { id });
    }

    /// <summary>
    /// The preview: the posted text when it is valid (else the stored one), filled with the arguments of
    /// the latest real message of the kind, or with example values when the kind has never been sent.
    /// </summary>
    private async Task<MessageTemplateForm> WithPreviewAsync(MessageTemplateForm form, NotificationKind kind, MessageTemplate? row, CancellationToken ct, bool showPosted = true)
    {
        form.Catalog = kind;
        form.UpdatedAt = row?.UpdatedAt;
        form.UpdatedBy = row?.UpdatedByName;
        var stored = row is null ? (kind.Subject, kind.Text) : (row.Subject, row.Text);
        var template = showPosted && !string.IsNullOrWhiteSpace(form.Subject) && !string.IsNullOrWhiteSpace(form.Text) ? (form.Subject!, form.Text!) : stored;
        var real = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind.Kind).OrderByDescending(m => m.Id)
            .Select(m => new { m.Id, m.Args, m.CreatedAt }).FirstOrDefaultAsync(ct);
        var args = real?.Args ?? System.Text.Json.JsonSerializer.Serialize(kind.Parameters.Select(p => kind.Sample[p]));
        var content = renderer.Render(template, kind.Kind, args);
        var sms = options.Value.Sms;
        var sign = sms.SignName ?? t["Templates.SignExample"];
        form.Rendered = new TemplatePreview(content, real is not null,
            real is null ? null : t["Templates.RealRecord", real.Id, Infrastructure.Mvc.ViewHelpers.Time(real.CreatedAt)].Value,
            sign, sms.Templates.GetValueOrDefault(kind.Kind),
            SmsSegments.Length("【" + sign + "】" + content.Text), SmsSegments.Count(sign, content.Text));
        return form;
    }
}
