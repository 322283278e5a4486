using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.MoveIns;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.MoveIns;

/// <summary>
/// 入住 over HTTP: booking with the applicant's checks, the counter checklist, charges paid at the cashier
/// and confirmed from the receipts, the joint inspection's defects as developer warranty orders, the
/// re-inspection refused while they are open, sign-off, keys, completion and the new household's callback;
/// the supervisor's override with custody and its weekly patrol; a batch day; the weekly statistics.
/// </summary>
public abstract class MoveInFlowTests(PortalFactory factory)
{
    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_household_moves_in_through_the_whole_checklist_and_gets_its_callback_a_month_later()
    {
        var unit = await VacantUnitAsync(0);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var statsBefore = await StatsAsync(desk);

        // An agent without a name is refused in the form, and nothing is saved.
        var bad = await desk.SubmitFormAsync($"/MoveIns/Create?unitId={unit}", "#move-in-form", new Dictionary<string, string>
        {
            ["CustomerId"] = "", ["NewName"] = "赵新户", ["NewPhone"] = "13800002222", ["Applicant"] = nameof(MoveInApplicant.Agent), ["AgentName"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("受托人", (await PortalClient.ParseAsync(bad)).QuerySelector("#move-in-form")?.TextContent ?? "");
        using (var db = Db())
        {
            Assert.False(await db.MoveIns.AnyAsync(m => m.UnitId == unit, Ct));
            Assert.False(await db.Customers.AnyAsync(c => c.Name == "赵新户", Ct));
        }

        var booked = await desk.SubmitFormAsync($"/MoveIns/Create?unitId={unit}", "#move-in-form", new Dictionary<string, string>
        {
            ["CustomerId"] = "", ["NewName"] = "赵新户", ["NewPhone"] = "13800002222", ["Applicant"] = nameof(MoveInApplicant.Agent), ["AgentName"] = "钱代办",
        });
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var id = Guid.Parse(booked.RedirectPath()["/MoveIns/Details/".Length..]);
        var moveIn = await MoveInAsync(id);
        Assert.StartsWith("RZ", moveIn.Number, StringComparison.Ordinal);
        Assert.Equal(MoveIn.Required(MoveInApplicant.Agent, false), moveIn.Checks.OrderBy(c => c.Id).Select(c => c.Item));

        // Nothing happens before the household is received; then the counter ticks the papers.
        Assert.Contains("请先接待住户", await PostRefusalAsync(desk, id, "Complete", []));
        await StepAsync(desk, id, "receive-form", []);
        Assert.Equal(MoveInStatus.InProgress, (await MoveInAsync(id)).Status);
        var manual = MoveIn.Required(MoveInApplicant.Agent, false).Where(MoveIn.IsManual).ToList();
        await PostAsync(desk, id, "check-form", manual.Select(i => new KeyValuePair<string, string>("items", i.ToString())));
        Assert.All((await MoveInAsync(id)).Checks.Where(c => MoveIn.IsManual(c.Item)), c => Assert.Equal((true, "张前台"), (c.Done, c.DoneByName)));

        // The move-in charge goes on the unit's ledger; it cannot be confirmed until the cashier has it.
        var feeItem = await FeeItemAsync(unit, "入住预收物业费");
        await StepAsync(desk, id, "charge-form", new() { ["feeItemId"] = feeItem.ToString(), ["amount"] = "1200.00" });
        Assert.Contains("已开具过", await RefusalAsync(desk, id, "charge-form", new() { ["feeItemId"] = feeItem.ToString(), ["amount"] = "1200.00" }));
        Assert.Contains("入住费用尚未缴清", await RefusalAsync(desk, id, "confirm-charges-form", []));
        var owed = await OwedAsync(unit);
        Assert.True(owed >= 1200m);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#pay-form",
            new Dictionary<string, string> { ["PayerName"] = "赵新户", ["Amount"] = owed.ToString(CultureInfo.InvariantCulture) })).StatusCode);
        await StepAsync(desk, id, "confirm-charges-form", []);
        string receipt;
        using (var db = Db())
        {
            receipt = await db.Payments.Where(p => p.UnitId == unit).OrderByDescending(p => p.ReceivedAt).Select(p => p.ReceiptNumber).FirstAsync(Ct);
        }

        Assert.Equal((true, receipt), (await MoveInAsync(id)).Checks.Where(c => c.Item == MoveInItem.Charges).Select(c => (c.Done, c.Note)).Single());

        // Keys wait for the inspection; the inspection needs its base readings.
        Assert.Contains("验房合格后才能交付钥匙", await PostRefusalAsync(desk, id, "Keys", [new("keys", "2")]));
        var category = await CategoryAsync();
        var (missing, kept) = await InspectionRefusalAsync(desk, id, new()
        {
            ["InspectorName"] = "周工", ["Water"] = "", ["Electricity"] = "305",
            ["Defects[0].Location"] = "主卧窗", ["Defects[0].Description"] = "窗框渗水", ["Defects[0].CategoryId"] = category.ToString(),
        });
        Assert.Contains("水、电表底数", missing);
        Assert.Equal(("周工", "305", "主卧窗", "窗框渗水", category.ToString()), (kept["InspectorName"], kept["Electricity"], kept["Defects[0].Location"],
            kept["Defects[0].Description"], kept["Defects[0].CategoryId"]));
        Assert.Equal(MoveInInspectionState.NotInspected, (await MoveInAsync(id)).Inspection);

        await StepAsync(desk, id, "inspection-form", new()
        {
            ["InspectorName"] = "周工", ["Water"] = "12.5", ["Electricity"] = "305", ["Gas"] = "3",
            ["Defects[0].Location"] = "主卧窗", ["Defects[0].Description"] = "窗框渗水", ["Defects[0].CategoryId"] = category.ToString(),
            ["Defects[1].Location"] = "厨房", ["Defects[1].Description"] = "墙砖空鼓", ["Defects[1].CategoryId"] = category.ToString(),
        });
        moveIn = await MoveInAsync(id);
        Assert.Equal((MoveInInspectionState.Defects, 12.5m, 305m, (decimal?)3m, "周工"),
            (moveIn.Inspection, moveIn.WaterBase!.Value, moveIn.ElectricityBase!.Value, moveIn.GasBase, moveIn.InspectorName));
        var orderIds = moveIn.Defects.Select(d => d.RepairOrderId!.Value).ToList();
        using (var db = Db())
        {
            var orders = await db.RepairOrders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToListAsync(Ct);
            Assert.Equal(2, orders.Count);
            Assert.All(orders, o => Assert.Equal((RepairResponsibility.Developer, RepairBilling.Warranty, (Guid?)unit, RepairStatus.Accepted),
                (o.Responsibility!.Value, o.Billing, o.UnitId, o.Status)));
            Assert.Contains(orders, o => o.Description == "窗框渗水" && o.Location.Contains("主卧窗", StringComparison.Ordinal));
            Assert.Equal(2, orders.Select(o => o.Number).Distinct().Count());
        }

        // A photo of the first defect; a file that is not an image is turned away.
        await AddDefectPhotoAsync(desk, id, moveIn.Defects[0].Id);
        using (var db = Db())
        {
            Assert.Equal(1, await db.Attachments.CountAsync(a => a.OwnerType == MoveInsController.DefectPhotos && a.OwnerId == moveIn.Defects[0].Id, Ct));
        }

        // Re-inspection waits for the developer's repairs.
        Assert.Contains("仍有问题在维修中", (await InspectionRefusalAsync(desk, id, [])).Message);
        foreach (var order in orderIds)
        {
            await FinishRepairAsync(desk, order);
        }

        await StepAsync(desk, id, "inspection-form", []);
        moveIn = await MoveInAsync(id);
        Assert.Equal(MoveInInspectionState.Passed, moveIn.Inspection);
        Assert.All(moveIn.Defects, d => Assert.NotNull(d.FixedAt));

        await StepAsync(desk, id, "signoff-form", new() { ["signedBy"] = "赵新户" });
        await StepAsync(desk, id, "keys-form", new() { ["keys"] = "3" });
        moveIn = await MoveInAsync(id);
        Assert.True(moveIn.ChecklistComplete);
        Assert.Equal((MoveInInspectionState.SignedOff, "赵新户", 3), (moveIn.Inspection, moveIn.SignedOffBy, moveIn.KeysIssued));

        await StepAsync(desk, id, "complete-form", []);
        moveIn = await MoveInAsync(id);
        Assert.Equal((MoveInStatus.Completed, null), (moveIn.Status, moveIn.OverrideReason));
        var frontdesk = await UserIdAsync("frontdesk");
        using (var db = Db())
        {
            Assert.Equal(UnitStatus.Occupied, await db.Units.Where(u => u.Id == unit).Select(u => u.Status).SingleAsync(Ct));
            Assert.True(await db.Occupancies.AnyAsync(o => o.UnitId == unit && o.CustomerId == moveIn.CustomerId && o.Role == OccupancyRole.Owner && o.EndDate == null, Ct));

            // The base readings close the month before, so the first bill counts only what the household used.
            var opening = Domain.Fees.BillingPeriod.Of(DateOnly.FromDateTime(PortalClock.ToLocal(moveIn.CompletedAt!.Value))).Previous.Key;
            var meters = (await db.MeterReadings.AsNoTracking().Where(r => r.UnitId == unit && r.Period == opening).ToListAsync(Ct))
                .ToDictionary(r => r.Meter, r => r.Reading);
            Assert.Equal(new Dictionary<Domain.Fees.MeterKind, decimal> { [Domain.Fees.MeterKind.Water] = 12.5m, [Domain.Fees.MeterKind.Electricity] = 305m, [Domain.Fees.MeterKind.Gas] = 3m },
                meters);
            var callback = await db.Callbacks.AsNoTracking().SingleAsync(c => c.Id == moveIn.CallbackId, Ct);
            var due = PortalClock.ToUtc(PortalClock.ToLocal(moveIn.CompletedAt!.Value).AddMonths(1));
            Assert.Equal((CallbackSource.MoveIn, (Guid?)id, moveIn.Number, due, frontdesk, "赵新户"),
                (callback.Source, callback.MoveInId, callback.Subject, callback.DueAt, callback.AssigneeId, callback.ContactName));
            var clock = await db.SlaClocks.AsNoTracking().SingleAsync(c => c.SubjectId == callback.Id, Ct);
            Assert.Equal((SlaMilestone.Callback, SlaClockState.Running, due), (clock.Milestone, clock.State, clock.DueAt));
        }

        // The unit's and the household's pages list it.
        Assert.Contains(moveIn.Number, (await desk.GetDocumentAsync($"/Units/Details/{unit}")).QuerySelector("#household-move-ins")?.TextContent ?? "");
        Assert.Contains(moveIn.Number, (await desk.GetDocumentAsync($"/Customers/Details/{moveIn.CustomerId}")).QuerySelector("#household-move-ins")?.TextContent ?? "");

        // Every step is on the record, in order.
        Assert.Equal(
            [MoveInEventKind.Booked, MoveInEventKind.Received, MoveInEventKind.Checked, MoveInEventKind.ChargesRaised, MoveInEventKind.ChargesPaid, MoveInEventKind.Inspected,
                MoveInEventKind.Reinspected, MoveInEventKind.SignedOff, MoveInEventKind.KeysHandedOver, MoveInEventKind.Completed],
            moveIn.Events.OrderBy(e => e.Id).Select(e => e.Kind));

        // The printed forms carry what was recorded.
        Assert.Contains("钱代办", (await desk.GetDocumentAsync($"/MoveIns/Checklist/{id}")).QuerySelector("#print-checklist")?.TextContent ?? "");
        Assert.Equal("12.5", (await desk.GetDocumentAsync($"/MoveIns/InspectionRecord/{id}")).QuerySelector("#print-water")?.TextContent.Trim());
        Assert.Contains("赵新户", (await desk.GetDocumentAsync($"/MoveIns/Registration/{id}")).QuerySelector("#print-registration")?.TextContent ?? "");

        // The callback finds something still wrong: the supervisors are told.
        using (var db = Db())
        {
            var callbackId = moveIn.CallbackId!.Value;
            Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Callbacks/Details/{callbackId}", "form[action*='/Callbacks/Record/']", new Dictionary<string, string>
            {
                ["Outcome"] = nameof(CallbackOutcome.Reached), ["Fixed"] = "false", ["AttitudeSatisfied"] = "true", ["Score"] = "4", ["Comment"] = "门锁不好用",
            })).StatusCode);
            Assert.Equal(CallbackStatus.Done, await db.Callbacks.Where(c => c.Id == callbackId).Select(c => c.Status).SingleAsync(Ct));
            var supervisor = await UserIdAsync("supervisor");
            Assert.True(await db.OutboxMessages.AnyAsync(o => o.Kind == NotificationKinds.MoveInCallbackDissatisfied && o.RecipientUserId == supervisor && o.Link == $"/Callbacks/Details/{callbackId}", Ct));
        }

        var statsAfter = await StatsAsync(desk);
        Assert.Equal(statsBefore["booked"] + 1, statsAfter["booked"]);
        Assert.Equal(statsBefore["completed"] + 1, statsAfter["completed"]);
        Assert.Equal(statsBefore["withDefects"] + 1, statsAfter["withDefects"]);
        Assert.Equal(statsBefore["defectsRaised"] + 2, statsAfter["defectsRaised"]);
        Assert.Equal(statsBefore["defectsFixed"] + 2, statsAfter["defectsFixed"]);

        // Another property's staff cannot see it.
        using var tower = await PortalClient.SignedInAsync(App, "officedesk");
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/MoveIns/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/MoveIns/Checklist/{id}")).StatusCode);
        Assert.DoesNotContain(moveIn.Number, await (await tower.GetAsync("/MoveIns?status=Completed")).Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task An_incomplete_move_in_is_completed_only_by_a_supervisor_with_a_reason_and_a_unit_in_custody_is_patrolled_weekly()
    {
        var unit = await VacantUnitAsync(1);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var booked = await desk.SubmitFormAsync($"/MoveIns/Create?unitId={unit}", "#move-in-form", new Dictionary<string, string>
        {
            ["CustomerId"] = "", ["NewName"] = "孙托管", ["NewPhone"] = "13900003333", ["Applicant"] = nameof(MoveInApplicant.Owner), ["Custody"] = "true",
        });
        var id = Guid.Parse(booked.RedirectPath()["/MoveIns/Details/".Length..]);
        Assert.Contains(MoveInItem.CustodyAgreement, (await MoveInAsync(id)).Checks.Select(c => c.Item));
        await StepAsync(desk, id, "receive-form", []);
        await StepAsync(desk, id, "inspection-form", new() { ["InspectorName"] = "周工", ["Water"] = "100", ["Electricity"] = "200" });
        Assert.Equal(MoveInInspectionState.Passed, (await MoveInAsync(id)).Inspection);

        // The vacant unit was read last month; the base the owner signs replaces that reading.
        var opening = Domain.Fees.BillingPeriod.Of(DateOnly.FromDateTime(PortalClock.ToLocal(DateTime.UtcNow))).Previous.Key;
        using (var db = Db())
        {
            var property = await db.Units.Where(u => u.Id == unit).Select(u => u.PropertyId).SingleAsync(Ct);
            db.MeterReadings.Add(new Domain.Fees.MeterReading(property, unit, Domain.Fees.MeterKind.Water, opening, 96.5m, new Domain.Common.Actor(null, "抄表"), DateTime.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        // The desk cannot let it through with the papers missing; the supervisor needs a reason.
        Assert.Contains("入住手续未办齐", await RefusalAsync(desk, id, "complete-form", []));
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        await RefusalAsync(supervisor, id, "complete-form", new() { ["overrideReason"] = " " });
        Assert.Equal(MoveInStatus.InProgress, (await MoveInAsync(id)).Status);
        await StepAsync(supervisor, id, "complete-form", new() { ["overrideReason"] = "业主出国，证件由律师补交" });
        var moveIn = await MoveInAsync(id);
        Assert.Equal((MoveInStatus.Completed, "业主出国，证件由律师补交", "李主管"), (moveIn.Status, moveIn.OverrideReason, moveIn.OverrideByName));
        Assert.Contains(moveIn.Events, e => e.Kind == MoveInEventKind.Overridden && e.Note!.Contains(nameof(MoveInItem.CustodyAgreement), StringComparison.Ordinal));

        SlaClockSnapshot first;
        using (var db = Db())
        {
            Assert.Equal([(Domain.Fees.MeterKind.Water, 100m), (Domain.Fees.MeterKind.Electricity, 200m)],
                (await db.MeterReadings.AsNoTracking().Where(r => r.UnitId == unit && r.Period == opening).ToListAsync(Ct)).Select(r => (r.Meter, r.Reading)).Order());
            var u = await db.Units.AsNoTracking().SingleAsync(x => x.Id == unit, Ct);
            Assert.Equal((UnitStatus.Vacant, true), (u.Status, u.InCustody));
            var clock = await db.SlaClocks.AsNoTracking().SingleAsync(c => c.Subject == SlaSubject.CustodyUnit && c.SubjectId == unit, Ct);
            Assert.Equal((SlaMilestone.CustodyPatrol, SlaClockState.Running, moveIn.CompletedAt!.Value.AddDays(7)), (clock.Milestone, clock.State, clock.DueAt));
            first = new SlaClockSnapshot(clock.Id);
        }

        // The steward's weekly patrol: water 6 over the base is past the custody limit of 5.
        using var steward = await PortalClient.SignedInAsync(App, "steward");
        Assert.Contains("孙托管", (await steward.GetDocumentAsync("/MoveIns/Custody")).QuerySelector($"#u-{unit}")?.TextContent ?? "");
        var patrolled = await steward.SubmitFormAsync("/MoveIns/Custody", $"#u-{unit} form", new Dictionary<string, string>
        {
            ["finding"] = "门窗完好", ["water"] = "106", ["electricity"] = "210",
        });
        Assert.Equal(HttpStatusCode.Redirect, patrolled.StatusCode);
        using (var db = Db())
        {
            var patrol = await db.CustodyPatrols.AsNoTracking().SingleAsync(p => p.UnitId == unit, Ct);
            Assert.Equal((true, "门窗完好", "陈管家"), (patrol.MeterAlarm, patrol.Finding, patrol.ByName));
            var clocks = await db.SlaClocks.AsNoTracking().Where(c => c.Subject == SlaSubject.CustodyUnit && c.SubjectId == unit).OrderBy(c => c.StartedAt).ToListAsync(Ct);
            Assert.Equal(2, clocks.Count);
            Assert.Equal((first.Id, SlaClockState.Met), (clocks[0].Id, clocks[0].State));
            Assert.Equal((SlaClockState.Running, patrol.At.AddDays(7)), (clocks[1].State, clocks[1].DueAt));
            var supervisorId = await UserIdAsync("supervisor");
            Assert.True(await db.OutboxMessages.AnyAsync(o => o.Kind == NotificationKinds.CustodyAlarm && o.RecipientUserId == supervisorId, Ct));
        }

        // Taken out of custody on the unit's own page: the hourly reconciliation cancels the patrol clock.
        using (var db = Db())
        {
            var u = await db.Units.SingleAsync(x => x.Id == unit, Ct);
            u.SetCustody(false);
            await db.SaveChangesAsync(Ct);
            using var scope = App.Services.CreateScope();
            var (started, cancelled) = await CustodyPatrols.ReconcileAsync(db, scope.ServiceProvider.GetRequiredService<Web.Features.Sla.SlaSettings>(), DateTime.UtcNow, Ct);
            Assert.True(cancelled >= 1);
            Assert.False(await db.SlaClocks.AnyAsync(c => c.Subject == SlaSubject.CustodyUnit && c.SubjectId == unit && c.State == SlaClockState.Running, Ct));
        }
    }

    [Fact]
    public async Task A_batch_day_books_the_chosen_units_in_slots_per_desk_and_shows_their_progress()
    {
        Guid property, building;
        List<Guid> owned;
        using (var db = Db())
        {
            property = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var candidates = await (from u in db.Units
                                    join o in db.Occupancies on u.Id equals o.UnitId
                                    where u.PropertyId == property && o.Role == OccupancyRole.Owner && o.EndDate == null && !db.MoveIns.Any(m => m.UnitId == u.Id)
                                    select new { u.BuildingId, u.Id, u.Number }).ToListAsync(Ct);
            var group = candidates.GroupBy(c => c.BuildingId).OrderByDescending(g => g.Count()).First();
            building = group.Key;
            owned = group.OrderBy(c => c.Number).Select(c => c.Id).Distinct().Take(3).ToList();
        }

        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var page = await supervisor.GetDocumentAsync($"/MoveIns/CreateBatch?propertyId={property}&buildingId={building}");
        var token = page.QuerySelector<IHtmlInputElement>($"#batch-form input[name='{PortalClient.TokenField}']")!.Value;
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);
        var fields = new List<KeyValuePair<string, string>>
        {
            new(PortalClient.TokenField, token), new("PropertyId", property.ToString()), new("BuildingId", building.ToString()), new("Name", "一期集中入伙"),
            new("Day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new("FirstSlot", "09:00"), new("SlotMinutes", "30"), new("Desks", "2"),
        };
        fields.AddRange(owned.Select(u => new KeyValuePair<string, string>("UnitIds", u.ToString())));
        var created = await supervisor.PostAsync("/MoveIns/CreateBatch", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var batchId = Guid.Parse(created.RedirectPath()["/MoveIns/Batch/".Length..]);

        using (var db = Db())
        {
            var booked = await db.MoveIns.AsNoTracking().Where(m => m.BatchId == batchId).OrderBy(m => m.AppointmentAt).ThenBy(m => m.Number).ToListAsync(Ct);
            Assert.Equal(owned.Order(), booked.Select(m => m.UnitId).Order());
            var nine = PortalClock.ToUtc(day.ToDateTime(new TimeOnly(9, 0)));
            Assert.Equal([nine, nine, nine.AddMinutes(30)], booked.Select(m => m.AppointmentAt));
            Assert.All(booked, m => Assert.Equal((MoveInMode.Batch, MoveInStatus.Booked, MoveInApplicant.Owner), (m.Mode, m.Status, m.Applicant)));
            Assert.Equal(3, booked.Select(m => m.Number).Distinct().Count());
        }

        var batchPage = await supervisor.GetDocumentAsync($"/MoveIns/Batch/{batchId}");
        Assert.Equal(3, batchPage.QuerySelectorAll("#batch-units tbody tr").Length);

        // The same units cannot be booked twice.
        var again = await supervisor.PostAsync("/MoveIns/CreateBatch", fields.Select(f => f.Key == "Name" ? new KeyValuePair<string, string>("Name", "重复") : f));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using (var db = Db())
        {
            Assert.False(await db.MoveInBatches.AnyAsync(b => b.Name == "重复", Ct));
        }
    }

    [Fact]
    public async Task Desks_booking_at_the_same_moment_get_distinct_numbers_and_each_new_owner_exactly_once()
    {
        var units = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            units.Add(await VacantUnitAsync(10 + i));
        }

        var desks = new List<PortalClient>();
        for (var i = 0; i < units.Count; i++)
        {
            desks.Add(await PortalClient.SignedInAsync(App, "frontdesk"));
        }

        var forms = await Task.WhenAll(units.Select((u, i) => desks[i].GetDocumentAsync($"/MoveIns/Create?unitId={u}")));
        var responses = await Task.WhenAll(units.Select((u, i) =>
        {
            var token = forms[i].QuerySelector<IHtmlInputElement>($"#move-in-form input[name='{PortalClient.TokenField}']")!.Value;
            return desks[i].PostAsync($"/MoveIns/Create?unitId={u}", new Dictionary<string, string>
            {
                [PortalClient.TokenField] = token, ["UnitId"] = u.ToString(), ["CustomerId"] = "", ["NewName"] = $"并发业主{i}", ["NewPhone"] = $"1350000{i:0000}",
                ["Applicant"] = nameof(MoveInApplicant.Owner), ["AppointmentAt"] = "2027-01-05T10:00",
            });
        }));
        desks.ForEach(d => d.Dispose());
        foreach (var r in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            Assert.Fail((await PortalClient.ParseAsync(r)).QuerySelector(".alert-danger, .text-danger")?.TextContent ?? r.StatusCode.ToString());
        }

        using var db = Db();
        var booked = await (from m in db.MoveIns
                            join c in db.Customers on m.CustomerId equals c.Id
                            where units.Contains(m.UnitId)
                            select new { m.Number, m.UnitId, c.Name }).ToListAsync(Ct);
        Assert.Equal(units.Count, booked.Count);
        Assert.Equal(units.Count, booked.Select(b => b.Number).Distinct().Count());
        Assert.Equal(units.Select((u, i) => (u, $"并发业主{i}")).Order(), booked.Select(b => (b.UnitId, b.Name)).Order());
        Assert.Equal(units.Count, await db.Customers.CountAsync(c => c.Name.StartsWith("并发业主"), Ct));
    }

    private sealed record SlaClockSnapshot(Guid Id);

    private PortalDbContext Db() => App.CreateDbContext(SystemPropertyScope.Instance);

    private async Task<Guid> VacantUnitAsync(int skip)
    {
        using var db = Db();
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        return await db.Units.Where(u => u.PropertyId == property.Id && u.Type == UnitType.Residence && !db.Occupancies.Any(o => o.UnitId == u.Id) && !db.MoveIns.Any(m => m.UnitId == u.Id))
            .OrderBy(u => u.Number).Select(u => u.Id).Skip(skip).FirstAsync(Ct);
    }

    private async Task<MoveIn> MoveInAsync(Guid id)
    {
        using var db = Db();
        return await db.MoveIns.AsNoTracking().Include(m => m.Checks).Include(m => m.Defects).Include(m => m.Events).AsSplitQuery().SingleAsync(m => m.Id == id, Ct);
    }

    private async Task<Guid> FeeItemAsync(Guid unit, string name)
    {
        using var db = Db();
        var property = await db.Units.Where(u => u.Id == unit).Select(u => u.PropertyId).SingleAsync(Ct);
        if (await db.FeeItems.Where(i => i.PropertyId == property && i.Name == name).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(Ct) is { } existing)
        {
            return existing;
        }

        var item = new Domain.Fees.FeeItem(property, name, Domain.Fees.FeeKind.OneOff, null, null, 85);
        db.FeeItems.Add(item);
        await db.SaveChangesAsync(Ct);
        return item.Id;
    }

    private async Task<Guid> CategoryAsync()
    {
        using var db = Db();
        return await db.RepairCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync(Ct);
    }

    private async Task<decimal> OwedAsync(Guid unit)
    {
        using var db = Db();
        return (await db.Charges.Where(c => c.UnitId == unit).Select(c => new { c.Amount, c.Released, c.Paid, c.ClosedAt }).ToListAsync(Ct))
            .Where(c => c.ClosedAt is null).Sum(c => c.Amount - c.Released - c.Paid);
    }

    private async Task<string> UserIdAsync(string userName)
    {
        using var db = Db();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct);
    }

    /// <summary>Submits a form of the move-in page and expects it to succeed (no refusal shown).</summary>
    private static async Task StepAsync(PortalClient client, Guid id, string formId, Dictionary<string, string> fields)
    {
        var response = await client.SubmitFormAsync($"/MoveIns/Details/{id}", $"#{formId}", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetDocumentAsync(response.RedirectPath());
        Assert.Null(after.QuerySelector(".alert-danger")?.TextContent);
    }

    /// <summary>Submits a form of the move-in page and returns the refusal it shows.</summary>
    private static async Task<string> RefusalAsync(PortalClient client, Guid id, string formId, Dictionary<string, string> fields)
    {
        var response = await client.SubmitFormAsync($"/MoveIns/Details/{id}", $"#{formId}", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (await client.GetDocumentAsync(response.RedirectPath())).QuerySelector(".alert-danger")?.TextContent
            ?? throw new InvalidOperationException($"{formId} was not refused.");
    }

    /// <summary>Submits the inspection form and expects it back on the page with the reason inside it; returns the reason and what the form now holds.</summary>
    private static async Task<(string Message, Dictionary<string, string> Kept)> InspectionRefusalAsync(PortalClient client, Guid id, Dictionary<string, string> fields)
    {
        var response = await client.SubmitFormAsync($"/MoveIns/Details/{id}", "#inspection-form", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = (await PortalClient.ParseAsync(response)).QuerySelector("#inspection-form") ?? throw new InvalidOperationException("No inspection form after the refusal.");
        var kept = form.QuerySelectorAll<IHtmlInputElement>("input[name]").Where(i => i.Type != "file").ToDictionary(i => i.Name!, i => i.Value);
        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
        {
            kept[select.Name!] = select.Value ?? "";
        }

        return (form.QuerySelector(".alert-danger")?.TextContent ?? throw new InvalidOperationException("The inspection was not refused."), kept);
    }

    /// <summary>Posts these fields to a form of the page (with its token and version), for fields a dictionary cannot hold.</summary>
    private static async Task PostAsync(PortalClient client, Guid id, string formId, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetDocumentAsync($"/MoveIns/Details/{id}");
        var form = page.QuerySelector<IHtmlFormElement>($"#{formId}") ?? throw new InvalidOperationException($"No {formId}.");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type='hidden']").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).Concat(fields);
        var response = await client.PostAsync(form.Action, values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null((await client.GetDocumentAsync(response.RedirectPath())).QuerySelector(".alert-danger")?.TextContent);
    }

    /// <summary>Posts straight to an action the page does not offer yet (with a valid token and the current version) and returns the refusal.</summary>
    private async Task<string> PostRefusalAsync(PortalClient client, Guid id, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await client.AntiforgeryTokenAsync($"/MoveIns/Details/{id}");
        var version = (await MoveInAsync(id)).Version;
        var response = await client.PostAsync($"/MoveIns/{action}/{id}",
            fields.Append(new(PortalClient.TokenField, token)).Append(new("version", version.ToString(CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (await client.GetDocumentAsync(response.RedirectPath())).QuerySelector(".alert-danger")?.TextContent ?? "";
    }

    private static async Task AddDefectPhotoAsync(PortalClient client, Guid id, Guid defect)
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var token = await client.AntiforgeryTokenAsync($"/MoveIns/Details/{id}");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), PortalClient.TokenField);
        var image = new ByteArrayContent(png);
        image.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        content.Add(image, "photos", "窗框.png");
        var fake = new ByteArrayContent("not an image"u8.ToArray());
        fake.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        content.Add(fake, "photos", "fake.jpg");
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.PostAsync($"/MoveIns/AddPhotos/{id}?defectId={defect}", content, Ct)).StatusCode);
    }

    /// <summary>The developer's repair worked through the repair pages: dispatched, on site, done.</summary>
    private async Task FinishRepairAsync(PortalClient desk, Guid order)
    {
        var technician = await UserIdAsync("technician");
        Assert.Equal(HttpStatusCode.Redirect, (await Repairs.RepairOrderTests.PostActionAsync(desk, order, "Dispatch", new() { ["TechnicianId"] = technician })).StatusCode);
        using var tech = await PortalClient.SignedInAsync(App, "technician");
        Assert.Equal(HttpStatusCode.Redirect, (await Repairs.RepairOrderTests.PostActionAsync(tech, order, "OnSite", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Repairs.RepairOrderTests.PostActionAsync(tech, order, "Complete", new() { ["WorkDone"] = "开发商保修处理完毕" })).StatusCode);
        using var db = Db();
        Assert.Equal(RepairStatus.AwaitingCallback, await db.RepairOrders.Where(o => o.Id == order).Select(o => o.Status).SingleAsync(Ct));
    }

    /// <summary>This week's counts on the weekly page (the move-in section's first column), keyed without the section's prefix.</summary>
    private static async Task<Dictionary<string, int>> StatsAsync(PortalClient client)
    {
        var page = await client.GetDocumentAsync("/MoveIns/Stats");
        return page.QuerySelectorAll("#section-moveIns tr[data-key]")
            .ToDictionary(r => r.GetAttribute("data-key")!["moveIns.".Length..], r => int.Parse(r.QuerySelector("td")!.GetAttribute("data-value")!, CultureInfo.InvariantCulture));
    }
}

public sealed class SqliteMoveInFlowTests(SqlitePortalFactory factory) : MoveInFlowTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresMoveInFlowTests(PostgresPortalFactory factory) : MoveInFlowTests(factory), IClassFixture<PostgresPortalFactory>;
