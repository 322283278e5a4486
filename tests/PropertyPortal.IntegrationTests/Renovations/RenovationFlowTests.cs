using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Renovations;

/// <summary>
/// A renovation over HTTP as the desk, engineering, the Manager, the steward and the supervisor work it,
/// with the deposit going through the fee ledger; and the refusals: approval without the Manager role, a
/// permit before the deposit is paid, a structural change without the authority's document, a refund
/// before acceptance.
/// </summary>
public abstract class RenovationFlowTests(PortalFactory factory)
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
    public async Task A_renovation_goes_from_application_through_the_managers_approval_works_and_inspection_to_its_deposit_refunded()
    {
        var unit = await OccupiedUnitAsync(0);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await ApplyAsync(desk, unit, RenovationScope.CentralSystems, structural: false);

        var renovation = await RenovationAsync(id);
        Assert.Matches(@"^ZX\d{8}-\d{4}$", renovation.Number);
        var approval = (await ClocksAsync(id)).Single(c => c.Milestone == SlaMilestone.RenovationApproval);
        Assert.Equal((SlaTargetKind.WorkingDays, 3), (approval.TargetKind, approval.TargetValue));

        await StepAsync(desk, id, "review-form", []);
        using var technician = await PortalClient.SignedInAsync(App, "technician");
        await StepAsync(technician, id, "engineering-form", new() { ["note"] = "不影响消防喷淋" });
        Assert.Equal(RenovationStatus.EngineeringReviewed, (await RenovationAsync(id)).Status);

        // The desk and the supervisor cannot approve, even by posting the form.
        foreach (var who in new[] { desk, await PortalClient.SignedInAsync(App, "supervisor") })
        {
            var token = await who.AntiforgeryTokenAsync($"/Renovations/Details/{id}");
            var refused = await who.PostAsync($"/Renovations/Approve/{id}", [new(PortalClient.TokenField, token), new("Deposit", "2000"), new("DebrisFee", "0"),
                new("Version", (await RenovationAsync(id)).Version.ToString(CultureInfo.InvariantCulture))]);
            Assert.True(refused.IsAccessDenied(), $"Approve answered {(int)refused.StatusCode}");
        }

        Assert.Equal(RenovationStatus.EngineeringReviewed, (await RenovationAsync(id)).Status);
        using var manager = await PortalClient.SignedInAsync(App, "manager");
        await StepAsync(manager, id, "approve-form", new() { ["Deposit"] = "2000", ["DebrisFee"] = "300" });
        renovation = await RenovationAsync(id);
        Assert.Equal((RenovationStatus.Approved, "王经理"), (renovation.Status, renovation.DecidedBy));
        Assert.Equal(SlaClockState.Met, (await ClocksAsync(id)).Single(c => c.Milestone == SlaMilestone.RenovationApproval).State);

        // The deposit and debris fee are on the unit's fee account; no permit before the deposit is paid.
        await StepAsync(desk, id, "actions form[action*='/Agreement/']", []);
        var early = await PostFormAsync(desk, id, "permit-form", []);
        Assert.Contains("缴清保证金", (await desk.GetDocumentAsync(early.RedirectPath())).QuerySelector(".alert-danger")?.TextContent ?? "");
        Assert.Equal(RenovationStatus.Approved, (await RenovationAsync(id)).Status);
        var owed = await OwedAsync(unit);
        Assert.Equal(2300m, owed);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#pay-form",
            new Dictionary<string, string> { ["PayerName"] = "业主", ["Amount"] = owed.ToString(CultureInfo.InvariantCulture) })).StatusCode);

        await StepAsync(desk, id, "permit-form", []);
        Assert.Equal((RenovationStatus.InProgress, UnitStatus.UnderRenovation), ((await RenovationAsync(id)).Status, await UnitStatusAsync(unit)));
        Assert.Contains("XK-" + renovation.Number, (await desk.GetDocumentAsync($"/Renovations/Permit/{id}")).QuerySelector("#permit")?.TextContent ?? "");
        await StepAsync(desk, id, "actions form[action*='/IssuePass/']", new() { ["workerName"] = "赵一" });

        // The steward's patrol finds a violation: a rectification notice with its deadline; then it is put right.
        using var steward = await PortalClient.SignedInAsync(App, "steward");
        Assert.Contains($"/Renovations/Details/{id}", await (await steward.GetAsync("/Renovations/Patrols")).Content.ReadAsStringAsync(Ct));
        await StepAsync(steward, id, "patrol-form", new() { ["finding"] = "楼道堆放建材", ["violation"] = "占用消防通道" });
        Assert.Equal(RenovationStatus.Rectifying, (await RenovationAsync(id)).Status);
        Assert.Contains(await ClocksAsync(id), c => c.Milestone == SlaMilestone.Rectification && c.State == SlaClockState.Running);
        await StepAsync(steward, id, "actions form[action*='/Rectified/']", new() { ["note"] = "已清理" });

        // A refund before acceptance is refused; the inspection at the booked time passes.
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var token2 = await supervisor.AntiforgeryTokenAsync($"/Renovations/Details/{id}");
        var tooEarly = await supervisor.PostAsync($"/Renovations/ProcessRefund/{id}", [new(PortalClient.TokenField, token2), new("version", (await RenovationAsync(id)).Version.ToString(CultureInfo.InvariantCulture))]);
        Assert.Contains("验收合格前不能退还保证金", (await supervisor.GetDocumentAsync(tooEarly.RedirectPath())).QuerySelector(".alert-danger")?.TextContent ?? "");

        await StepAsync(desk, id, "book-form", []);
        await StepAsync(technician, id, "actions form[action*='/Arrived/']", []);
        var inspect = await PostFormAsync(technician, id, "inspect-form", new() { ["note"] = "合格", ["passed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, inspect.StatusCode);
        Assert.Equal((RenovationStatus.Accepted, UnitStatus.Occupied), ((await RenovationAsync(id)).Status, await UnitStatusAsync(unit)));

        await StepAsync(supervisor, id, "actions form[action*='/ProcessRefund/']", []);
        var withPassOut = await PostFormAsync(supervisor, id, "refund-form", new() { ["Deductions"] = "0" });
        Assert.Contains("出入证", (await supervisor.GetDocumentAsync(withPassOut.RedirectPath())).QuerySelector(".alert-danger")?.TextContent ?? "");
        await StepAsync(desk, id, "passes form[action*='/ReturnPass/']", []);
        await StepAsync(supervisor, id, "refund-form", new() { ["Deductions"] = "150", ["DeductionNote"] = "电梯轿厢划伤 150", ["Reference"] = "TK-9" });

        renovation = await RenovationAsync(id);
        Assert.Equal(RenovationStatus.Closed, renovation.Status);
        Assert.All(await ClocksAsync(id), c => Assert.NotEqual(SlaClockState.Running, c.State));
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var deposit = await db.Charges.SingleAsync(c => c.Id == renovation.DepositChargeId, Ct);
        Assert.Equal((150m, 1850m, 0m), (deposit.Paid, deposit.Released, deposit.Held));
        Assert.Equal(1850m, (await db.Payments.SingleAsync(p => p.UnitId == unit && p.Kind == PaymentKind.Refund, Ct)).Amount);
        Assert.Contains(RenovationEventKind.InspectionPassed, renovation.Events.Select(e => e.Kind));

        // The household's record shows it.
        Assert.Contains(renovation.Number, (await desk.GetDocumentAsync($"/Units/Details/{unit}")).QuerySelector("#household-renovations")?.TextContent ?? "");
    }

    [Fact]
    public async Task A_structural_change_cannot_pass_engineering_without_the_authoritys_document_and_an_incomplete_file_is_not_accepted()
    {
        var unit = await OccupiedUnitAsync(1);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var incomplete = await desk.SubmitFormAsync($"/Renovations/Create?unitId={unit}", "#renovation-form", Fields(RenovationScope.WholeFloor, structural: true, documents: false));
        Assert.Equal(HttpStatusCode.OK, incomplete.StatusCode);
        Assert.Contains("资料齐全方可受理", await incomplete.Content.ReadAsStringAsync(Ct));

        var id = await ApplyAsync(desk, unit, RenovationScope.WholeFloor, structural: true);
        Assert.Equal(5, (await ClocksAsync(id)).Single(c => c.Milestone == SlaMilestone.RenovationApproval).TargetValue);
        await StepAsync(desk, id, "review-form", []);
        using var technician = await PortalClient.SignedInAsync(App, "technician");
        var refused = await PostFormAsync(technician, id, "engineering-form", []);
        Assert.Contains("政府主管部门的批准文件", (await technician.GetDocumentAsync(refused.RedirectPath())).QuerySelector(".alert-danger")?.TextContent ?? "");
        Assert.Equal(RenovationStatus.ServiceReviewed, (await RenovationAsync(id)).Status);

        using var tower = await PortalClient.SignedInAsync(App, "officedesk");
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/Renovations/Details/{id}")).StatusCode);
        Assert.DoesNotContain((await RenovationAsync(id)).Number, await (await tower.GetAsync("/Renovations")).Content.ReadAsStringAsync(Ct));
    }

    private static Dictionary<string, string> Fields(RenovationScope scope, bool structural, bool documents = true)
    {
        var fields = new Dictionary<string, string>
        {
            ["ContractorName"] = "锦华装饰", ["ContractorLicence"] = "JZ-2026-118", ["Scope"] = scope.ToString(), ["Description"] = "客厅隔断、厨房改造",
            ["Workers"] = "3",
        };
        if (structural)
        {
            fields["Structural"] = "true";
        }

        if (documents)
        {
            fields["DocumentsChecked"] = "true";
        }

        return fields;
    }

    private async Task<Guid> ApplyAsync(PortalClient desk, Guid unit, RenovationScope scope, bool structural)
    {
        var response = await desk.SubmitFormAsync($"/Renovations/Create?unitId={unit}", "#renovation-form", Fields(scope, structural));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            (await PortalClient.ParseAsync(response)).QuerySelector(".alert-danger, .text-danger:not(:empty)")?.TextContent ?? response.StatusCode.ToString());
        return Guid.Parse(response.RedirectPath()["/Renovations/Details/".Length..]);
    }

    /// <summary>Posts a form of the renovation page (by id or selector) with its own hidden fields and the given ones.</summary>
    private static Task<HttpResponseMessage> PostFormAsync(PortalClient client, Guid id, string form, Dictionary<string, string> fields) =>
        client.SubmitFormAsync($"/Renovations/Details/{id}", "#" + form, fields);

    private static async Task StepAsync(PortalClient client, Guid id, string form, Dictionary<string, string> fields)
    {
        var response = await PostFormAsync(client, id, form, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetDocumentAsync(response.RedirectPath());
        Assert.True(page.QuerySelector(".alert-danger") is null, $"{form}: {page.QuerySelector(".alert-danger")?.TextContent}");
    }

    private async Task<Guid> OccupiedUnitAsync(int skip)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        return await db.Occupancies.Where(o => o.PropertyId == property.Id && o.EndDate == null).OrderBy(o => o.Id).Select(o => o.UnitId).Distinct().Skip(skip).FirstAsync(Ct);
    }

    private async Task<Renovation> RenovationAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Renovations.Include(r => r.Events).Include(r => r.Passes).AsNoTracking().SingleAsync(r => r.Id == id, Ct);
    }

    private async Task<List<SlaClock>> ClocksAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == id).ToListAsync(Ct);
    }

    private async Task<decimal> OwedAsync(Guid unit)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return (await db.Charges.AsNoTracking().Where(c => c.UnitId == unit && c.ReversedAt == null).ToListAsync(Ct)).Sum(c => c.Outstanding);
    }

    private async Task<UnitStatus> UnitStatusAsync(Guid unit)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Units.Where(u => u.Id == unit).Select(u => u.Status).SingleAsync(Ct);
    }
}

public sealed class SqliteRenovationFlowTests(SqlitePortalFactory factory) : RenovationFlowTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresRenovationFlowTests(PostgresPortalFactory factory) : RenovationFlowTests(factory), IClassFixture<PostgresPortalFactory>;
