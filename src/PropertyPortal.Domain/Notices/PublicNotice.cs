using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.Notices;

/// <summary>公告 categories (issue 16; 001 L566–L568 names cuts, pest control, events and customer meetings).</summary>
public enum NoticeCategory
{
    /// <summary>停水停电: posted 24 hours before the cut (002 L17).</summary>
    WaterPowerCut,

    /// <summary>消杀: posted 3 days before (001 L566).</summary>
    PestControl,

    /// <summary>活动.</summary>
    Event,

    /// <summary>收费.</summary>
    Fees,

    /// <summary>安全.</summary>
    Safety,

    /// <summary>其他.</summary>
    Other,
}

public enum NoticeStatus
{
    /// <summary>草稿.</summary>
    Draft,

    /// <summary>已审核 by a supervisor: ready to post.</summary>
    Approved,

    /// <summary>已发布 (on the notice boards).</summary>
    Published,

    /// <summary>已撤下, by hand with a reason or by the job when it expired.</summary>
    Withdrawn,

    /// <summary>已归档.</summary>
    Archived,
}

public enum NoticeAction { Drafted, Edited, Approved, Published, Withdrawn, AutoWithdrawn, Archived }

/// <summary>A notice as the clerk typed it. <see cref="WorkStartsAt"/> (UTC) is the cut's or the pest control's start.</summary>
public sealed record NoticeDraft(
    string Title, string Body, NoticeCategory Category, AudienceScope Audience, IReadOnlyList<Guid> BuildingIds, DateTime? WorkStartsAt,
    DateOnly PublishFrom, DateOnly? PublishUntil);

/// <summary>
/// 公告: a numbered line of the property's notice ledger (信息公布台帐, 001 L568; CHHY-GG-2026-017). Drafted, approved by
/// a supervisor, published to the audience's notice boards and households, withdrawn with a reason — by hand, or by the
/// job when its end date has passed or, without one, a month after it went up (001 L568) — and archived. A water or
/// power cut is posted at least 24 hours before the cut, pest control 3 days before: a clock from the draft to that
/// instant, and a late posting refused or marked late as the policy says.
/// </summary>
public sealed class PublicNotice : Entity, ICase
{
    private readonly List<PublicNoticeEntry> _events = [];

    private PublicNotice() { }

    public static PublicNotice Draft(string number, Guid propertyId, NoticeDraft d, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        var n = new PublicNotice
        {
            PropertyId = propertyId, Number = number, Status = NoticeStatus.Draft, AuthorId = by.UserId, AuthorName = by.Name, CreatedAt = nowUtc,
        };
        n.Apply(d);
        n.StartLeadClock(nowUtc, clocks);
        n.Record(NoticeAction.Drafted, by, nowUtc, n.Title);
        return n;
    }

    public Guid PropertyId { get; private set; }

    /// <summary>CHHY-GG-2026-017: per property and year.</summary>
    public string Number { get; private set; } = "";

    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public NoticeCategory Category { get; private set; }
    public AudienceScope Audience { get; private set; }

    /// <summary>The buildings of a <see cref="AudienceScope.Buildings"/> notice, comma-separated ids.</summary>
    public string? BuildingIds { get; private set; }

    public DateTime? WorkStartsAt { get; private set; }
    public DateOnly PublishFrom { get; private set; }
    public DateOnly? PublishUntil { get; private set; }
    public NoticeStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string? AuthorId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public DateTime? ApprovedAt { get; private set; }
    public string? ApproverName { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    public string? PublishedByName { get; private set; }

    /// <summary>Posted inside its lead time (the policy warned instead of refusing).</summary>
    public bool PublishedLate { get; private set; }

    public DateTime? WithdrawnAt { get; private set; }
    public string? WithdrawReason { get; private set; }
    public string? WithdrawnByName { get; private set; }
    public bool AutoWithdrawn { get; private set; }
    public DateTime? ArchivedAt { get; private set; }

    public IReadOnlyList<PublicNoticeEntry> Events => _events;
    IReadOnlyList<CaseEvent> ICase.Timeline => _events;

    public IReadOnlyList<Guid> Buildings => BuildingIds is { Length: > 0 } ids ? [.. ids.Split(',').Select(Guid.Parse)] : [];

    /// <summary>Whether the category has a lead time (a cut, pest control).</summary>
    public static bool HasLeadTime(NoticeCategory category) => category is NoticeCategory.WaterPowerCut or NoticeCategory.PestControl;

    /// <summary>The latest posting that keeps the lead time; null for a category without one.</summary>
    public static DateTime? LatestPublication(NoticeCategory category, DateTime? workStartsAt, SlaPolicy policy) => (category, workStartsAt) switch
    {
        (NoticeCategory.WaterPowerCut, { } start) => start.AddHours(-policy.NoticeOutageLeadHours),
        (NoticeCategory.PestControl, { } start) => start.AddDays(-policy.NoticePestControlLeadDays),
        _ => null,
    };

    /// <summary>
    /// When the job takes a published notice down: the day after its end date, or — without one — the policy's months
    /// after it went up (wall clock of <paramref name="calendar"/>'s zone).
    /// </summary>
    public DateTime? WithdrawDueAt(SlaPolicy policy, BusinessCalendar calendar) => (Status, PublishedAt, PublishUntil) switch
    {
        (NoticeStatus.Published, _, { } until) => calendar.ToUtc(until.AddDays(1).ToDateTime(TimeOnly.MinValue)),
        (NoticeStatus.Published, { } at, null) => calendar.ToUtc(calendar.ToLocal(at).AddMonths(policy.NoticeNoEndMonths)),
        _ => null,
    };

    public void Edit(NoticeDraft d, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(NoticeStatus.Draft);
        var leadChanged = d.Category != Category || d.WorkStartsAt != WorkStartsAt;
        Apply(d);
        if (leadChanged)
        {
            clocks.Cancel(SlaMilestone.NoticePublication);
            StartLeadClock(nowUtc, clocks);
        }

        Record(NoticeAction.Edited, by, nowUtc, null);
    }

    /// <summary>审核 by a supervisor: nothing can be changed afterwards but withdrawing it.</summary>
    public void Approve(Actor by, DateTime nowUtc)
    {
        Require(NoticeStatus.Draft);
        Status = NoticeStatus.Approved;
        ApprovedAt = nowUtc;
        ApproverName = by.Name;
        Record(NoticeAction.Approved, by, nowUtc, null);
    }

    /// <summary>
    /// 发布: from its first day (and before its end date). Inside the lead time it is refused when the policy says so,
    /// else posted and marked late; the lead clock is met either way (late shows as late).
    /// </summary>
    public void Publish(Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(NoticeStatus.Approved);
        var calendar = clocks.Context.Calendar;
        var today = DateOnly.FromDateTime(calendar.ToLocal(nowUtc));
        if (today < PublishFrom || PublishUntil is { } until && until < today)
        {
            throw new DomainException("NoticeOutsideDates", "A notice is posted between its first and last day.");
        }

        if (WorkStartsAt is { } start && start <= nowUtc)
        {
            throw new DomainException("NoticeWorkStarted", "The work this notice announces has already started.");
        }

        var latest = LatestPublication(Category, WorkStartsAt, clocks.Context.Policy);
        var late = latest is { } l && nowUtc > l;
        if (late && clocks.Context.Policy.NoticeLateRefused)
        {
            throw new DomainException("NoticeTooLate", "This notice is posted too late before the work starts.");
        }

        Status = NoticeStatus.Published;
        PublishedAt = nowUtc;
        PublishedByName = by.Name;
        PublishedLate = late;
        clocks.Meet(SlaMilestone.NoticePublication, nowUtc);
        Record(NoticeAction.Published, by, nowUtc, late ? "late" : null);
    }

    /// <summary>撤下 by hand with a reason (a draft or approved notice withdrawn is never posted).</summary>
    public void Withdraw(string reason, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (Status is NoticeStatus.Withdrawn or NoticeStatus.Archived)
        {
            throw new DomainException("NoticeWrongState", "This step is not possible in the notice's current state.");
        }

        Take(Guard.Required(reason, nameof(reason)), by, nowUtc, clocks, NoticeAction.Withdrawn);
    }

    /// <summary>
    /// The job's withdrawal of an expired notice: true when it came down now; false (nothing changed) when it is not
    /// published or not due yet, so the job may run any number of times.
    /// </summary>
    public bool WithdrawIfExpired(DateTime nowUtc, ClockSet clocks)
    {
        if (WithdrawDueAt(clocks.Context.Policy, clocks.Context.Calendar) is not { } due || nowUtc < due)
        {
            return false;
        }

        AutoWithdrawn = true;
        Take(PublishUntil is null ? "NoEndDate" : "Expired", Actor.System, nowUtc, clocks, NoticeAction.AutoWithdrawn);
        return true;
    }

    /// <summary>归档 a withdrawn notice.</summary>
    public void Archive(Actor by, DateTime nowUtc)
    {
        Require(NoticeStatus.Withdrawn);
        Status = NoticeStatus.Archived;
        ArchivedAt = nowUtc;
        Record(NoticeAction.Archived, by, nowUtc, null);
    }

    private void Take(string reason, Actor by, DateTime nowUtc, ClockSet clocks, NoticeAction action)
    {
        Status = NoticeStatus.Withdrawn;
        WithdrawnAt = nowUtc;
        WithdrawReason = reason;
        WithdrawnByName = by.Name;
        clocks.Cancel(SlaMilestone.NoticePublication);
        Record(action, by, nowUtc, reason);
    }

    private void Apply(NoticeDraft d)
    {
        if (d.PublishUntil is { } until && until < d.PublishFrom)
        {
            throw new DomainException("NoticeDatesInvalid", "A notice comes down after it goes up.");
        }

        if (HasLeadTime(d.Category) && d.WorkStartsAt is null)
        {
            throw new DomainException("NoticeWorkStartRequired", "A water/power cut or pest control notice gives the time the work starts.");
        }

        if (d.Audience == AudienceScope.Buildings && d.BuildingIds.Count == 0)
        {
            throw new DomainException("AudienceNoBuildings", "Choose at least one building.");
        }

        Title = Guard.Required(d.Title, nameof(Title));
        Body = Guard.Required(d.Body, nameof(Body));
        Category = d.Category;
        Audience = d.Audience;
        BuildingIds = d.Audience == AudienceScope.Buildings ? string.Join(',', d.BuildingIds.Distinct()) : null;
        WorkStartsAt = HasLeadTime(d.Category) ? d.WorkStartsAt : null;
        PublishFrom = d.PublishFrom;
        PublishUntil = d.PublishUntil;
    }

    private void StartLeadClock(DateTime nowUtc, ClockSet clocks)
    {
        if (LatestPublication(Category, WorkStartsAt, clocks.Context.Policy) is { } latest)
        {
            clocks.Start(PropertyId, SlaSubject.PublicNotice, Id, SlaMilestone.NoticePublication, AuthorId, SlaTarget.At(latest), nowUtc);
        }
    }

    private void Require(NoticeStatus status)
    {
        if (Status != status)
        {
            throw new DomainException("NoticeWrongState", "This step is not possible in the notice's current state.");
        }
    }

    private void Record(NoticeAction action, Actor by, DateTime nowUtc, string? note) =>
        _events.Add(new PublicNoticeEntry(PropertyId, Id, action, by, nowUtc, note));
}

/// <summary>A household a published notice went to (per household, who was told and how).</summary>
public sealed class NoticeDelivery : Entity, IPropertyScoped, IHasOwnHistory
{
    private NoticeDelivery() { }

    public NoticeDelivery(PublicNotice notice, Guid customerId, Guid? unitId, string via, DateTime nowUtc)
    {
        PropertyId = notice.PropertyId;
        NoticeId = notice.Id;
        CustomerId = customerId;
        UnitId = unitId;
        Via = via;
        DeliveredAt = nowUtc;
    }

    public Guid PropertyId { get; private set; }
    public Guid NoticeId { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid? UnitId { get; private set; }
    public string Via { get; private set; } = "";
    public DateTime DeliveredAt { get; private set; }
}

public sealed class PublicNoticeEntry : CaseEvent
{
    private PublicNoticeEntry() { }

    internal PublicNoticeEntry(Guid propertyId, Guid noticeId, NoticeAction kind, Actor by, DateTime atUtc, string? note)
        : base(propertyId, by, atUtc, note)
    {
        NoticeId = noticeId;
        Kind = kind;
    }

    public Guid NoticeId { get; private set; }
    public NoticeAction Kind { get; private set; }
}
