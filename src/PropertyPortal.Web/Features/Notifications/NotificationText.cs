using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>
/// Turns a stored notification (kind + arguments) into a sentence in the reader's language:
/// SharedResource "Notify.{Kind}" formatted with the arguments, where an argument that names an
/// enum value or a role (stored by name, e.g. "OnSite", "Supervisor") is translated first.
/// </summary>
public sealed class NotificationText(IStringLocalizer<SharedResource> localizer)
{
    // Which argument of which kind is a name to translate, and under which resource prefix.
    internal static readonly Dictionary<string, (int Index, string Prefix)[]> Translated = new(StringComparer.Ordinal)
    {
        [NotificationKinds.SlaWarning] = [(1, "Enum.SlaMilestone.")],
        [NotificationKinds.SlaBreach] = [(1, "Enum.SlaMilestone.")],
        [NotificationKinds.SlaEscalated] = [(1, "Enum.SlaMilestone."), (3, "Role.")],
        [NotificationKinds.PauseRequested] = [(1, "Enum.PauseReason.")],
    };

    public string Render(string kind, string argsJson)
    {
        var args = Parse(argsJson);
        foreach (var (index, prefix) in Translated.GetValueOrDefault(kind, []))
        {
            if (index < args.Length && localizer[prefix + args[index]] is { ResourceNotFound: false } text)
            {
                args[index] = text.Value;
            }
        }

        var template = localizer["Notify." + kind];
        if (template.ResourceNotFound)
        {
            return string.Join(" ", [kind, .. args]);
        }

        try
        {
            return string.Format(CultureInfo.CurrentCulture, template.Value, args);
        }
        catch (FormatException)
        {
            // Fewer arguments than the sentence expects (an older row): show what there is.
            return template.Value + " " + string.Join(" ", args);
        }
    }

    private static object[] Parse(string json)
    {
        try
        {
            return [.. (JsonSerializer.Deserialize<string[]>(json) ?? []).Cast<object>()];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
