using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Notices;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Repairs;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Notices;

public sealed record NoticeRow(
    Guid Id, string Number, string PropertyName, string Title, NoticeCategory Category, NoticeStatus Status, DateTime CreatedAt, DateOnly PublishFrom,
    DateOnly? PublishUntil, DateTime? PublishedAt, DateTime? WithdrawnAt, bool PublishedLate, bool AutoWithdrawn, string AuthorName);

public sealed record NoticeList(NoticeFilter Filter, IReadOnlyList<SelectListItem> PropertyOptions, IReadOnlyList<NoticeRow> Rows, PageInfo Paging);

public sealed record NoticeDetails(
    PublicNotice Notice, string PropertyName, string? PropertyPhone, IReadOnlyList<string> BuildingNames, int Households, DateTime? LatestPublication,
    DateTime? WithdrawDueAt, IReadOnlyList<ClockView> Clocks, IReadOnlyList<TimelineEntry> Timeline, bool CanApprove, DateTime Now);

/// <summary>What the notice pages show: the ledger (and its export), a notice with its clock and timeline, the draft form.</summary>
public sealed class NoticePages(
    PortalDbContext db, CaseTimeline timelines, SlaSettings settings, AudienceSelector audience, TimeProvider time, IStringLocalizer<NoticesText> t,
    IStringLocalizer<SharedResource> shared)
{
    public IQueryable<PublicNotice> Filtered(NoticeFilter f)
    {
        var query = db.PublicNotices.AsNoTracking();
        if (f.PropertyId is { } pid)
        {
            query = query.Where(n => n.PropertyId == pid);
        }

        if (f.Category is { } category)
        {
            query = query.Where(n => n.Category == category);
        }

        if (f.Status is { } status)
        {
            query = query.Where(n => n.Status == status);
        }

        var (fromUtc, toUtc) = CaseFilters.ReceivedRange(f.From, f.To);
        if (fromUtc is { } from)
        {
            query = query.Where(n => n.CreatedAt >= from);
        }

        if (toUtc is { } to)
        {
            query = query.Where(n => n.CreatedAt < to);
        }

        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            query = query.Where(n => n.Number == q.ToUpperInvariant() || n.Title.Contains(q));
        }

        return query;
    }

    public IQueryable<NoticeRow> Rows(IQueryable<PublicNotice> query, int skip, int take) =>
        from n in query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Number).Skip(skip).Take(take)
        join p in db.Properties on n.PropertyId equals p.Id
        orderby n.CreatedAt descending, n.Number descending
        select new NoticeRow(n.Id, n.Number, p.Name, n.Title, n.Category, n.Status, n.CreatedAt, n.PublishFrom, n.PublishUntil, n.PublishedAt, n.WithdrawnAt,
            n.PublishedLate, n.AutoWithdrawn, n.AuthorName);

    public async Task<NoticeList> ListAsync(NoticeFilter filter, HttpRequest request, CancellationToken ct)
    {
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        var paging = PageInfo.For(request, Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageInfo.DefaultSize - 1) / PageInfo.DefaultSize)), total);
        return new NoticeList(filter, await db.PropertyOptionsAsync(filter.PropertyId, ct), await Rows(query, paging.Skip, paging.PageSize).ToListAsync(ct), paging);
    }

    public async Task<NoticeDetails?> DetailsAsync(Guid id, bool canApprove, CancellationToken ct)
    {
        var n = await db.PublicNotices.AsNoTracking().Include(x => x.Events).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (n is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var property = await db.Properties.Where(p => p.Id == n.PropertyId).Select(p => new { p.Name, p.Phone }).FirstAsync(ct);
        var buildingIds = n.Buildings.ToList();
        var buildings = await db.Buildings.AsNoTracking().Where(b => buildingIds.Contains(b.Id)).OrderBy(b => b.Code).Select(b => b.Name).ToListAsync(ct);
        var households = await db.NoticeDeliveries.CountAsync(d => d.NoticeId == id, ct);
        var context = await settings.ContextForAsync(n.PropertyId, ct);
        var history = await timelines.ReadAsync(n, e => Describe((PublicNoticeEntry)e), now, ct);
        return new NoticeDetails(n, property.Name, property.Phone, buildings, households, PublicNotice.LatestPublication(n.Category, n.WorkStartsAt, context.Policy),
            n.WithdrawDueAt(context.Policy, context.Calendar), history.Clocks, history.Timeline, canApprove, now);
    }

    public async Task<NoticeForm?> NewFormAsync(Guid? propertyId, CancellationToken ct)
    {
        var form = new NoticeForm { PropertyId = propertyId, PublishFrom = PortalClock.Today(time) };
        return await WithOptionsAsync(form, ct) ? form : null;
    }

    public async Task<NoticeForm?> EditFormAsync(Guid id, CancellationToken ct)
    {
        var n = await db.PublicNotices.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (n is null)
        {
            return null;
        }

        var form = new NoticeForm
        {
            NoticeId = n.Id, Number = n.Number, PropertyId = n.PropertyId, Version = n.Version, Title = n.Title, Body = n.Body, Category = n.Category,
            WorkStartsAt = n.WorkStartsAt is { } w ? PortalClock.ToLocal(w) : null, PublishFrom = n.PublishFrom, PublishUntil = n.PublishUntil,
            Audience = new AudienceForm { AudienceScope = n.Audience, BuildingIds = [.. n.Buildings] },
        };
        await WithOptionsAsync(form, ct);
        return form;
    }

    /// <summary>Fills the options (properties, the property's buildings, its lead times); false when the property or a building is not the user's.</summary>
    public async Task<bool> WithOptionsAsync(NoticeForm form, CancellationToken ct)
    {
        form.PropertyOptions = await db.PropertyOptionsAsync(form.PropertyId, ct);
        if (form.PropertyId is null && form.PropertyOptions.Count == 1)
        {
            form.PropertyId = Guid.Parse(form.PropertyOptions[0].Value);
        }

        if (form.PropertyId is { } pid)
        {
            if (form.PropertyOptions.All(o => o.Value != pid.ToString()) || !await audience.BuildingsBelongAsync(pid, form.Audience.BuildingIds, ct))
            {
                return false;
            }

            form.Audience.BuildingOptions = await audience.BuildingOptionsAsync(pid, form.Audience.BuildingIds, ct);
            var policy = await settings.PolicyForAsync(pid, ct);
            form.Lead = (policy.NoticeOutageLeadHours, policy.NoticePestControlLeadDays, policy.NoticeLateRefused);
        }

        return true;
    }

    private (string What, string? Note, string Css) Describe(PublicNoticeEntry e) => (shared.Enum(e.Kind), e.Kind switch
    {
        NoticeAction.Published when e.Note is "late" => t["Notices.PublishedLate"],
        NoticeAction.AutoWithdrawn when e.Note is "NoEndDate" or "Expired" => t["Notices.Auto" + e.Note],
        _ => e.Note,
    }, e.Kind is NoticeAction.Withdrawn or NoticeAction.AutoWithdrawn ? "text-danger" : "");
}

/// <summary>
/// A new notice from its form, numbered in the property's notice ledger (CHHY-GG-2026-017) and opened through the case
/// step runner: its lead-time clock (a cut, pest control) saves itself and the supervisors hear of the draft.
/// </summary>
public sealed class NoticeIntake(CaseSteps<PublicNotice> steps, NoticePages pages, PortalDbContext db, TimeProvider time)
{
    public async Task<IntakeResult> OpenAsync(NoticeForm form, bool formInvalid, Actor actor, CancellationToken ct)
    {
        if (!await pages.WithOptionsAsync(form, ct))
        {
            return IntakeResult.NotFound;
        }

        if (formInvalid)
        {
            return IntakeResult.Invalid([]);
        }

        var propertyId = form.PropertyId!.Value;
        var code = await db.Properties.Where(p => p.Id == propertyId).Select(p => p.Code).FirstAsync(ct);
        var draft = Draft(form);
        var result = await steps.OpenAsync(propertyId, actor,
            () => LedgerNumbers.NextAsync(db.PublicNotices.IgnoreQueryFilters().Where(n => n.PropertyId == propertyId).Select(n => n.Number), code, LedgerNumbers.Notice,
                PortalClock.Today(time).Year, ct),
            (number, s) => Task.FromResult(PublicNotice.Draft(number, propertyId, draft, s.By, s.Now, s.Clocks)), ct);
        return IntakeResult.Of(result, nameof(form.Title));
    }

    public static NoticeDraft Draft(NoticeForm f) => new(
        f.Title ?? "", f.Body ?? "", f.Category, f.Audience.AudienceScope, f.Audience.BuildingIds, f.WorkStartsAt is { } w ? PortalClock.ToUtc(w) : null,
        f.PublishFrom ?? default, f.PublishUntil);
}

/// <summary>
/// A notice's steps through the case step runner. Publishing records, per household of the audience, that the notice
/// went to it (<see cref="NoticeDelivery"/>), tells the stewards to put it up, and — through <see cref="NoticeNotifications"/> —
/// sends it to each of those households on its own channel (SMS or e-mail) when household messaging is configured.
/// </summary>
public sealed class NoticeSteps(CaseSteps<PublicNotice> steps, PortalDbContext db, AudienceSelector audience)
{
    /// <summary>How a notice reaches households today: the stewards post it on the audience's notice boards (001 L568).</summary>
    public const string DeliveryChannel = "NoticeBoard";

    public Task<StepResult> EditAsync(StepRequest request, NoticeForm form, CancellationToken ct) =>
        steps.RunAsync(request, (n, s) => n.Edit(NoticeIntake.Draft(form), s.By, s.Now, s.Clocks), ct);

    public Task<StepResult> ApproveAsync(StepRequest request, CancellationToken ct) =>
        steps.RunAsync(request, (n, s) => n.Approve(s.By, s.Now), ct);

    public async Task<StepResult> PublishAsync(StepRequest request, CancellationToken ct)
    {
        var notice = await db.PublicNotices.AsNoTracking().Where(n => n.Id == request.Id)
            .Select(n => new { n.PropertyId, n.Audience, n.BuildingIds }).FirstOrDefaultAsync(ct);
        if (notice is null)
        {
            return StepResult.NotFound;
        }

        var buildings = notice.BuildingIds is { Length: > 0 } ids ? ids.Split(',').Select(Guid.Parse).ToList() : [];
        var households = await audience.HouseholdsAsync(notice.PropertyId, notice.Audience, buildings, null, false, ct);
        return await steps.RunAsync(request, (n, s) =>
        {
            n.Publish(s.By, s.Now, s.Clocks);
            db.NoticeDeliveries.AddRange(households.Select(h => new NoticeDelivery(n, h.CustomerId, h.UnitId, DeliveryChannel, s.Now)));
        }, ct);
    }

    public Task<StepResult> WithdrawAsync(StepRequest request, string? reason, CancellationToken ct) =>
        steps.RunAsync(request, (n, s) => n.Withdraw(reason!, s.By, s.Now, s.Clocks), ct);

    public Task<StepResult> ArchiveAsync(StepRequest request, CancellationToken ct) =>
        steps.RunAsync(request, (n, s) => n.Archive(s.By, s.Now), ct);

    /// <summary>The job's withdrawal of one expired notice, as the system; false when it was not due (or another instance took it first).</summary>
    public async Task<bool> WithdrawIfExpiredAsync(Guid id, int version, CancellationToken ct)
    {
        var withdrawn = false;
        var result = await steps.RunAsync(new StepRequest(id, version, Actor.System), (n, s) => withdrawn = n.WithdrawIfExpired(s.Now, s.Clocks), ct);
        return result.Done && withdrawn;
    }
}

/// <summary>
/// Who hears of a notice: a new draft → the property's supervisors, who approve it; published → the stewards, who put it
/// up on the audience's boards, and every household of the audience on its own channel; withdrawn (by hand or by the job) →
/// the stewards, who take it down.
/// </summary>
public sealed class NoticeNotifications(Notifier notifier, PortalDbContext db) : ICaseNotifications<PublicNotice>
{
    public async Task<IReadOnlyList<Notice>> ForAsync(PublicNotice n, IReadOnlyList<CaseEvent> fresh, CancellationToken ct)
    {
        var notices = new List<Notice>();
        var link = $"/Notices/Details/{n.Id}";
        foreach (var e in fresh.Cast<PublicNoticeEntry>())
        {
            switch (e.Kind)
            {
                case NoticeAction.Drafted:
                    notices.Add(new(e, NotificationKinds.NoticeDrafted, [n.Number, n.Title], link, await notifier.SupervisorsOfAsync(n.PropertyId, ct)));
                    break;
                case NoticeAction.Published:
                    var households = db.ChangeTracker.Entries<NoticeDelivery>().Where(d => d.Entity.NoticeId == n.Id && d.State == EntityState.Added)
                        .Select(d => d.Entity.CustomerId).Distinct().ToList();
                    notices.Add(new(e, NotificationKinds.NoticePublished, [n.Number, n.Title, households.Count], link, await Stewards(n, ct)));
                    notices.AddRange(await ToHouseholdsAsync(n, e, households, ct));
                    break;
                case NoticeAction.Withdrawn or NoticeAction.AutoWithdrawn when n.PublishedAt is not null:
                    notices.Add(new(e, NotificationKinds.NoticeWithdrawn, [n.Number, n.Title], link, await Stewards(n, ct)));
                    break;
            }
        }

        return notices;
    }

    private Task<IReadOnlyList<string>> Stewards(PublicNotice n, CancellationToken ct) => notifier.UsersInRoleForPropertyAsync(Roles.Steward, n.PropertyId, ct);

    /// <summary>
    /// The published notice to each household of its audience on the household's own channel (002 L17): a water or power cut as the
    /// outage notice, which goes out in quiet hours too and first; any other notice as the notice message, held through quiet hours.
    /// </summary>
    private async Task<IEnumerable<Notice>> ToHouseholdsAsync(PublicNotice n, PublicNoticeEntry e, IReadOnlyList<Guid> households, CancellationToken ct)
    {
        if (households.Count == 0)
        {
            return [];
        }

        var property = await db.Properties.Where(p => p.Id == n.PropertyId).Select(p => p.Name).SingleAsync(ct);
        if (n.Category == NoticeCategory.WaterPowerCut)
        {
            var from = n.WorkStartsAt is { } w ? PortalClock.ToLocal(w).ToString("M月d日 HH:mm", CultureInfo.InvariantCulture) : n.PublishFrom.ToString("M月d日", CultureInfo.InvariantCulture);
            var until = n.PublishUntil?.ToString("M月d日", CultureInfo.InvariantCulture) ?? "恢复另行通知";
            return households.Select(h => Notice.ToHousehold(e, NotificationKinds.OutageNotice, h, [property, n.Title, from, until], emergency: true));
        }

        return households.Select(h => Notice.ToHousehold(e, NotificationKinds.NoticeToHousehold, h, [property, n.Title, n.Number]));
    }
}

/// <summary>
/// The hourly job's part for notices (001 L568): every published notice whose end date has passed — or, without one,
/// posted a month ago (the policy's months) — comes down, recorded on its timeline as the system's. Each is its own
/// step on its version, so a second instance, or a second run, changes nothing.
/// </summary>
public sealed class NoticeExpiry(PortalDbContext db, SlaSettings settings, NoticeSteps steps, TimeProvider time, ILogger<NoticeExpiry> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (!db.Scope.AllProperties)
        {
            throw new InvalidOperationException("Notices are withdrawn by a system job.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var published = await db.PublicNotices.AsNoTracking().Where(n => n.Status == NoticeStatus.Published).ToListAsync(ct);
        var withdrawn = 0;
        foreach (var group in published.GroupBy(n => n.PropertyId))
        {
            var context = await settings.ContextForAsync(group.Key, ct);
            foreach (var n in group.Where(n => n.WithdrawDueAt(context.Policy, context.Calendar) <= now))
            {
                if (await steps.WithdrawIfExpiredAsync(n.Id, n.Version, ct))
                {
                    withdrawn++;
                    logger.LogInformation("Notice {Number} withdrawn automatically ({Reason})", n.Number, n.PublishUntil is null ? "no end date" : "expired");
                }
            }
        }

        return withdrawn;
    }
}
