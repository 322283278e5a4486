using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Renovations;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;
using PropertyPortal.Web.Infrastructure.Storage;

namespace PropertyPortal.IntegrationTests.Renovations;

/// <summary>
/// Renovations on the case seam, over HTTP on a real database with the scheduler off (the test runs the patrol job
/// and the sweep): the limits an admin sets, the twice-daily patrol clocks the job keeps (once per window, even run
/// on two instances at once) and a steward's patrol meets, the written violation notice and its clock, a patrol or
/// a refund that is refused leaving nothing behind, and who is told what, event by event.
/// </summary>
public abstract class RenovationSeamTests(PortalFactory factory)
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
    public async Task An_admin_sets_a_property_s_renovation_limits_bad_values_are_refused_beside_their_field_and_a_new_application_runs_on_them()
    {
        Guid office, unit;
        using (var db = Db())
        {
            office = await db.Properties.Where(p => p.Code == DemoSeeder.OfficeCode).Select(p => p.Id).SingleAsync(Ct);
            unit = await db.Occupancies.Where(o => o.PropertyId == office && o.EndDate == null).OrderBy(o => o.Id).Select(o => o.UnitId).FirstAsync(Ct);
        }

        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var page = $"/Settings/SlaRenovations/Edit/{office}";
        Assert.NotNull((await admin.GetDocumentAsync("/Settings/Sla")).QuerySelector($"a[href='{page}']"));

        var refused = await admin.SubmitFormAsync(page, "#renovation-limits-form",
            new Dictionary<string, string> { ["PartitionWorkingDays"] = "0", ["PatrolMorningBy"] = "12:00", ["PatrolAfternoonBy"] = "10:00" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = await PortalClient.ParseAsync(refused);
        Assert.Contains("1 到 30", form.QuerySelector("[data-valmsg-for='PartitionWorkingDays']")?.TextContent ?? "");
        Assert.Contains("须晚于上午", form.QuerySelector("[data-valmsg-for='PatrolAfternoonBy']")?.TextContent ?? "");
        using (var db = Db())
        {
            Assert.False(await db.SlaPolicies.AnyAsync(p => p.PropertyId == office && p.RenovationPartitionWorkingDays != 2, Ct));
        }

        var saved = await admin.SubmitFormAsync(page, "#renovation-limits-form", new Dictionary<string, string>
        {
            ["PartitionWorkingDays"] = "7", ["ReviewStepWorkingDays"] = "2", ["InspectionMinutes"] = "45", ["RefundProcessingWorkingDays"] = "4",
            ["RefundPaymentWorkingDays"] = "6", ["ViolationNoticeHours"] = "8", ["PatrolMorningBy"] = "11:30", ["PatrolAfternoonBy"] = "17:00",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using (var db = Db())
        {
            var p = await db.SlaPolicies.SingleAsync(x => x.PropertyId == office, Ct);
            Assert.Equal((7, 3, 5, 2, 45, 4, 6, 8, new TimeOnly(11, 30), (TimeOnly?)new TimeOnly(17, 0)),
                (p.RenovationPartitionWorkingDays, p.RenovationCentralSystemsWorkingDays, p.RenovationWholeFloorWorkingDays, p.RenovationReviewStepWorkingDays,
                 p.RenovationInspectionMinutes, p.RenovationRefundProcessingWorkingDays, p.RenovationRefundPaymentWorkingDays, p.RenovationViolationNoticeHours,
                 p.RenovationPatrolMorningBy, p.RenovationPatrolAfternoonBy));
        }

        // The desk of that property applies: the form says 7 days, and the clocks run on the settings.
        using var desk = await PortalClient.SignedInAsync(App, "officedesk");
        Assert.Contains("7", (await desk.GetDocumentAsync($"/Renovations/Create?unitId={unit}")).QuerySelector("label[for='scope-SimplePartition']")?.TextContent ?? "");
        var applied = await desk.SubmitFormAsync($"/Renovations/Create?unitId={unit}", "#renovation-form", new Dictionary<string, string>
        {
            ["ContractorName"] = "国贸装饰", ["Scope"] = nameof(RenovationScope.SimplePartition), ["Description"] = "隔断", ["Workers"] = "2", ["DocumentsChecked"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var id = Guid.Parse(applied.RedirectPath()["/Renovations/Details/".Length..], CultureInfo.InvariantCulture);
        var clocks = await ClocksAsync(id);
        Assert.Equal(7, clocks.Single(c => c.Milestone == SlaMilestone.RenovationApproval).TargetValue);
        Assert.Equal(2, clocks.Single(c => c.Milestone == SlaMilestone.RenovationServiceReview).TargetValue);

        using var frontdesk = await PortalClient.SignedInAsync(App, "frontdesk");
        Assert.True((await frontdesk.GetAsync(page)).IsAccessDenied());
    }

    [Fact]
    public async Task The_patrol_job_starts_one_clock_per_running_renovation_and_window_even_on_two_instances_at_once_and_a_steward_s_patrol_meets_it()
    {
        var id = await RenovationTestData.RunningAsync(App, await RenovationTestData.OccupiedUnitAsync(App, 10));
        var window = await RenovationTestData.IntoNextPatrolWindowAsync(App, await RenovationTestData.PropertyOfAsync(App, id));

        await Task.WhenAll(RenovationTestData.KeepPatrolClocksAsync(App), RenovationTestData.KeepPatrolClocksAsync(App));
        Assert.Equal(0, (await RenovationTestData.KeepPatrolClocksAsync(App)).Started);

        var clock = Assert.Single(await ClocksAsync(id), c => c.Milestone == SlaMilestone.RenovationPatrol);
        Assert.Equal((window.StartUtc, window.DueUtc, SlaClockState.Running, (string?)null), (clock.StartedAt, clock.DueAt, clock.State, clock.AssigneeId));

        // The steward sees it on the patrol list and on the home page.
        using var steward = await PortalClient.SignedInAsync(App, "steward");
        var number = (await RenovationAsync(id)).Number;
        var row = (await steward.GetDocumentAsync("/Renovations/Patrols")).QuerySelector($"#patrol-{id} .patrol-due")?.TextContent ?? "";
        Assert.Contains(ViewHelpersTime(clock.DueAt), row);
        Assert.Contains(number, (await steward.GetDocumentAsync("/")).QuerySelector("#renovation-patrols-due")?.TextContent ?? "");

        Assert.Equal(HttpStatusCode.Redirect, (await steward.SubmitFormAsync($"/Renovations/Details/{id}", "#patrol-form",
            new Dictionary<string, string> { ["finding"] = "施工正常" })).StatusCode);

        clock = (await ClocksAsync(id)).Single(c => c.Id == clock.Id);
        Assert.Equal(SlaClockState.Met, clock.State);
        Assert.False(clock.IsBreachedAt(App.Clock.UtcNow));
        Assert.Equal(0, (await RenovationTestData.KeepPatrolClocksAsync(App)).Started);
        Assert.DoesNotContain(number, (await steward.GetDocumentAsync("/")).QuerySelector("#renovation-patrols-due")?.TextContent ?? "");
    }

    [Fact]
    public async Task A_window_s_clock_runs_to_the_configured_patrol_time_no_breach_at_it_a_breach_one_second_later()
    {
        var residential = await ResidentialAsync();
        using (var admin = await PortalClient.SignedInAsync(App, "admin"))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/Settings/SlaRenovations/Edit/{residential}", "#renovation-limits-form",
                new Dictionary<string, string> { ["PatrolMorningBy"] = "11:15", ["PatrolAfternoonBy"] = "16:45" })).StatusCode);
        }

        var id = await RenovationTestData.RunningAsync(App, await RenovationTestData.OccupiedUnitAsync(App, 11));
        var window = await RenovationTestData.IntoNextPatrolWindowAsync(App, residential);
        Assert.Equal(window.Half == RenovationPatrolHalf.Morning ? "11:15" : "16:45", PortalClock.ToLocal(window.DueUtc).ToString("HH:mm", CultureInfo.InvariantCulture));
        await RenovationTestData.KeepPatrolClocksAsync(App);
        var clock = (await ClocksAsync(id)).Single(c => c.Milestone == SlaMilestone.RenovationPatrol);
        Assert.Equal(window.DueUtc, clock.DueAt);

        await SlaTestData.SweepAtAsync(App.Services, window.DueUtc);
        Assert.False(await BreachedAsync(clock.Id));

        await SlaTestData.SweepAtAsync(App.Services, window.DueUtc.AddSeconds(1));
        Assert.True(await BreachedAsync(clock.Id));
    }

    [Fact]
    public async Task A_violation_found_on_patrol_gets_a_written_notice_clock_met_when_the_notice_is_issued_and_printed_once()
    {
        var id = await RenovationTestData.RunningAsync(App, await RenovationTestData.OccupiedUnitAsync(App, 12));
        using var steward = await PortalClient.SignedInAsync(App, "steward");
        Assert.Equal(HttpStatusCode.Redirect, (await steward.SubmitFormAsync($"/Renovations/Details/{id}", "#patrol-form",
            new Dictionary<string, string> { ["finding"] = "楼道堆放建材", ["violation"] = "占用消防通道" })).StatusCode);

        var patrol = Assert.Single((await RenovationAsync(id)).Patrols);
        var notice = (await ClocksAsync(id)).Single(c => c.Milestone == SlaMilestone.RenovationViolationNotice);
        Assert.Equal((SlaClockState.Running, await SlaTestData.UserIdAsync(App, "steward"), patrol.At.AddHours(24), patrol.NoticeClockId),
            (notice.State, notice.AssigneeId, notice.DueAt, (Guid?)notice.Id));

        var issued = await steward.SubmitFormAsync($"/Renovations/Details/{id}", "#patrol-records .notice-form", new Dictionary<string, string>());
        Assert.Equal($"/Renovations/Notice/{id}?patrolId={patrol.Id}", issued.RedirectPath());
        var print = await steward.GetDocumentAsync(issued.RedirectPath());
        Assert.Contains("业主装修违规整改通知书", print.QuerySelector("#notice")?.TextContent ?? "");
        Assert.Contains("占用消防通道", print.QuerySelector("#notice")?.TextContent ?? "");

        var renovation = await RenovationAsync(id);
        Assert.NotNull(renovation.Patrols.Single().NoticeIssuedAt);
        Assert.Equal(RenovationEventKind.ViolationNoticeIssued, renovation.Events.OrderBy(e => e.Id).Last().Kind);
        Assert.Equal(SlaClockState.Met, (await ClocksAsync(id)).Single(c => c.Id == notice.Id).State);

        // Issued once: posting it again (from a fresh page) is refused with the reason.
        var token = await steward.AntiforgeryTokenAsync($"/Renovations/Details/{id}");
        var again = await steward.PostAsync($"/Renovations/IssueNotice/{id}", [new(PortalClient.TokenField, token),
            new("version", renovation.Version.ToString(CultureInfo.InvariantCulture)), new("patrolId", patrol.Id.ToString())]);
        Assert.Contains("已经出具过", (await steward.GetDocumentAsync(again.RedirectPath())).QuerySelector(".alert-danger")?.TextContent ?? "");

        // Another property's desk finds neither the notice nor the step.
        using var tower = await PortalClient.SignedInAsync(App, "officedesk");
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/Renovations/Notice/{id}?patrolId={patrol.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_patrol_that_is_refused_keeps_neither_the_patrol_nor_its_photos()
    {
        var id = await RenovationTestData.RunningAsync(App, await RenovationTestData.OccupiedUnitAsync(App, 13));
        var property = await RenovationTestData.PropertyOfAsync(App, id);
        using var steward = await PortalClient.SignedInAsync(App, "steward");
        var version = (await RenovationAsync(id)).Version;

        // A stale page (someone saved since), then a violation without a deadline: each refused with its reason.
        var stale = Png();
        var conflict = await PatrolWithPhotoAsync(steward, id, version - 1, stale, violation: null);
        Assert.Contains("已被其他人修改", (await steward.GetDocumentAsync(conflict.RedirectPath())).QuerySelector(".alert-danger")?.TextContent ?? "");
        var undated = Png();
        var noDeadline = await PatrolWithPhotoAsync(steward, id, version, undated, violation: "夜间施工", rectifyBy: "");
        Assert.Contains("整改期限", (await steward.GetDocumentAsync(noDeadline.RedirectPath())).QuerySelector(".alert-danger")?.TextContent ?? "");

        using (var db = Db())
        {
            Assert.Empty(await db.RenovationPatrols.Where(p => p.RenovationId == id).ToListAsync(Ct));
            Assert.False(await db.Attachments.AnyAsync(a => a.OwnerType == "RenovationPatrol" && a.PropertyId == property && a.UploadedAt >= App.Clock.UtcNow.AddMinutes(-5), Ct));
        }

        Assert.False(StoredFileWith(property, stale), "the refused patrol's photo was left in the store");
        Assert.False(StoredFileWith(property, undated), "the refused patrol's photo was left in the store");

        // The same post on the current page is saved with its photo: what the refusals would have kept.
        var kept = Png();
        await PatrolWithPhotoAsync(steward, id, version, kept, violation: null);
        using (var db = Db())
        {
            var patrol = await db.RenovationPatrols.SingleAsync(p => p.RenovationId == id, Ct);
            Assert.Equal(1, await db.Attachments.CountAsync(a => a.OwnerType == "RenovationPatrol" && a.OwnerId == patrol.Id, Ct));
        }

        Assert.True(StoredFileWith(property, kept));
    }

    [Fact]
    public async Task A_refund_posted_from_a_stale_page_pays_nothing_back_and_closes_nothing_and_the_current_one_does_both()
    {
        var (id, depositId) = await AcceptedWithDepositPaidAsync(await RenovationTestData.OccupiedUnitAsync(App, 14));
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var version = (await RenovationAsync(id)).Version;

        var stale = await supervisor.SubmitFormAsync($"/Renovations/Details/{id}", "#refund-form",
            new Dictionary<string, string> { ["version"] = (version - 1).ToString(CultureInfo.InvariantCulture), ["Deductions"] = "100", ["DeductionNote"] = "墙面损坏" });
        Assert.Contains("已被其他人修改", (await supervisor.GetDocumentAsync(stale.RedirectPath())).QuerySelector(".alert-danger")?.TextContent ?? "");
        using (var db = Db())
        {
            var deposit = await db.Charges.AsNoTracking().SingleAsync(c => c.Id == depositId, Ct);
            Assert.Equal((2000m, 0m, (DateTime?)null), (deposit.Held, deposit.Released, deposit.ClosedAt));
            Assert.False(await db.Payments.AnyAsync(p => p.Kind == PaymentKind.Refund && p.UnitId == deposit.UnitId, Ct));
            Assert.Equal(RenovationStatus.Accepted, (await RenovationAsync(id)).Status);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitFormAsync($"/Renovations/Details/{id}", "#refund-form",
            new Dictionary<string, string> { ["Deductions"] = "100", ["DeductionNote"] = "墙面损坏" })).StatusCode);
        using (var db = Db())
        {
            var deposit = await db.Charges.AsNoTracking().SingleAsync(c => c.Id == depositId, Ct);
            Assert.Equal((1900m, 100m), (deposit.Released, deposit.Paid));
            Assert.Equal(1900m, (await db.Payments.SingleAsync(p => p.Kind == PaymentKind.Refund && p.UnitId == deposit.UnitId, Ct)).Amount);
            Assert.Equal(RenovationStatus.Closed, (await RenovationAsync(id)).Status);
        }
    }

    [Fact]
    public async Task A_renovation_tells_the_managers_of_engineering_s_review_and_the_supervisors_of_a_return_and_an_approval_and_nobody_of_anything_else()
    {
        var residential = await ResidentialAsync();
        var unit = await RenovationTestData.OccupiedUnitAsync(App, 15);
        var desk = new Actor(await SlaTestData.UserIdAsync(App, "frontdesk"), "张前台");
        Guid id;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var today = PortalClock.Today(App.Clock);
            var opened = await scope.ServiceProvider.GetRequiredService<CaseSteps<Renovation>>().OpenAsync(residential, desk,
                () => Task.FromResult("ZX-N-" + Guid.NewGuid().ToString("N")[..10]),
                (number, s) => Task.FromResult(Renovation.Submit(number, new RenovationApplication(residential, unit, null, "张先生", null, false, true, "锦华装饰", null, null,
                    RenovationScope.SimplePartition, false, "卧室隔断", today, today.AddDays(30), 2, "08:00–18:00", s.Now), s.By, s.Now, s.Clocks)), Ct);
            id = opened.CaseId!.Value;
        }

        await StepAsync(id, (s, r) => s.ServiceReviewAsync(r, null, Ct));
        await StepAsync(id, (s, r) => s.ReturnAsync(r, "图纸不全", Ct));
        await StepAsync(id, (s, r) => s.ResubmitAsync(r, "已补图纸", Ct));
        await StepAsync(id, (s, r) => s.ServiceReviewAsync(r, null, Ct));
        await StepAsync(id, (s, r) => s.EngineeringReviewAsync(r, "不涉及管线", Ct));
        await StepAsync(id, (s, r) => s.ApproveAsync(r, new ApproveForm { Deposit = 2000m }, Ct));
        await StepAsync(id, (s, r) => s.SignAgreementAsync(r, Ct));

        // Timeline: 0 Submitted, 1 ServiceReviewed, 2 Returned, 3 Resubmitted, 4 ServiceReviewed, 5 EngineeringReviewed, 6 Approved, 7 AgreementSigned.
        var (supervisors, managers) = await PeopleAsync(residential);
        var link = $"/Renovations/Details/{id}";
        Assert.Equal(
            supervisors.Select(u => ("2", NotificationKinds.RenovationReturned, u))
                .Concat(managers.Select(u => ("5", NotificationKinds.RenovationAwaitsManager, u)))
                .Concat(supervisors.Select(u => ("6", NotificationKinds.RenovationApproved, u)))
                .Order().ToList(),
            (await OutboxOfAsync(id)).Select(m => (m.DedupKey.Split(':')[2], m.Kind, m.RecipientUserId!)).Order().ToList());
        Assert.All(await OutboxOfAsync(id), m => Assert.Equal(link, m.Link));

        // The works' events — passes, patrols, a violation and its notice, rectification, inspection — tell no one through the mapping.
        var running = await RenovationTestData.RunningAsync(App, await RenovationTestData.OccupiedUnitAsync(App, 16));
        await StepAsync(running, (s, r) => s.IssuePassAsync(r, "赵一", null, Ct));
        await StepAsync(running, (s, r) => s.PatrolAsync(r, new PatrolForm { Finding = "施工正常" }, Ct));
        await StepAsync(running, (s, r) => s.PatrolAsync(r, new PatrolForm { Finding = "楼道堆物", Violation = "占用通道", RectifyBy = PortalClock.ToLocal(App.Clock.UtcNow).AddDays(1) }, Ct));
        var violation = (await RenovationAsync(running)).Patrols.Single(p => p.Violation is not null).Id;
        await StepAsync(running, (s, r) => s.IssueNoticeAsync(r, violation, Ct));
        await StepAsync(running, (s, r) => s.RectifiedAsync(r, "已清理", Ct));
        await StepAsync(running, (s, r) => s.BookInspectionAsync(r, PortalClock.ToLocal(App.Clock.UtcNow).AddDays(1), Ct));
        await StepAsync(running, (s, r) => s.ArrivedAsync(r, Ct));
        await StepAsync(running, (s, r) => s.InspectAsync(r, false, "墙面开裂", PortalClock.ToLocal(App.Clock.UtcNow).AddDays(2), Ct));
        Assert.Empty(await OutboxOfAsync(running));
    }

    private static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, .. Guid.NewGuid().ToByteArray()];

    private async Task<HttpResponseMessage> PatrolWithPhotoAsync(PortalClient client, Guid id, int version, byte[] photo, string? violation, string? rectifyBy = null)
    {
        var token = await client.AntiforgeryTokenAsync($"/Renovations/Details/{id}");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), PortalClient.TokenField },
            { new StringContent(version.ToString(CultureInfo.InvariantCulture)), "version" },
            { new StringContent("施工正常"), "finding" },
        };
        if (violation is not null)
        {
            content.Add(new StringContent(violation), "violation");
            content.Add(new StringContent(rectifyBy ?? ""), "rectifyBy");
        }

        var image = new ByteArrayContent(photo);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(image, "photos", "site.png");
        var response = await client.Http.PostAsync($"/Renovations/Patrol/{id}", content, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    /// <summary>Whether the photo store holds a file of the property with exactly these bytes.</summary>
    private bool StoredFileWith(Guid propertyId, byte[] bytes)
    {
        var folder = Path.GetDirectoryName(App.Services.GetRequiredService<FileStore>().PathOf($"{propertyId:N}/probe.png"))!;
        return Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any(f => new FileInfo(f).Length == bytes.Length && File.ReadAllBytes(f).SequenceEqual(bytes));
    }

    /// <summary>A renovation accepted after its inspection, its 2,000 deposit charged on approval and paid at the counter, the refund processed.</summary>
    private async Task<(Guid Id, Guid DepositId)> AcceptedWithDepositPaidAsync(Guid unit)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var property = await db.Units.Where(u => u.Id == unit).Select(u => u.PropertyId).SingleAsync(Ct);
        var clocks = await scope.ServiceProvider.GetRequiredService<CaseClocks>().ForNewCaseAsync(property, Ct);
        var now = App.Clock.UtcNow;
        var today = PortalClock.Today(App.Clock);
        var by = new Actor(null, "测试");
        var r = Renovation.Submit("ZX-R-" + Guid.NewGuid().ToString("N")[..10], new RenovationApplication(property, unit, null, "张先生", null, false, true, "锦华装饰",
            null, null, RenovationScope.SimplePartition, false, "卧室隔断", today, today.AddDays(30), 2, "08:00–18:00", now), by, now, clocks);
        r.ServiceReview(null, by, now, clocks);
        r.EngineeringReview(null, by, now, clocks);
        r.Approve(null, by, now, clocks);
        var deposit = new Charge(property, unit, null, null, FeeKind.Deposit, null, $"装修保证金 {r.Number}", 1, 2000m, 2000m, today, $"ZX:{r.Id:N}:deposit", by, now);
        db.Charges.Add(deposit);
        r.Charged(deposit.Id, null);
        r.SignAgreement(by, now);
        r.IssuePermit("XK-" + r.Number, depositPaid: true, by, now);
        r.BookInspection(now.AddMinutes(30), by, now, clocks);
        r.Inspect(true, "合格", null, by, now, clocks);
        r.RefundProcessed(by, now, clocks);
        db.Renovations.Add(r);
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();
        await scope.ServiceProvider.GetRequiredService<Web.Features.Fees.Ledger>().TakeAsync(unit,
            new Web.Features.Fees.PaymentInput(2000m, PaymentKind.Counter, PaymentMethod.Cash, "张先生", null, null), by, Ct);
        return (r.Id, deposit.Id);
    }

    private async Task StepAsync(Guid id, Func<RenovationSteps, StepRequest, Task<StepResult>> step)
    {
        var version = (await RenovationAsync(id)).Version;
        var request = new StepRequest(id, version, new Actor(await SlaTestData.UserIdAsync(App, "supervisor"), "李主管"));
        await using var scope = App.Services.CreateAsyncScope();
        var result = await step(scope.ServiceProvider.GetRequiredService<RenovationSteps>(), request);
        Assert.True(result.Done, result.Message);
    }

    private async Task<(IReadOnlyList<string> Supervisors, IReadOnlyList<string> Managers)> PeopleAsync(Guid property)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        return ([.. (await notifier.SupervisorsOfAsync(property, Ct)).Distinct()], [.. (await notifier.ManagersOfAsync(property, Ct)).Distinct()]);
    }

    private async Task<List<OutboxMessage>> OutboxOfAsync(Guid caseId)
    {
        using var db = Db();
        var key = $"renovation:{caseId:N}:";
        return await db.OutboxMessages.AsNoTracking().Where(m => m.DedupKey.StartsWith(key)).ToListAsync(Ct);
    }

    private async Task<bool> BreachedAsync(Guid clockId)
    {
        using var db = Db();
        return await db.SlaEvents.AnyAsync(e => e.ClockId == clockId && e.Kind == SlaEventKind.Breach, Ct);
    }

    private static string ViewHelpersTime(DateTime utc) => PortalClock.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private async Task<Guid> ResidentialAsync()
    {
        using var db = Db();
        return await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
    }

    private async Task<Renovation> RenovationAsync(Guid id)
    {
        using var db = Db();
        return await db.Renovations.Include(r => r.Events).Include(r => r.Patrols).AsNoTracking().SingleAsync(r => r.Id == id, Ct);
    }

    private async Task<List<SlaClock>> ClocksAsync(Guid id)
    {
        using var db = Db();
        return await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == id).ToListAsync(Ct);
    }

    private PortalDbContext Db() => App.CreateDbContext(SystemPropertyScope.Instance);
}

public sealed class SqliteRenovationSeamTests(SqliteQuietPortalFactory factory) : RenovationSeamTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresRenovationSeamTests(PostgresQuietPortalFactory factory) : RenovationSeamTests(factory), IClassFixture<PostgresQuietPortalFactory>;
