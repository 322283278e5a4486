using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Community;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Repairs;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Events;

/// <summary>Opens a property's plan for a year by hand (the job opens next year's from 1 December).</summary>
public sealed class PlanOpenForm
{
    [Display(Name = "Field.PropertyId")]
    public Guid? PropertyId { get; set; }

    [Display(Name = "Field.Year")]
    public int? Year { get; set; }
}

public sealed class PlanOpenFormValidator : AbstractValidator<PlanOpenForm>
{
    public PlanOpenFormValidator()
    {
        RuleFor(x => x.PropertyId).NotEmpty();
        RuleFor(x => x.Year).NotNull().InclusiveBetween(2000, 2100);
    }
}

/// <summary>A row of the annual plan as typed; an entirely blank row is ignored.</summary>
public sealed class PlanRowInput
{
    public Guid? Id { get; set; }

    [Display(Name = "Field.Month")]
    public int? Month { get; set; }

    [Display(Name = "Field.PlanDate")]
    public DateOnly? PlanDate { get; set; }

    [Display(Name = "Field.Theme")]
    public string? Theme { get; set; }

    [Display(Name = "Field.Format")]
    public string? Format { get; set; }

    [Display(Name = "Field.RowContent")]
    public string? RowContent { get; set; }

    [Display(Name = "Field.Budget")]
    public decimal? Budget { get; set; }

    [Display(Name = "Field.PublicWelfare")]
    public bool PublicWelfare { get; set; }

    public bool IsBlank => Id is null && Month is null && PlanDate is null && string.IsNullOrWhiteSpace(Theme) && string.IsNullOrWhiteSpace(Format)
        && string.IsNullOrWhiteSpace(RowContent) && Budget is null;
}

/// <summary>The plan's rows, edited together (年度客户活动计划: time, theme, form, content, budget).</summary>
public sealed class PlanRowsForm
{
    public const int BlankRows = 5;

    public List<PlanRowInput> Rows { get; set; } = [];

    public int Version { get; set; }

    [BindNever]
    public AnnualEventPlan? Plan { get; set; }

    [BindNever]
    public string PropertyName { get; set; } = "";
}

public sealed class PlanRowsFormValidator : AbstractValidator<PlanRowsForm>
{
    public PlanRowsFormValidator(IStringLocalizer<EventsText> t)
    {
        RuleFor(x => x.Rows).Must(r => r.Count(x => !x.IsBlank) <= AnnualPlanLine.MaxRows).WithMessage(_ => t["Events.TooManyLines"]);
        RuleForEach(x => x.Rows).ChildRules(r =>
        {
            r.RuleFor(x => x.Month).NotNull().InclusiveBetween(1, 12).When(x => !x.IsBlank);
            r.RuleFor(x => x.PlanDate).Must((x, d) => d is null || d.Value.Month == x.Month).When(x => !x.IsBlank).WithMessage(_ => t["Events.DateNotInMonth"]);
            r.RuleFor(x => x.Theme).NotEmpty().MaximumLength(100).When(x => !x.IsBlank);
            r.RuleFor(x => x.Format).NotEmpty().MaximumLength(50).When(x => !x.IsBlank);
            r.RuleFor(x => x.RowContent).NotEmpty().MaximumLength(1000).When(x => !x.IsBlank);
            r.RuleFor(x => x.Budget).NotNull().InclusiveBetween(0m, 10_000_000m).When(x => !x.IsBlank);
        });
    }
}

public sealed record PlanRowView(AnnualPlanRow Row, IReadOnlyList<(Guid Id, string Number, CommunityEventStatus Status)> Events);

public sealed record PlanDetails(
    AnnualEventPlan Plan, string PropertyName, IReadOnlyList<PlanRowView> Rows, IReadOnlyList<ClockView> Clocks, IReadOnlyList<TimelineEntry> Timeline,
    bool CanEdit, bool? Decide, bool CanCreateEvents, DateTime Now);

public sealed record PlanListRow(Guid Id, string Number, string PropertyName, int Year, AnnualPlanStatus Status, int Rows, decimal Budget, DateTime? ApprovedAt);

public sealed record PlanList(int? Year, Guid? PropertyId, IReadOnlyList<SelectListItem> PropertyOptions, IReadOnlyList<PlanListRow> Rows, PlanOpenForm Open, bool CanOpen);

/// <summary>What the annual-plan pages show: the list, a plan with its rows (and the events made from them), versions, clocks and timeline.</summary>
public sealed class EventPlanPages(PortalDbContext db, CaseTimeline timelines, EventApprovers approvers, TimeProvider time, IStringLocalizer<SharedResource> shared)
{
    public async Task<PlanList> ListAsync(int? year, Guid? propertyId, bool canOpen, CancellationToken ct)
    {
        var query = db.AnnualEventPlans.AsNoTracking();
        if (year is { } y)
        {
            query = query.Where(p => p.Year == y);
        }

        if (propertyId is { } pid)
        {
            query = query.Where(p => p.PropertyId == pid);
        }

        var rows = await (from p in query
                          join pr in db.Properties on p.PropertyId equals pr.Id
                          orderby p.Year descending, pr.Code
                          select new PlanListRow(p.Id, p.Number, pr.Name, p.Year, p.Status, p.Rows.Count, p.Rows.Sum(r => r.Budget), p.ApprovedAt)).ToListAsync(ct);
        var today = PortalClock.Today(time);
        return new PlanList(year, propertyId, await db.PropertyOptionsAsync(propertyId, ct), rows,
            new PlanOpenForm { Year = today.Month == 12 ? today.Year + 1 : today.Year, PropertyId = propertyId }, canOpen);
    }

    public async Task<PlanDetails?> DetailsAsync(Guid id, bool canEdit, Decider decider, bool canCreateEvents, CancellationToken ct)
    {
        var plan = await Load(db.AnnualEventPlans.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var propertyName = await db.Properties.Where(p => p.Id == plan.PropertyId).Select(p => p.Name).FirstAsync(ct);
        var rowIds = plan.Rows.Select(r => r.Id).ToList();
        var events = await db.CommunityEvents.AsNoTracking().Where(e => e.PlanRowId != null && rowIds.Contains(e.PlanRowId.Value))
            .Select(e => new { RowId = e.PlanRowId!.Value, e.Id, e.Number, e.Status }).ToListAsync(ct);
        var rows = plan.Rows.OrderBy(r => r.SortOrder)
            .Select(r => new PlanRowView(r, [.. events.Where(e => e.RowId == r.Id).Select(e => (e.Id, e.Number, e.Status))])).ToList();
        var history = await timelines.ReadAsync(plan, e => Describe((AnnualPlanEntry)e), now, ct);
        return new PlanDetails(plan, propertyName, rows, history.Clocks, history.Timeline, canEdit, await approvers.StandingAsync(plan.PropertyId, decider, ct),
            canCreateEvents, now);
    }

    /// <summary>The rows form: the plan's rows as saved and blank rows to add more; null when the plan is not the user's.</summary>
    public async Task<PlanRowsForm?> RowsFormAsync(Guid id, PlanRowsForm? posted, CancellationToken ct)
    {
        var plan = await Load(db.AnnualEventPlans.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return null;
        }

        var form = posted ?? new PlanRowsForm
        {
            Version = plan.Version,
            Rows =
            [
                .. plan.Rows.OrderBy(r => r.SortOrder).Select(r => new PlanRowInput
                {
                    Id = r.Id, Month = r.Month, PlanDate = r.Date, Theme = r.Theme, Format = r.Form, RowContent = r.Content, Budget = r.Budget, PublicWelfare = r.PublicWelfare,
                }),
            ],
        };
        while (form.Rows.Count(r => r.IsBlank) < PlanRowsForm.BlankRows && form.Rows.Count < AnnualPlanLine.MaxRows)
        {
            form.Rows.Add(new PlanRowInput());
        }

        form.Plan = plan;
        form.PropertyName = await db.Properties.Where(p => p.Id == plan.PropertyId).Select(p => p.Name).FirstAsync(ct);
        return form;
    }

    /// <summary>A kept version with its rows as submitted.</summary>
    public async Task<(AnnualEventPlan Plan, AnnualPlanVersion Version, string PropertyName)?> VersionAsync(Guid id, int number, CancellationToken ct)
    {
        var plan = await Load(db.AnnualEventPlans.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan?.Versions.FirstOrDefault(v => v.Number == number) is not { } version)
        {
            return null;
        }

        return (plan, version, await db.Properties.Where(p => p.Id == plan.PropertyId).Select(p => p.Name).FirstAsync(ct));
    }

    private static IQueryable<AnnualEventPlan> Load(IQueryable<AnnualEventPlan> q) => q.Include(p => p.Rows).Include(p => p.Versions).Include(p => p.Events);

    private (string What, string? Note, string Css) Describe(AnnualPlanEntry e) =>
        (shared.Enum(e.Kind), e.Note, e.Kind == AnnualPlanAction.Returned ? "text-danger" : "");
}

/// <summary>
/// The annual plan's steps through the case step runner: opened (by hand, or by the job for next year), rows edited,
/// submitted (a version kept), approved or returned by the general manager (a Manager standing in where the property
/// has none), revised during the year.
/// </summary>
public sealed class EventPlanSteps(CaseSteps<AnnualEventPlan> steps, PortalDbContext db, EventApprovers approvers, IStringLocalizer<EventsText> t)
{
    /// <summary>Opens a property's plan for a year; a plan already open for it is a duplicate (one per property and year).</summary>
    public async Task<StepResult> OpenAsync(Guid propertyId, int year, Actor actor, CancellationToken ct)
    {
        var code = await db.Properties.Where(p => p.Id == propertyId).Select(p => p.Code).FirstOrDefaultAsync(ct);
        if (code is null)
        {
            return StepResult.NotFound;
        }

        if (await db.AnnualEventPlans.IgnoreQueryFilters().AnyAsync(p => p.PropertyId == propertyId && p.Year == year, ct))
        {
            return new StepResult(StepStatus.Duplicate, t["Events.PlanExists", year]);
        }

        var number = LedgerNumbers.AnnualPlanNumber(code, year);
        return await steps.OpenAsync(propertyId, actor, () => Task.FromResult(number),
            (n, s) => Task.FromResult(AnnualEventPlan.Open(n, propertyId, year, s.By, s.Now, s.Clocks)), ct);
    }

    public async Task<StepResult> SetRowsAsync(StepRequest request, PlanRowsForm form, CancellationToken ct)
    {
        var withEvents = (await db.CommunityEvents.Where(e => e.PlanId == request.Id && e.PlanRowId != null).Select(e => e.PlanRowId!.Value).ToListAsync(ct)).ToHashSet();
        var lines = form.Rows.Where(r => !r.IsBlank)
            .Select(r => (r.Id, new AnnualPlanLine(r.Month ?? 0, r.PlanDate, r.Theme ?? "", r.Format ?? "", r.RowContent ?? "", r.Budget ?? 0, r.PublicWelfare)))
            .ToList();
        return await steps.RunAsync(request, (p, s) => p.SetRows(lines, withEvents, s.By, s.Now), ct, load: q => q.Include(p => p.Rows));
    }

    public Task<StepResult> SubmitAsync(StepRequest request, CancellationToken ct) =>
        steps.RunAsync(request, (p, s) => p.Submit(s.By, s.Now, s.Clocks), ct, load: q => q.Include(p => p.Rows).Include(p => p.Versions));

    public async Task<StepResult> ApproveAsync(StepRequest request, string? note, Decider decider, CancellationToken ct)
    {
        var standing = await StandingAsync(request.Id, decider, ct);
        return await steps.RunAsync(request, (p, s) => p.Approve(note, s.By, standing == true, s.Now, s.Clocks), ct, _ => standing is not null,
            q => q.Include(p => p.Versions));
    }

    public async Task<StepResult> ReturnAsync(StepRequest request, string? comment, Decider decider, CancellationToken ct)
    {
        var standing = await StandingAsync(request.Id, decider, ct);
        if (string.IsNullOrWhiteSpace(comment))
        {
            request = request.WithError(t["Events.ReasonRequired"]);
        }

        return await steps.RunAsync(request, (p, s) => p.Return(comment!, s.By, standing == true, s.Now), ct, _ => standing is not null,
            q => q.Include(p => p.Versions));
    }

    public Task<StepResult> ReviseAsync(StepRequest request, string? reason, CancellationToken ct) =>
        steps.RunAsync(string.IsNullOrWhiteSpace(reason) ? request.WithError(t["Events.ReasonRequired"]) : request,
            (p, s) => p.Revise(reason!, s.By, s.Now), ct);

    private async Task<bool?> StandingAsync(Guid id, Decider decider, CancellationToken ct) =>
        await db.AnnualEventPlans.AsNoTracking().Where(p => p.Id == id).Select(p => (Guid?)p.PropertyId).FirstOrDefaultAsync(ct) is { } pid
            ? await approvers.StandingAsync(pid, decider, ct)
            : null;
}

/// <summary>
/// Who hears of an annual plan: opened (by the job, for next year) and returned → the property's supervisors, who draft
/// it; submitted → the general managers, or the managers standing in; approved → the supervisors.
/// </summary>
public sealed class EventPlanNotifications(Notifier notifier, EventApprovers approvers) : ICaseNotifications<AnnualEventPlan>
{
    public async Task<IReadOnlyList<Notice>> ForAsync(AnnualEventPlan plan, IReadOnlyList<CaseEvent> fresh, CancellationToken ct)
    {
        var notices = new List<Notice>();
        var link = $"/EventPlans/Details/{plan.Id}";
        foreach (var e in fresh.Cast<AnnualPlanEntry>())
        {
            switch (e.Kind)
            {
                case AnnualPlanAction.Opened:
                    notices.Add(new(e, NotificationKinds.AnnualPlanOpened, [plan.Number, plan.Year], link, await notifier.SupervisorsOfAsync(plan.PropertyId, ct)));
                    break;
                case AnnualPlanAction.Submitted:
                    notices.Add(new(e, NotificationKinds.AnnualPlanSubmitted, [plan.Number], link, await approvers.ApproversAsync(plan.PropertyId, ct)));
                    break;
                case AnnualPlanAction.Approved:
                    notices.Add(new(e, NotificationKinds.AnnualPlanApproved, [plan.Number, e.ActorName], link, await notifier.SupervisorsOfAsync(plan.PropertyId, ct)));
                    break;
                case AnnualPlanAction.Returned:
                    notices.Add(new(e, NotificationKinds.AnnualPlanReturned, [plan.Number, plan.ReturnComment], link, await notifier.SupervisorsOfAsync(plan.PropertyId, ct)));
                    break;
            }
        }

        return notices;
    }
}
