using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>Marker for Features/Notifications/MessagingText.resx (系统设置 → 消息发送).</summary>
public sealed class MessagingText;

public sealed record MessageFilter(DeliveryState? State, string? Channel, string? Kind, RecipientKind? Recipient, string? Batch, DateOnly? From, DateOnly? To);

public sealed record MessageRow(long Id, DateTime CreatedAt, string Kind, string Channel, RecipientKind Recipient, string RecipientName, string? Address,
    DeliveryState State, int Attempts, DateTime? NextAttemptAt, DateTime? ProcessedAt, string? ProviderMessageId, string? Reason, int? Segments, string? Batch);

public sealed record AttemptRow(int Attempt, DateTime At, DeliveryState Outcome, string? Detail, string? By);

public sealed record ChannelStatus(string Name, bool Configured, string Summary);

public sealed record MessageList(MessageFilter Filter, IReadOnlyList<MessageRow> Rows, PageInfo Paging, IReadOnlyDictionary<DeliveryState, int> Counts,
    IReadOnlyList<ChannelStatus> Channels);

public sealed record TeamChatRow(Guid PropertyId, string PropertyCode, string PropertyName, string? MaskedKey, DateTime? UpdatedAt, string? UpdatedBy);

public sealed record MessagingSettingsPage(QuietHoursForm Quiet, IReadOnlyList<TeamChatRow> Chats, IReadOnlyList<ChannelStatus> Channels, IReadOnlyList<string> StaffChannels,
    RetryPolicy Retry, int LeaseSeconds, int Parallelism);

public sealed record MessageDetails(MessageRow Row, string? Link, RenderedMessage? Content, IReadOnlyList<AttemptRow> Attempts, string DedupKey, DeliveryPriority Priority,
    bool BypassQuietHours);

/// <summary>
/// 系统设置 → 消息发送: every send per (notification, channel, recipient) with its state, provider id,
/// reason and attempts, filtered; "send again" for a finished row (dead, unknown, skipped, or sent and
/// not received), "confirmed delivered" for an unknown one after checking the provider's console.
/// </summary>
[Authorize(Policy = Policies.Administration)]
[Route("Settings/Messages/{action=Index}/{id?}")]
public sealed class MessagesController(PortalDbContext db, MessageRenderer renderer, IOptions<MessagingOptions> options, IStringLocalizer<MessagingText> t,
    ILogger<MessagesController> logger) : PortalController
{
    public const int PageSize = 50;

    [HttpGet]
    public async Task<IActionResult> Index(DeliveryState? state, string? channel, string? kind, RecipientKind? recipient, string? batch, DateOnly? from, DateOnly? to,
        int page, CancellationToken ct)
    {
        var filter = new MessageFilter(state, Blank(channel), Blank(kind), recipient, Blank(batch), from, to);
        var query = Filtered(filter with { State = null });
        var counts = await query.GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        if (filter.State is { } s)
        {
            query = query.Where(m => m.State == s);
        }

        var total = filter.State is { } st ? counts.GetValueOrDefault(st) : counts.Values.Sum();
        var paging = PageInfo.For(Request, page, total, PageSize);
        var rows = await query.OrderByDescending(m => m.Id).Skip(paging.Skip).Take(PageSize).ToListAsync(ct);
        return View(new MessageList(filter, await RowsAsync(rows, ct), paging, counts, Channels(options.Value)));
    }

    [HttpGet]
    public async Task<IActionResult> Details(long id, CancellationToken ct)
    {
        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return NotFound();
        }

        var attempts = await db.OutboxAttempts.AsNoTracking().Where(a => a.MessageId == id).OrderBy(a => a.Id)
            .Select(a => new AttemptRow(a.Attempt, a.At, a.Outcome, a.Detail, a.ByName)).ToListAsync(ct);
        var content = message.Channel is NotificationChannels.InApp or NotificationChannels.None
            ? null
            : renderer.Render(await renderer.LoadAsync(ct), message.Kind, message.Args);
        return View(new MessageDetails((await RowsAsync([message], ct))[0], message.Link, content, attempts, message.DedupKey, message.Priority, message.BypassQuietHours));
    }

    /// <summary>Queues a finished row again with a fresh set of attempts; recorded on its history with who did it.</summary>
    [HttpPost]
    public Task<IActionResult> SendAgain(long id, CancellationToken ct) =>
        ActAsync(id, (m, now) =>
        {
            m.SendAgain(now);
            return DeliveryReason.SentAgainByAdmin;
        }, "Messaging.SentAgain", ct);

    /// <summary>An unknown send the admin found delivered in the provider's console.</summary>
    [HttpPost]
    public Task<IActionResult> ConfirmSent(long id, CancellationToken ct) =>
        ActAsync(id, (m, now) =>
        {
            m.ConfirmSent(CurrentActor, now);
            return DeliveryReason.ConfirmedByAdmin;
        }, "Messaging.Confirmed", ct);

    /// <summary>The households' quiet hours, each property's WeChat Work robot, and what the configuration turns on.</summary>
    [HttpGet]
    public async Task<IActionResult> Settings(CancellationToken ct)
    {
        var row = await db.MessagingSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        var quiet = row?.QuietHours ?? QuietHours.Default;
        return View(await SettingsPageAsync(new QuietHoursForm { QuietStart = quiet.Start.ToString("HH:mm"), QuietEnd = quiet.End.ToString("HH:mm"), Version = row?.Version ?? 0 }, ct));
    }

    [HttpPost]
    public async Task<IActionResult> Settings(QuietHoursForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return View(await SettingsPageAsync(form, ct));
        }

        var row = await db.MessagingSettings.OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            row = new MessagingSettings();
            db.MessagingSettings.Add(row);
        }
        else
        {
            ExpectVersion(db, row, form.Version);
        }

        QuietHoursForm.TryParse(form.QuietStart, out var start);
        QuietHoursForm.TryParse(form.QuietEnd, out var end);
        if (!await TrySaveAsync(db, () => row.Update(start, end)))
        {
            return View(await SettingsPageAsync(form, ct));
        }

        logger.LogInformation("Quiet hours set to {Start}-{End} by {User}", start, end, User.Identity?.Name);
        Flash(Shared["Common.Saved"]);
        return RedirectToAction(nameof(Settings));
    }

    /// <summary>Sets, replaces or removes a property's robot key (the key is a secret: only its last four characters are shown again).</summary>
    [HttpPost]
    public async Task<IActionResult> SaveTeamChat(TeamChatForm form, CancellationToken ct)
    {
        if (!await db.Properties.AnyAsync(p => p.Id == form.PropertyId, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            FlashError(ModelStateErrors());
            return RedirectToAction(nameof(Settings));
        }

        var chat = await db.TeamChats.FirstOrDefaultAsync(c => c.PropertyId == form.PropertyId, ct);
        var saved = await TrySaveAsync(db, () =>
        {
            if (form.Remove)
            {
                if (chat is not null)
                {
                    db.TeamChats.Remove(chat);
                }
            }
            else if (chat is null)
            {
                db.TeamChats.Add(new TeamChat(form.PropertyId, form.WebhookKey!.Trim(), CurrentActor, UtcNow));
            }
            else
            {
                chat.Change(form.WebhookKey!.Trim(), CurrentActor, UtcNow);
            }
        });
        if (saved)
        {
            logger.LogInformation("WeChat Work robot of property {PropertyId} {Action} by {User}", form.PropertyId, form.Remove ? "removed" : "set", User.Identity?.Name);
            Flash(Shared["Common.Saved"]);
        }
        else
        {
            FlashError(ModelStateErrors());
        }

        return RedirectToAction(nameof(Settings));
    }

    private async Task<MessagingSettingsPage> SettingsPageAsync(QuietHoursForm form, CancellationToken ct)
    {
        var chats = await db.TeamChats.AsNoTracking().ToDictionaryAsync(c => c.PropertyId, ct);
        var properties = await db.Properties.AsNoTracking().OrderByDescending(p => p.IsActive).ThenBy(p => p.Code).Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct);
        var o = options.Value;
        return new MessagingSettingsPage(form,
            [.. properties.Select(p => chats.TryGetValue(p.Id, out var c)
                ? new TeamChatRow(p.Id, p.Code, p.Name, c.MaskedKey, c.UpdatedAt, c.UpdatedByName)
                : new TeamChatRow(p.Id, p.Code, p.Name, null, null, null))],
            Channels(o), o.StaffChannels, o.Retry, o.LeaseSeconds, o.Parallelism);
    }

    private async Task<IActionResult> ActAsync(long id, Func<OutboxMessage, DateTime, string> act, string done, CancellationToken ct)
    {
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return NotFound();
        }

        var now = UtcNow;
        if (await TrySaveAsync(db, () =>
            {
                var reason = act(message, now);
                db.OutboxAttempts.Add(new OutboxAttempt(message.Id, message.Attempts, message.State, reason, CurrentActor.Name, now));
            }))
        {
            logger.LogInformation("Outbox message {MessageId} {Action} by {User}", id, done, User.Identity?.Name);
            Flash(t[done]);
        }
        else
        {
            FlashError(ModelStateErrors());
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private IQueryable<OutboxMessage> Filtered(MessageFilter f)
    {
        var query = db.OutboxMessages.AsNoTracking();
        if (f.State is { } state)
        {
            query = query.Where(m => m.State == state);
        }

        if (f.Channel is { } channel)
        {
            query = query.Where(m => m.Channel == channel);
        }

        if (f.Kind is { } kind)
        {
            query = query.Where(m => m.Kind == kind);
        }

        if (f.Recipient is { } recipient)
        {
            query = query.Where(m => m.Recipient == recipient);
        }

        if (f.Batch is { } batch)
        {
            query = query.Where(m => m.Batch == batch);
        }

        if (f.From is { } from)
        {
            var start = PortalClock.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(m => m.CreatedAt >= start);
        }

        if (f.To is { } to)
        {
            var end = PortalClock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(m => m.CreatedAt < end);
        }

        return query;
    }

    /// <summary>Rows with their recipients' names: staff by display name, households by name, team chats by property.</summary>
    private async Task<List<MessageRow>> RowsAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        var userIds = messages.Where(m => m.RecipientUserId != null).Select(m => m.RecipientUserId!).Distinct().ToList();
        var customerIds = messages.Where(m => m.CustomerId != null).Select(m => m.CustomerId!.Value).Distinct().ToList();
        var propertyIds = messages.Where(m => m.Recipient == RecipientKind.Team).Select(m => m.PropertyId!.Value).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var customers = await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var properties = await db.Properties.IgnoreQueryFilters().AsNoTracking().Where(p => propertyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. messages.Select(m => new MessageRow(m.Id, m.CreatedAt, m.Kind, m.Channel, m.Recipient,
            m.Recipient switch
            {
                RecipientKind.User => users.GetValueOrDefault(m.RecipientUserId!, m.RecipientUserId!),
                RecipientKind.Household => customers.GetValueOrDefault(m.CustomerId!.Value, "?"),
                RecipientKind.Resident => m.Address ?? "?",
                _ => properties.GetValueOrDefault(m.PropertyId!.Value, "?"),
            },
            m.Address, m.State, m.Attempts, m.NextAttemptAt, m.ProcessedAt, m.ProviderMessageId, m.LastError, m.Segments, m.Batch))];
    }

    /// <summary>What is configured, without secrets: shown above the list so an admin sees why a channel's rows fail.</summary>
    internal static IReadOnlyList<ChannelStatus> Channels(MessagingOptions o) =>
    [
        new(NotificationChannels.InApp, true, "—"),
        new(NotificationChannels.Email, o.Email.Configured, o.Email.Configured ? $"{o.Email.Host}:{o.Email.Port} ({o.Email.Security}), {o.Email.From}, {o.Email.RatePerSecond:0.##}/s" : "—"),
        new(NotificationChannels.Sms, o.Sms.Configured,
            o.Sms.Configured ? $"{o.Sms.Provider} {o.Sms.Endpoint}, 【{o.Sms.SignName}】, {o.Sms.Templates.Count} template codes, {o.Sms.RatePerSecond:0.##}/s" : "—"),
        new(NotificationChannels.WeChatWork, true, $"{o.WeChatWork.Endpoint}, {o.WeChatWork.RatePerMinute:0.##}/min"),
    ];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
