using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Pauses;

/// <summary>
/// The domain records a pause step's reason by name on the case's timeline ("WaitingForParts: 对讲分机缺货",
/// see <see cref="PauseRequest.Describe"/>); timelines show it in the reader's language.
/// </summary>
public static class PauseNotes
{
    /// <summary>The note of a PauseRequested or Paused event with its reason translated; any other note as it is.</summary>
    public static string? Readable(string eventKind, string? note, IStringLocalizer localizer)
    {
        if (note is null || eventKind is not ("PauseRequested" or "Paused"))
        {
            return note;
        }

        foreach (var reason in Enum.GetValues<PauseReason>())
        {
            var name = reason.ToString();
            if (note == name)
            {
                return localizer.Enum(reason);
            }

            if (note.StartsWith(name + ": ", StringComparison.Ordinal))
            {
                return localizer.Enum(reason) + "：" + note[(name.Length + 2)..];
            }
        }

        return note;
    }
}
