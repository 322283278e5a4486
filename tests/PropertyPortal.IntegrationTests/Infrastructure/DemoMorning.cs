using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Community;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Notices;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Infrastructure;

/// <summary>The ids of the records the forms are on.</summary>
public sealed record DemoIds(
    Guid Property, Guid Building, Guid Unit, Guid Customer, Guid Occupancy, Guid Key, Guid Contact, Guid Category, Guid ComplaintCategory,
    Guid AcceptedOrder, Guid OnSiteOrder, Guid Callback, Guid Complaint, Guid Renovation, Guid OwingUnit, Guid OneOffItem, Guid DepositUnit,
    Guid Payment, Guid Remittance, Guid VacantUnit, Guid MoveInInProgress, string FrontDeskUser)
{
    /// <summary>The household of the unit the office key belongs to (a 国贸大厦 tenant).</summary>
    public Guid KeyHolder { get; init; }

    /// <summary>The demo repair order whose pause request waits for a supervisor (the customer could not be reached).</summary>
    public Guid PendingPauseOrder { get; init; }

    /// <summary>A counter visit being served at the vacant unit's account (a walk-in's enquiry): its answer and abandon forms.</summary>
    public Guid CounterVisit { get; init; }
    /// <summary>The demo's approved community event nine days ahead (invitations out, replies taken).</summary>
    public Guid ApprovedEvent { get; init; }

    /// <summary>A demo event held and recorded, waiting for its evaluation.</summary>
    public Guid HeldEvent { get; init; }

    /// <summary>A demo event evaluated, waiting for the Manager's review.</summary>
    public Guid EvaluatedEvent { get; init; }

    /// <summary>Next year's annual event plan, opened by the supervisor: a draft whose rows can be edited.</summary>
    public Guid DraftPlan { get; init; }

    /// <summary>The demo notice on the board (published).</summary>
    public Guid PublishedNotice { get; init; }

    /// <summary>The demo's lost-property enquiry (失物招领), accepted and on its hour: its done and cancel forms.</summary>
    public Guid OpenServiceRequest { get; init; }

    /// <summary>The demo's found rucksack, unclaimed for over a month: its claim and discard forms.</summary>
    public Guid StoredFoundItem { get; init; }

    /// <summary>A household of the quarter's survey sample not asked yet: its answer and close forms.</summary>
    public Guid PendingSurveySample { get; init; }

    /// <summary>The catalog's 出入证 entry (a plain service on its 10 minutes).</summary>
    public Guid PassType { get; init; }
}

/// <summary>The demo company with its morning of cases and bills, plus a complaint, a renovation awaiting the Manager, a remittance and a held deposit.</summary>
public sealed class DemoMorning : SqlitePortalFactory
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DemoIds? _ids;

    public async Task<DemoIds> IdsAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _ids ??= await PrepareAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<DemoIds> PrepareAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var seeding = Services.CreateAsyncScope())
        {
            await seeding.ServiceProvider.GetRequiredService<DemoCasesSeeder>().SeedAsync(ct);
            await seeding.ServiceProvider.GetRequiredService<DemoFeesSeeder>().SeedAsync(ct);
            await seeding.ServiceProvider.GetRequiredService<DemoCommunitySeeder>().SeedAsync(ct);
            await seeding.ServiceProvider.GetRequiredService<PropertyPortal.Web.Features.Services.ServiceDemoData>().SeedCasesAsync(ct);
        }

        using var db = CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, ct);
        var occupancy = await db.Occupancies.Where(o => o.PropertyId == property.Id && o.EndDate == null && o.Role == OccupancyRole.Owner).OrderBy(o => o.Id).Skip(20).FirstAsync(ct);
        var building = await db.Units.Where(u => u.Id == occupancy.UnitId).Select(u => u.BuildingId).SingleAsync(ct);
        var orders = await db.RepairOrders.Where(o => o.PropertyId == property.Id).ToListAsync(ct);
        var owing = await db.Charges.Where(c => c.PropertyId == property.Id && c.Paid < c.Amount && c.ReversedAt == null).Select(c => c.UnitId).FirstAsync(ct);
        var oneOff = await db.FeeItems.Where(i => i.PropertyId == property.Id && i.Kind == FeeKind.OneOff).Select(i => i.Id).FirstAsync(ct);
        var deposit = await db.FeeItems.Where(i => i.PropertyId == property.Id && i.Kind == FeeKind.Deposit).Select(i => i.Id).FirstAsync(ct);
        var payment = await db.Payments.Where(p => p.PropertyId == property.Id).Select(p => p.Id).FirstAsync(ct);
        var vacant = await db.Units.Where(u => u.PropertyId == property.Id && u.Type == UnitType.Residence && !db.Occupancies.Any(o => o.UnitId == u.Id) && !db.MoveIns.Any(m => m.UnitId == u.Id))
            .OrderBy(u => u.Number).Select(u => u.Id).FirstAsync(ct);
        var key = await db.OfficeKeys.Select(k => new { k.Id, k.UnitId }).FirstAsync(ct);
        var keyHolder = await db.Occupancies.Where(o => o.UnitId == key.UnitId && o.Role == OccupancyRole.Tenant).Select(o => o.CustomerId).FirstAsync(ct);

        using var desk = await PortalClient.SignedInAsync(this, "frontdesk");
        var complaint = await CreateComplaintAsync(desk, occupancy.UnitId, await db.ComplaintCategories.Select(c => c.Id).FirstAsync(ct));
        var renovation = await RenovationAwaitingManagerAsync(desk, occupancy.UnitId);
        var remittance = await PayAsync(desk, owing, "Remittance", "Transfer", "TX001");
        var draftPlan = await OpenNextYearsPlanAsync(property.Id);

        // A paid deposit, held: what a supervisor refunds.
        var depositUnit = (await db.Occupancies.Where(o => o.PropertyId == property.Id && o.EndDate == null).OrderBy(o => o.Id).Skip(40).FirstAsync(ct)).UnitId;
        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Fees/Account/{depositUnit}", "#charge-form", new Dictionary<string, string>
        {
            ["Charge.FeeItemId"] = deposit.ToString(), ["Charge.Amount"] = "2000", ["Charge.DueDate"] = PortalClockToday(),
        })).StatusCode);
        var owedThere = (await db.Charges.Where(c => c.UnitId == depositUnit && c.ReversedAt == null).ToListAsync(ct)).Sum(c => c.Outstanding);
        await PayAsync(desk, depositUnit, "Counter", "Cash", null, owedThere);

        // A walk-in's enquiry at the counter, still being served.
        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Fees/Account/{vacant}", "#open-visit-form", new Dictionary<string, string>
        {
            ["Kind"] = nameof(CounterVisitKind.Enquiry),
        })).StatusCode);

        return new DemoIds(
            property.Id, building, occupancy.UnitId, occupancy.CustomerId, occupancy.Id, key.Id,
            await PendingContactAsync(desk, property.Id),
            await db.RepairCategories.Select(c => c.Id).FirstAsync(ct),
            await db.ComplaintCategories.Select(c => c.Id).FirstAsync(ct),
            orders.First(o => o.Status == RepairStatus.Accepted).Id,
            orders.First(o => o.Status == RepairStatus.OnSite).Id,
            await db.Callbacks.Where(c => c.Status == CallbackStatus.Open && c.RepairOrderId != null).Select(c => c.Id).FirstAsync(ct),
            complaint, renovation, owing, oneOff, depositUnit, payment, remittance, vacant,
            await db.MoveIns.Where(m => m.Status == MoveInStatus.InProgress).Select(m => m.Id).FirstAsync(ct),
            await db.Users.Where(u => u.UserName == "frontdesk").Select(u => u.Id).SingleAsync(ct))
        {
            KeyHolder = keyHolder,
            PendingPauseOrder = await db.PauseRequests.Where(p => p.State == PropertyPortal.Domain.Sla.PauseRequestState.Pending).Select(p => p.SubjectId).FirstAsync(ct),
            CounterVisit = await db.CounterVisits.Where(v => v.UnitId == vacant && v.Status == CounterVisitStatus.Open).Select(v => v.Id).SingleAsync(ct),
            ApprovedEvent = await EventInAsync(db, CommunityEventStatus.Approved),
            HeldEvent = await EventInAsync(db, CommunityEventStatus.Held),
            EvaluatedEvent = await EventInAsync(db, CommunityEventStatus.Evaluated),
            DraftPlan = draftPlan,
            PublishedNotice = await db.PublicNotices.Where(n => n.PropertyId == property.Id && n.Status == NoticeStatus.Published).Select(n => n.Id).SingleAsync(ct),
            OpenServiceRequest = await db.ServiceRequests.Where(r => r.PropertyId == property.Id && r.Kind == PropertyPortal.Domain.Services.ServiceKind.LostAndFound
                && r.Status == PropertyPortal.Domain.Services.ServiceStatus.Accepted).Select(r => r.Id).SingleAsync(ct),
            StoredFoundItem = await db.FoundItems.Where(f => f.PropertyId == property.Id).OrderBy(f => f.FoundAt).Select(f => f.Id).FirstAsync(ct),
            PendingSurveySample = await db.SurveySamples.Where(x => x.PropertyId == property.Id && x.Status == PropertyPortal.Domain.Visits.SurveySampleStatus.Pending)
                .OrderBy(x => x.Id).Select(x => x.Id).FirstAsync(ct),
            PassType = await db.ServiceTypes.Where(t => t.Code == "Pass").Select(t => t.Id).SingleAsync(ct),
        };
    }

    private static Task<Guid> EventInAsync(PortalDbContext db, CommunityEventStatus status) =>
        db.CommunityEvents.Where(e => e.Status == status).OrderBy(e => e.StartsAt).Select(e => e.Id).FirstAsync(TestContext.Current.CancellationToken);

    /// <summary>The supervisor opens next year's plan by hand (the community job would on 1 December).</summary>
    private async Task<Guid> OpenNextYearsPlanAsync(Guid property)
    {
        using var supervisor = await PortalClient.SignedInAsync(this, "supervisor");
        var response = await supervisor.SubmitFormAsync("/EventPlans", "#open-plan-form", new Dictionary<string, string>
        {
            ["PropertyId"] = property.ToString(), ["Year"] = (DateTime.UtcNow.AddHours(8).Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.RedirectPath().StartsWith("/EventPlans/Details/", StringComparison.Ordinal),
            "plan: " + (int)response.StatusCode + " " + response.Headers.Location);
        return Guid.Parse(response.RedirectPath()["/EventPlans/Details/".Length..]);
    }

    /// <summary>A call still waiting for its outcome: the contact page offers to resolve it.</summary>
    private async Task<Guid> PendingContactAsync(PortalClient desk, Guid property)
    {
        var response = await desk.SubmitFormAsync("/Contacts/Create", "#contact-form", new Dictionary<string, string>
        {
            ["PropertyId"] = property.ToString(), ["Name"] = "访客 王先生", ["Phone"] = "13900001111", ["Subject"] = "问物业费怎么交", ["Outcome"] = "Pending",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, "contact: " + (await PortalClient.ParseAsync(response)).QuerySelector(".text-danger:not(:empty), .alert-danger")?.TextContent);
        using var db = CreateDbContext(SystemPropertyScope.Instance);
        return await db.Contacts.Where(c => c.Subject == "问物业费怎么交").Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

    private static string PortalClockToday() => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<Guid> CreateComplaintAsync(PortalClient desk, Guid unit, Guid category)
    {
        var response = await desk.SubmitFormAsync($"/Complaints/Create?unitId={unit}", "main form[method='post']", new Dictionary<string, string>
        {
            ["CategoryId"] = category.ToString(), ["Tier"] = "Minor", ["Channel"] = "Phone", ["Content"] = "楼道灯不亮", ["ComplainantName"] = "业主",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, "complaint: " + (await PortalClient.ParseAsync(response)).QuerySelector(".text-danger:not(:empty), .alert-danger")?.TextContent);
        return Guid.Parse(response.RedirectPath()["/Complaints/Details/".Length..]);
    }

    private async Task<Guid> RenovationAwaitingManagerAsync(PortalClient desk, Guid unit)
    {
        var start = DateTime.UtcNow.AddHours(8).AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTime.UtcNow.AddHours(8).AddDays(35).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var response = await desk.SubmitFormAsync($"/Renovations/Create?unitId={unit}", "#renovation-form", new Dictionary<string, string>
        {
            ["ApplicantName"] = "业主", ["ContractorName"] = "好家装饰", ["Description"] = "客厅刷墙", ["StartDate"] = start, ["EndDate"] = end,
            ["Scope"] = nameof(RenovationScope.SimplePartition), ["DocumentsChecked"] = "true", ["Workers"] = "3",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, "renovation: " + (await PortalClient.ParseAsync(response)).QuerySelector(".text-danger:not(:empty), .alert-danger")?.TextContent);
        var id = Guid.Parse(response.RedirectPath()["/Renovations/Details/".Length..]);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Renovations/Details/{id}", "#review-form", new Dictionary<string, string>())).StatusCode);
        using var technician = await PortalClient.SignedInAsync(this, "technician");
        Assert.Equal(HttpStatusCode.Redirect, (await technician.SubmitFormAsync($"/Renovations/Details/{id}", "#engineering-form", new Dictionary<string, string> { ["note"] = "可以" })).StatusCode);
        return id;
    }

    private async Task<Guid> PayAsync(PortalClient desk, Guid unit, string kind, string method, string? reference, decimal amount = 1m)
    {
        var response = await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#pay-form", new Dictionary<string, string>
        {
            ["Amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PayerName"] = "王五", ["Kind"] = kind, ["Method"] = method, ["Reference"] = reference ?? "",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, "payment: " + (await PortalClient.ParseAsync(response)).QuerySelector(".text-danger:not(:empty), .alert-danger")?.TextContent);
        var receipt = response.RedirectPath();
        return Guid.Parse(receipt[(receipt.LastIndexOf('/') + 1)..]);
    }
}
