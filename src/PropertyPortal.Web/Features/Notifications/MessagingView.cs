using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Notifications;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>How the messaging pages word a stored reason and a kind.</summary>
public static class MessagingView
{
    /// <summary>A reason code in the reader's language ("Messaging.Reason.{Code}", the detail as its argument); a provider's own text as it came.</summary>
    public static string Reason(IStringLocalizer<MessagingText> t, string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return "";
        }

        var (code, detail) = DeliveryReason.Split(reason);
        return code is not null && t["Messaging.Reason." + code, detail] is { ResourceNotFound: false } text ? text.Value : reason;
    }

    public static string Kind(IStringLocalizer<MessagingText> t, string kind) =>
        t["Kind." + kind] is { ResourceNotFound: false } text ? text.Value : kind;

    public static string StateBadge(DeliveryState state) => state switch
    {
        DeliveryState.Sent => "text-bg-success",
        DeliveryState.Dead => "text-bg-danger",
        DeliveryState.Unknown => "text-bg-warning",
        DeliveryState.Retrying => "text-bg-warning",
        DeliveryState.Held => "text-bg-info",
        DeliveryState.Skipped => "text-bg-secondary",
        _ => "text-bg-light border",
    };
}
