using System.Text;
using System.Text.RegularExpressions;
using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Notifications;

/// <summary>Where a send is in its life (ADR 0022).</summary>
public enum DeliveryState
{
    /// <summary>Waiting for the dispatcher.</summary>
    Queued,

    /// <summary>A household's quiet hours: waits until they end.</summary>
    Held,

    /// <summary>Claimed by a dispatcher under a lease; the provider may have it.</summary>
    Sending,

    /// <summary>The provider took it (its id is recorded).</summary>
    Sent,

    /// <summary>Failed; tried again at NextAttemptAt (exponential back-off).</summary>
    Retrying,

    /// <summary>Given up: attempts spent or a permanent refusal. An admin may send it again.</summary>
    Dead,

    /// <summary>The provider may or may not have it, and cannot deduplicate: an admin checks.</summary>
    Unknown,

    /// <summary>Not sent on purpose (opted out, prefers letters).</summary>
    Skipped,
}

public enum RecipientKind
{
    /// <summary>A member of staff (user id).</summary>
    User,

    /// <summary>A household (customer id): preferred channel, consent, quiet hours.</summary>
    Household,

    /// <summary>A property's team chat (WeChat Work group robot).</summary>
    Team,

    /// <summary>A household's own sign-in account (its id in RecipientUserId): SMS to the account's number — a sign-in code.</summary>
    Resident,
}

/// <summary>The order sends go out in when many are due: staff alerts before single notices before bulk runs.</summary>
public enum DeliveryPriority
{
    Urgent = 0,
    Normal = 1,
    Bulk = 2,
}

/// <summary>
/// Why a send was not made or not finished, as stored on the row: a code the admin page translates
/// (resource "Messaging.Reason.{Code}"), optionally ":" and a detail. A provider's own refusal is stored
/// as the provider said it.
/// </summary>
public static class DeliveryReason
{
    public const string OptedOut = nameof(OptedOut);
    public const string PrefersLetters = nameof(PrefersLetters);
    public const string NoMobile = nameof(NoMobile);
    public const string NoEmail = nameof(NoEmail);
    public const string NoAddress = nameof(NoAddress);
    public const string HouseholdGone = nameof(HouseholdGone);
    public const string UserDisabled = nameof(UserDisabled);
    public const string ChannelNotInstalled = nameof(ChannelNotInstalled);
    public const string ChannelNotConfigured = nameof(ChannelNotConfigured);
    public const string NoTemplateCode = nameof(NoTemplateCode);
    public const string NoWebhookKey = nameof(NoWebhookKey);
    public const string Timeout = nameof(Timeout);
    public const string LeaseExpiredUnknown = nameof(LeaseExpiredUnknown);
    public const string LeaseExpiredResent = nameof(LeaseExpiredResent);
    public const string ConfirmedByAdmin = nameof(ConfirmedByAdmin);
    public const string SentAgainByAdmin = nameof(SentAgainByAdmin);

    public static string With(string code, string detail) => code + ":" + detail;

    /// <summary>The code and detail of a stored reason, or null code for a provider's own text.</summary>
    public static (string? Code, string Detail) Split(string reason)
    {
        var colon = reason.IndexOf(':', StringComparison.Ordinal);
        var code = colon < 0 ? reason : reason[..colon];
        return code.Length > 0 && code.All(char.IsAsciiLetter) && char.IsAsciiLetterUpper(code[0]) && Known.Contains(code)
            ? (code, colon < 0 ? "" : reason[(colon + 1)..])
            : (null, reason);
    }

    private static readonly HashSet<string> Known =
    [
        OptedOut, PrefersLetters, NoMobile, NoEmail, NoAddress, HouseholdGone, UserDisabled, ChannelNotInstalled, ChannelNotConfigured,
        NoTemplateCode, NoWebhookKey, Timeout, LeaseExpiredUnknown, LeaseExpiredResent, ConfirmedByAdmin, SentAgainByAdmin,
    ];
}

/// <summary>
/// A household's quiet hours on the China wall clock (default 21:00–08:00): messages due inside them wait
/// until they end. Start inclusive, end exclusive; a window may span midnight; start = end means none.
/// </summary>
public readonly record struct QuietHours(TimeOnly Start, TimeOnly End)
{
    public static readonly QuietHours Default = new(new TimeOnly(21, 0), new TimeOnly(8, 0));

    public bool IsOff => Start == End;

    public bool Contains(TimeOnly time) =>
        !IsOff && (Start < End ? time >= Start && time < End : time >= Start || time < End);

    /// <summary>The wall-clock moment the quiet hours containing <paramref name="local"/> end; <paramref name="local"/> itself when it is not quiet.</summary>
    public DateTime EndAfter(DateTime local)
    {
        if (!Contains(TimeOnly.FromDateTime(local)))
        {
            return local;
        }

        var end = local.Date + End.ToTimeSpan();
        return end > local ? end : end.AddDays(1);
    }
}

/// <summary>The company's messaging settings (one row): the households' quiet hours.</summary>
public sealed class MessagingSettings : Entity
{
    public TimeOnly QuietStart { get; private set; } = QuietHours.Default.Start;
    public TimeOnly QuietEnd { get; private set; } = QuietHours.Default.End;

    public QuietHours QuietHours => new(QuietStart, QuietEnd);

    public void Update(TimeOnly quietStart, TimeOnly quietEnd)
    {
        QuietStart = quietStart;
        QuietEnd = quietEnd;
    }
}

/// <summary>A property's team chat: the WeChat Work (企业微信) group robot its staff alerts go to.</summary>
public sealed class TeamChat : Entity, IPropertyScoped
{
    private static readonly Regex KeyShape = new("^[A-Za-z0-9-]{8,64}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private TeamChat() { }

    public TeamChat(Guid propertyId, string webhookKey, Actor by, DateTime nowUtc)
    {
        PropertyId = propertyId;
        Change(webhookKey, by, nowUtc);
    }

    public Guid PropertyId { get; private set; }

    /// <summary>The robot's key (the webhook URL's key=…): a secret; pages show its last four characters.</summary>
    public string WebhookKey { get; private set; } = "";

    public DateTime UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    public string MaskedKey => WebhookKey.Length <= 4 ? "****" : "****" + WebhookKey[^4..];

    public void Change(string webhookKey, Actor by, DateTime nowUtc)
    {
        var key = Guard.Required(webhookKey, nameof(WebhookKey));
        if (!KeyShape.IsMatch(key))
        {
            throw new DomainException("WebhookKeyInvalid", "A webhook key is 8–64 letters, digits or hyphens.");
        }

        WebhookKey = key;
        UpdatedAt = nowUtc;
        UpdatedByName = by.Name;
    }
}

/// <summary>
/// The Chinese text of one kind of message for the channels that leave the building (SMS, e-mail,
/// WeChat Work), edited by an admin. Placeholders are <c>{name}</c>; only the kind's own names are
/// allowed, and the names it cannot do without must stay (checked on save).
/// </summary>
public sealed class MessageTemplate : Entity
{
    public const int MaxSubject = 100;
    public const int MaxText = 500;

    private MessageTemplate() { }

    /// <summary>A kind's row as seeded from the catalog (never edited).</summary>
    public MessageTemplate(string kind, string subject, string text)
    {
        Kind = Guard.Required(kind, nameof(Kind));
        Subject = subject;
        Text = text;
    }

    public string Kind { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Text { get; private set; } = "";

    /// <summary>Who last edited it and when; null while it is the seeded text.</summary>
    public DateTime? UpdatedAt { get; private set; }

    public string? UpdatedByName { get; private set; }

    public void Update(string subject, string text, IReadOnlyCollection<string> allowed, IReadOnlyCollection<string> required, Actor by, DateTime nowUtc)
    {
        var s = Guard.Required(subject, nameof(Subject));
        var t = Guard.Required(text, nameof(Text));
        if (s.Length > MaxSubject || t.Length > MaxText)
        {
            throw new DomainException("TemplateTooLong", "Subject or text too long.");
        }

        foreach (var part in new[] { s, t })
        {
            var parsed = TemplateText.Parse(part);
            if (parsed.Error is not null)
            {
                throw new DomainException("TemplateSyntax", parsed.Error);
            }

            if (parsed.Placeholders.FirstOrDefault(p => !allowed.Contains(p)) is { } unknown)
            {
                throw new DomainException("TemplatePlaceholderUnknown", $"Unknown placeholder {{{unknown}}}.");
            }
        }

        if (required.FirstOrDefault(r => !TemplateText.Parse(t).Placeholders.Contains(r)) is { } missing)
        {
            throw new DomainException("TemplatePlaceholderMissing", $"The text must keep {{{missing}}}.");
        }

        Subject = s;
        Text = t;
        UpdatedAt = nowUtc;
        UpdatedByName = by.Name;
    }
}

/// <summary><c>{name}</c> placeholders: parsing (for the checks on save) and filling in.</summary>
public static class TemplateText
{
    public sealed record Parsed(IReadOnlyList<string> Placeholders, string? Error);

    /// <summary>The placeholders in order of first appearance, or what is wrong: a brace without its pair, an empty or odd name.</summary>
    public static Parsed Parse(string text)
    {
        var names = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '}':
                    return new(names, $"'}}' at {i + 1} has no '{{'.");
                case '{':
                    var close = text.IndexOf('}', i + 1);
                    var open = text.IndexOf('{', i + 1);
                    if (close < 0 || (open >= 0 && open < close))
                    {
                        return new(names, $"'{{' at {i + 1} is not closed.");
                    }

                    var name = text[(i + 1)..close];
                    if (name.Length == 0 || !char.IsAsciiLetter(name[0]) || !name.All(char.IsAsciiLetterOrDigit))
                    {
                        return new(names, $"'{{{name}}}' is not a placeholder name.");
                    }

                    if (!names.Contains(name))
                    {
                        names.Add(name);
                    }

                    i = close;
                    break;
            }
        }

        return new(names, null);
    }

    public static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        var sb = new StringBuilder(text.Length + 32);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '{' && text.IndexOf('}', i + 1) is var close and > 0)
            {
                var name = text[(i + 1)..close];
                sb.Append(values.TryGetValue(name, out var v) ? v : "");
                i = close;
            }
            else
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }
}

/// <summary>
/// How many SMS a text costs (China's carriers, as Alibaba Cloud and Tencent Cloud bill): up to 70
/// characters — the 【signature】 included — is one message; a longer one is split into parts of 67.
/// </summary>
public static class SmsSegments
{
    public const int Single = 70;
    public const int PerPart = 67;

    public static int Count(string signName, string text)
    {
        var length = Length("【" + signName + "】" + text);
        return length <= Single ? 1 : (length + PerPart - 1) / PerPart;
    }

    /// <summary>Characters as a phone counts them: a character outside the BMP (an emoji) is one, not two UTF-16 units.</summary>
    public static int Length(string text)
    {
        var n = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            n++;
        }

        return n;
    }
}

/// <summary>Phone numbers and addresses as lists show them: enough to check, not enough to copy.</summary>
public static class AddressMask
{
    public static string Phone(string phone) =>
        phone.Length >= 7 ? string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4)) : new string('*', phone.Length);

    public static string Email(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }
}
