using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>A message's Chinese subject and text, and its parameters by name in the order the text uses them (for SMS templates).</summary>
public sealed record RenderedMessage(string Subject, string Text, IReadOnlyList<KeyValuePair<string, string>> Parameters);

/// <summary>The templates in force: the admin's rows, and the catalog's text for kinds nobody edited.</summary>
public sealed class TemplateSet(IReadOnlyDictionary<string, (string Subject, string Text)> edited)
{
    public (string Subject, string Text) For(string kind) =>
        edited.TryGetValue(kind, out var t) ? t
        : NotificationCatalog.Find(kind) is { } k ? (k.Subject, k.Text)
        : (kind, string.Join(" ", Enumerable.Range(0, 8).Select(i => "{a" + i.ToString(CultureInfo.InvariantCulture) + "}")).Trim());
}

/// <summary>
/// Renders a stored message (kind + positional arguments) in Chinese with its template: argument i fills
/// the kind's i-th placeholder name; arguments stored as names (a milestone, a role) are translated the
/// way the bell translates them (<see cref="NotificationText"/>).
/// </summary>
public sealed class MessageRenderer(PortalDbContext db, IStringLocalizer<SharedResource> localizer)
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public async Task<TemplateSet> LoadAsync(CancellationToken ct) =>
        new(await db.MessageTemplates.AsNoTracking().ToDictionaryAsync(t => t.Kind, t => (t.Subject, t.Text), StringComparer.Ordinal, ct));

    public RenderedMessage Render(TemplateSet templates, string kind, string argsJson) =>
        Render(templates.For(kind), kind, argsJson);

    public RenderedMessage Render((string Subject, string Text) template, string kind, string argsJson)
    {
        var values = Values(kind, argsJson);
        var order = TemplateText.Parse(template.Text).Placeholders;
        return new RenderedMessage(
            TemplateText.Fill(template.Subject, values),
            TemplateText.Fill(template.Text, values),
            [.. order.Select(name => new KeyValuePair<string, string>(name, values.GetValueOrDefault(name, "")))]);
    }

    /// <summary>The arguments by placeholder name, translated to Chinese where they are stored as names.</summary>
    public Dictionary<string, string> Values(string kind, string argsJson)
    {
        string[] args;
        try
        {
            args = JsonSerializer.Deserialize<string[]>(argsJson) ?? [];
        }
        catch (JsonException)
        {
            args = [];
        }

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Chinese;
        try
        {
            foreach (var (index, prefix) in NotificationText.Translated.GetValueOrDefault(kind, []))
            {
                if (index < args.Length && localizer[prefix + args[index]] is { ResourceNotFound: false } text)
                {
                    args[index] = text.Value;
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        var names = NotificationCatalog.Find(kind)?.Parameters ?? [.. Enumerable.Range(0, args.Length).Select(i => "a" + i.ToString(CultureInfo.InvariantCulture))];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            values[names[i]] = i < args.Length ? args[i] : "";
        }

        return values;
    }
}
