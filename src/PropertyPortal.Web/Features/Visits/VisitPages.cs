using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Services;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Domain.Visits;
using PropertyPortal.Web.Features.Repairs;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Visits;

/// <summary>What the visit pages show: a month's quotas and visits with the suggestion list, the visit form, a visit with its findings' cases, a quota and its clock.</summary>
public sealed class VisitPages(
    PortalDbContext db, VisitQuotas quotas, VisitSuggestions suggestions, MonthlyReport report, CaseClocks caseClocks, StaffDirectory staff, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A property's month (the user's only property, or the one picked); null when the property is not theirs.</summary>
    public async Task<VisitMonth?> MonthAsync(Guid? propertyId, int? period, CancellationToken ct)
    {
        var properties = await db.PropertyOptionsAsync(propertyId, ct);
        if (propertyId is { } asked && properties.All(p => p.Value != asked.ToString()))
        {
            return null;
        }

        propertyId ??= properties.Count > 0 ? Guid.Parse(properties[0].Value) : null;
        var month = period is { } p && p % 100 is >= 1 and <= 12 ? p : VisitQuota.PeriodOf(PortalClock.Today(time));
        if (propertyId is not { } pid)
        {
            return new VisitMonth(null, properties, month, [], [], [], null);
        }

        var first = VisitQuota.FirstDay(month);
        var rows = await Rows(db.Visits.AsNoTracking().Where(v => v.PropertyId == pid && v.VisitedOn >= first && v.VisitedOn < first.AddMonths(1)))
            .ToListAsync(ct);
        var current = month == VisitQuota.PeriodOf(PortalClock.Today(time));
        return new VisitMonth(pid, [.. properties.Select(o => new SelectListItem(o.Text, o.Value, o.Value == pid.ToString()))], month,
            await quotas.ProgressAsync(pid, month, ct), rows, current ? await suggestions.ForAsync(pid, ct) : [],
            await report.ForAsync(pid, first.Year, first.Month, ct));
    }

    /// <summary>The visit form, for a household (picked from the suggestions or its page) or blank; null when it is not the user's to see.</summary>
    public async Task<VisitForm?> NewFormAsync(Guid? customerId, Guid? unitId, Guid? propertyId, string? me, CancellationToken ct)
    {
        var form = new VisitForm { CustomerId = customerId, UnitId = unitId, PropertyId = propertyId, VisitedOn = PortalClock.Today(time), StewardId = me };
        if (customerId is { } cid)
        {
            form.PropertyId = await db.Customers.Where(c => c.Id == cid).Select(c => (Guid?)c.PropertyId).FirstOrDefaultAsync(ct);
            if (form.PropertyId is null)
            {
                return null;
            }
        }

        return await WithOptionsAsync(form, ct) ? form : null;
    }

    /// <summary>Fills the form's options; false when the property or household is not the user's to see, or they do not belong together.</summary>
    public async Task<bool> WithOptionsAsync(VisitForm form, CancellationToken ct)
    {
        form.PropertyOptions = await db.PropertyOptionsAsync(form.PropertyId, ct);
        if (form.PropertyId is null && form.PropertyOptions.Count == 1)
        {
            form.PropertyId = Guid.Parse(form.PropertyOptions[0].Value);
        }

        if (form.PropertyId is { } pid && form.PropertyOptions.All(o => o.Value != pid.ToString()))
        {
            return false;
        }

        if (form.CustomerId is { } cid)
        {
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == cid).Select(c => new { c.Name, c.Phone, c.PropertyId }).FirstOrDefaultAsync(ct);
            if (customer is null || customer.PropertyId != form.PropertyId)
            {
                return false;
            }

            var today = PortalClock.Today(time);
            var unit = await (from o in db.Occupancies
                              join u in db.Units on o.UnitId equals u.Id
                              join b in db.Buildings on u.BuildingId equals b.Id
                              where o.CustomerId == cid && (form.UnitId == null || o.UnitId == form.UnitId) && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today)
                              orderby o.Role
                              select new { u.Id, Label = b.Name + " " + u.Number }).FirstOrDefaultAsync(ct);
            if (form.UnitId is not null && unit is null)
            {
                return false;
            }

            form.UnitId = unit?.Id;
            form.HouseholdLabel = customer.Name + (unit is null ? "" : " · " + unit.Label);
            form.Lookup ??= form.HouseholdLabel;
        }
        else if (form.UnitId is not null)
        {
            return false;
        }

        form.StewardOptions = await staff.OptionsAsync(form.PropertyId, ct, Roles.Steward);
        if (form.PropertyId is { } known)
        {
            form.Suggestions = await suggestions.ForAsync(known, ct, 8);
        }

        return true;
    }

    public async Task<VisitDetails?> DetailsAsync(Guid id, CancellationToken ct)
    {
        var visit = await db.Visits.AsNoTracking().Include(v => v.Findings).FirstOrDefaultAsync(v => v.Id == id, ct);
        if (visit is null)
        {
            return null;
        }

        var propertyName = await db.Properties.Where(p => p.Id == visit.PropertyId).Select(p => p.Name).FirstAsync(ct);
        var customer = await db.Customers.Where(c => c.Id == visit.CustomerId).Select(c => new { c.Name, c.Phone }).FirstAsync(ct);
        var unit = visit.UnitId is { } uid
            ? await (from u in db.Units join b in db.Buildings on u.BuildingId equals b.Id where u.Id == uid select b.Name + " " + u.Number).FirstOrDefaultAsync(ct)
            : null;
        var contactIds = visit.Findings.Select(f => f.ContactId).OfType<Guid>().ToList();
        var contacts = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Outcome, c.RepairOrderId, c.ComplaintId, c.ServiceRequestId }).ToDictionaryAsync(c => c.Id, ct);
        var repairIds = contacts.Values.Select(c => c.RepairOrderId).OfType<Guid>().ToList();
        var complaintIds = contacts.Values.Select(c => c.ComplaintId).OfType<Guid>().ToList();
        var requestIds = contacts.Values.Select(c => c.ServiceRequestId).OfType<Guid>().ToList();
        var numbers = (await db.RepairOrders.Where(o => repairIds.Contains(o.Id)).Select(o => new { o.Id, o.Number }).ToListAsync(ct))
            .Concat(await db.Complaints.Where(o => complaintIds.Contains(o.Id)).Select(o => new { o.Id, o.Number }).ToListAsync(ct))
            .Concat(await db.ServiceRequests.Where(o => requestIds.Contains(o.Id)).Select(o => new { o.Id, o.Number }).ToListAsync(ct))
            .ToDictionary(x => x.Id, x => x.Number);

        var findings = visit.Findings.OrderBy(f => f.Position).Select(f =>
        {
            var contact = f.ContactId is { } cid ? contacts.GetValueOrDefault(cid) : null;
            var (link, caseId) = contact switch
            {
                { RepairOrderId: { } o } => ($"/Repairs/Details/{o}", (Guid?)o),
                { ComplaintId: { } c } => ($"/Complaints/Details/{c}", c),
                { ServiceRequestId: { } s } => ($"/Services/Details/{s}", s),
                _ => ((string?)null, (Guid?)null),
            };
            return new FindingView(f.Id, f.Position, f.Text, f.FollowUp, f.ContactId, contact?.Outcome, link,
                caseId is { } k ? numbers.GetValueOrDefault(k) : null, f.Version);
        }).ToList();
        return new VisitDetails(visit, propertyName, customer.Name, customer.Phone, unit, findings);
    }

    public async Task<QuotaPage?> QuotaAsync(Guid id, CancellationToken ct)
    {
        var quota = await db.VisitQuotas.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, ct);
        if (quota is null)
        {
            return null;
        }

        var propertyName = await db.Properties.Where(p => p.Id == quota.PropertyId).Select(p => p.Name).FirstAsync(ct);
        var progress = (await quotas.ProgressAsync(quota.PropertyId, quota.Period, ct)).First(p => p.QuotaId == quota.Id);
        var first = VisitQuota.FirstDay(quota.Period);
        var visits = db.Visits.AsNoTracking().Where(v => v.PropertyId == quota.PropertyId && v.VisitedOn >= first && v.VisitedOn < first.AddMonths(1));
        if (quota.StewardId is { } steward)
        {
            visits = visits.Where(v => v.StewardId == steward);
        }

        var clocks = await caseClocks.ReadAsync([id], ct);
        var now = Now;
        var userIds = clocks.Select(c => c.AssigneeId).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return new QuotaPage(quota, propertyName, progress, await Rows(visits).ToListAsync(ct), clocks.Select(c => ClockView.From(c, now, names)).ToList(), now);
    }

    private IQueryable<VisitRow> Rows(IQueryable<Visit> visits) =>
        from v in visits
        join c in db.Customers on v.CustomerId equals c.Id
        join u in db.Units on v.UnitId equals (Guid?)u.Id into units
        from u in units.DefaultIfEmpty()
        orderby v.VisitedOn descending, v.RecordedAt descending
        select new VisitRow(v.Id, v.VisitedOn, c.Name, u == null ? null : u.Number, v.StewardName, v.Channel, v.Topics, v.Findings.Count,
            v.Findings.Count(f => f.FollowUp != FindingFollowUp.None));
}

/// <summary>
/// A month's figures of the desk's services, the visits and the survey for a property — what the monthly report (spec §5)
/// takes from this feature: requests taken and done (on time, late), households visited against the quota, and the
/// survey's score of the quarter the month is in.
/// </summary>
public sealed class MonthlyReport(PortalDbContext db, Services.ServiceLimits limits)
{
    public async Task<MonthlyFigures> ForAsync(Guid propertyId, int year, int month, CancellationToken ct)
    {
        var first = new DateOnly(year, month, 1);
        var (monthStart, monthEnd) = CaseFilters.ReceivedRange(first, first.AddMonths(1).AddDays(-1));
        var requests = db.ServiceRequests.AsNoTracking().Where(r => r.PropertyId == propertyId && r.ReceivedAt >= monthStart && r.ReceivedAt < monthEnd);
        var taken = await requests.CountAsync(ct);
        var done = await requests.CountAsync(r => r.Status == ServiceStatus.Completed, ct);
        var clocks = await (from c in db.SlaClocks.AsNoTracking()
                            join r in requests on c.SubjectId equals r.Id
                            where c.State == SlaClockState.Met
                            select c.MinutesEarly).ToListAsync(ct);
        var households = await db.Visits.AsNoTracking().Where(v => v.PropertyId == propertyId && v.VisitedOn >= first && v.VisitedOn < first.AddMonths(1))
            .Select(v => v.CustomerId).Distinct().CountAsync(ct);
        var quota = await db.VisitQuotas.AsNoTracking().Where(q => q.PropertyId == propertyId && q.Period == VisitQuota.PeriodOf(first) && q.Key == VisitQuota.PropertyKey)
            .Select(q => (int?)q.Target).FirstOrDefaultAsync(ct) ?? (await limits.ForAsync(propertyId, ct)).VisitsPerProperty;

        var quarter = Survey.QuarterOf(first);
        var survey = await db.Surveys.AsNoTracking().Where(s => s.PropertyId == propertyId && s.Year == year && s.Quarter == quarter)
            .Select(s => new { s.Id, Sample = s.Samples.Count, Answered = s.Samples.Count(x => x.Status == SurveySampleStatus.Answered) }).FirstOrDefaultAsync(ct);
        decimal? score = null;
        if (survey is not null)
        {
            var answers = await (from a in db.SurveyAnswers.AsNoTracking()
                                 join s in db.SurveySamples on a.SampleId equals s.Id
                                 where s.SurveyId == survey.Id
                                 select new { a.Score, a.ScaleMax }).ToListAsync(ct);
            score = SurveyScores.Mean(answers.Select(a => (a.Score, a.ScaleMax)));
        }

        return new MonthlyFigures(taken, done, clocks.Count(m => m >= 0), clocks.Count(m => m < 0), households, quota, score, survey?.Answered ?? 0, survey?.Sample ?? 0);
    }
}
