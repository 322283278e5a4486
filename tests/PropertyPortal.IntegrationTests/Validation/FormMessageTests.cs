using System.Net;
using AngleSharp.Html.Dom;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Validation;

/// <summary>
/// Some forms came back with no message at all (the calendar's add-a-day form under its AddDay prefix; move-out
/// with −1 keys, a form without a message place). Every form that has a validator is posted here as a person
/// would — its own page, its antiforgery token, its hidden fields — with one field wrong, and the answer must say
/// so beside that field (the field marked invalid, its message next to it). Forms on a case's page that send you
/// back to the case say it at the top of the page instead (Flash). A validator with no form here fails the test,
/// so the list stays complete.
/// </summary>
public sealed class FormMessageTests(FormMessageTests.DemoMorning app) : IClassFixture<FormMessageTests.DemoMorning>
{
    private static readonly string Long = new('长', 2100);

    /// <summary>One form posted wrong: who, which page and form, what is typed, and where the message must appear.</summary>
    public sealed record FormCase(string User, Func<Ids, string> Page, string Form, Func<Ids, Dictionary<string, string>> Fields, string Field, bool Flash = false);

    public static readonly IReadOnlyDictionary<string, FormCase> Cases = new Dictionary<string, FormCase>
    {
        ["LoginForm"] = new("", _ => "/Account/Login", "form[action*='Login']", _ => new() { ["UserName"] = "", ["Password"] = "x" }, "UserName"),
        ["ChangePasswordForm"] = new("frontdesk", _ => "/Account/ChangePassword", "main form[method='post']", _ => new() { ["CurrentPassword"] = "", ["NewPassword"] = "", ["ConfirmPassword"] = "" }, "NewPassword"),
        ["PropertyForm"] = new("admin", _ => "/Properties/Create", "main form[method='post']", _ => new() { ["Code"] = "翠湖!", ["Name"] = "新项目" }, "Code"),
        ["BuildingForm"] = new("admin", i => $"/Buildings/Create?propertyId={i.Property}", "main form[method='post']", _ => new() { ["Code"] = "", ["Name"] = "7号楼" }, "Code"),
        ["UnitForm"] = new("admin", i => $"/Units/Create?buildingId={i.Building}", "main form[method='post']", _ => new() { ["Number"] = "7-1-101", ["Floor"] = "1", ["Area"] = "-5" }, "Area"),
        ["UnitStatusForm"] = new("admin", i => $"/Units/Details/{i.Unit}", "form[action*='/Units/SetStatus/']", _ => new() { ["Status"] = "99" }, "Status"),
        ["CustomerForm"] = new("frontdesk", i => $"/Customers/Create?propertyId={i.Property}", "main form[method='post']", _ => new() { ["Name"] = "新住户", ["Phone"] = "123" }, "Phone"),
        ["MemberForm"] = new("frontdesk", i => $"/Members/Create?customerId={i.Customer}", "main form[method='post']", _ => new() { ["Name"] = "" }, "Name"),
        ["KeyForm"] = new("frontdesk", i => $"/Keys/Create?customerId={i.Customer}", "main form[method='post']", _ => new() { ["Label"] = "大门钥匙", ["Count"] = "1", ["ReceivedOn"] = "0001-01-01" }, "ReceivedOn"),
        ["LendKeyForm"] = new("admin", i => $"/Keys/Lend/{i.Key}?customerId={i.KeyHolder}", "main form[method='post']", _ => new() { ["LentTo"] = "" }, "LentTo"),
        ["OccupancyForm"] = new("frontdesk", i => $"/Occupancies/Create?customerId={i.Customer}", "main form[method='post']", _ => new() { ["UnitNumber"] = "1-1-101", ["StartDate"] = "0001-01-01" }, "StartDate"),
        ["EndOccupancyForm"] = new("frontdesk", i => $"/Occupancies/End/{i.Occupancy}", "main form[method='post']", _ => new() { ["EndDate"] = "9999-12-31" }, "EndDate"),
        ["ContactForm"] = new("frontdesk", _ => "/Contacts/Create", "#contact-form", _ => new() { ["Name"] = "访客", ["Subject"] = "" }, "Subject"),
        ["ResolveForm"] = new("frontdesk", i => $"/Contacts/Details/{i.Contact}", "form[action*='/Contacts/Resolve/']", _ => new() { ["Outcome"] = "Other", ["OutcomeNote"] = "" }, "OutcomeNote"),
        ["RepairForm"] = new("frontdesk", i => $"/Repairs/Create?unitId={i.Unit}", "main form[method='post']",
            i => new() { ["Location"] = "", ["Description"] = "跳闸", ["CategoryId"] = i.Category.ToString(), ["Urgency"] = "Urgent", ["Billing"] = "Warranty" }, "Location"),
        ["DispatchForm"] = new("frontdesk", i => $"/Repairs/Details/{i.AcceptedOrder}", "form[action*='/Repairs/Dispatch/']", _ => new() { ["TechnicianId"] = "" }, "TechnicianId", Flash: true),
        ["CompleteForm"] = new("technician", i => $"/Repairs/Details/{i.OnSiteOrder}", "form[action*='/Repairs/Complete/']", _ => new() { ["WorkDone"] = "" }, "WorkDone", Flash: true),
        ["PauseForm"] = new("frontdesk", i => $"/Repairs/Details/{i.AcceptedOrder}", "form[action*='/Repairs/Pause/']", _ => new() { ["Reason"] = "", ["ApprovedBy"] = "李主管" }, "Reason", Flash: true),
        ["NoteForm"] = new("frontdesk", i => $"/Repairs/Details/{i.AcceptedOrder}", "form[action*='/Repairs/Chase/']", _ => new() { ["Note"] = Long }, "Note", Flash: true),
        ["AppointmentForm"] = new("frontdesk", i => $"/Repairs/Details/{i.AcceptedOrder}", "form[action*='/Repairs/Appointment/']", _ => new() { ["AppointmentAt"] = "9999-12-31T10:00" }, "AppointmentAt", Flash: true),
        ["ComplaintForm"] = new("frontdesk", i => $"/Complaints/Create?unitId={i.Unit}", "main form[method='post']",
            i => new() { ["CategoryId"] = i.ComplaintCategory.ToString(), ["Tier"] = "Minor", ["Channel"] = "Phone", ["Content"] = "" }, "Content"),
        ["ReplyForm"] = new("frontdesk", i => $"/Complaints/Details/{i.Complaint}", "form[action*='/Complaints/Reply/']", _ => new() { ["Text"] = Long }, "Text", Flash: true),
        ["TextForm"] = new("frontdesk", i => $"/Complaints/Details/{i.Complaint}", "form[action*='/Complaints/Note/']", _ => new() { ["Text"] = Long }, "Text", Flash: true),
        ["TierForm"] = new("supervisor", i => $"/Complaints/Details/{i.Complaint}", "form[action*='/Complaints/Tier/']", _ => new() { ["Tier"] = "Major", ["Reason"] = "" }, "Reason", Flash: true),
        ["Complaints.AssignForm"] = new("frontdesk", i => $"/Complaints/Details/{i.Complaint}", "form[action*='/Complaints/Assign/']", _ => new() { ["Department"] = "", ["Responsibility"] = "Company" }, "Department", Flash: true),
        ["TransferForm"] = new("supervisor", i => $"/Complaints/Details/{i.Complaint}", "form[action*='/Complaints/Transfer/']", _ => new() { ["OwnerId"] = "", ["Reason"] = "" }, "Reason", Flash: true),
        ["CallbackResultForm"] = new("frontdesk", i => $"/Callbacks/Details/{i.Callback}", "form[action*='/Callbacks/Record/']", _ => new() { ["Outcome"] = "Reached", ["Score"] = "11" }, "Score", Flash: true),
        ["Callbacks.AssignForm"] = new("supervisor", i => $"/Callbacks/Details/{i.Callback}", "form[action*='/Callbacks/Assign/']", _ => new() { ["AssigneeId"] = "" }, "AssigneeId", Flash: true),
        ["PaymentForm"] = new("frontdesk", i => $"/Fees/Account/{i.OwingUnit}", "#pay-form", _ => new() { ["Amount"] = "10", ["PayerName"] = "" }, "PayerName"),
        ["OneOffForm"] = new("frontdesk", i => $"/Fees/Account/{i.OwingUnit}", "#charge-form", i => new() { ["Charge.FeeItemId"] = i.OneOffItem.ToString(), ["Charge.Amount"] = "-5", ["Charge.DueDate"] = "2026-12-31" }, "Charge.Amount"),
        ["RefundForm"] = new("supervisor", i => $"/Fees/Account/{i.DepositUnit}", "form[action*='/Fees/Refund/']", _ => new() { ["Deductions"] = "100", ["DeductionNote"] = "" }, "DeductionNote", Flash: true),
        ["ReverseForm"] = new("supervisor", i => $"/Fees/Payment/{i.Payment}", "form[action*='/Fees/ReversePayment/']", _ => new() { ["Reason"] = "" }, "Reason", Flash: true),
        ["InvoiceForm"] = new("frontdesk", i => $"/Fees/Payment/{i.Remittance}", "form[action*='/Fees/Invoice/']", _ => new() { ["InvoiceNumber"] = "" }, "InvoiceNumber", Flash: true),
        ["DailyLogForm"] = new("frontdesk", _ => "/DailyLog", "form[action*='/DailyLog/SaveHandover']", _ => new() { ["HandoverNotes"] = new string('记', 4100) }, "HandoverNotes"),
        ["MoveOutForm"] = new("frontdesk", i => $"/MoveOuts/Create?unitId={i.Unit}", "#move-out-form", i => new() { ["OccupancyId"] = i.Occupancy.ToString(), ["Items"] = "沙发", ["KeysReturned"] = "-1" }, "KeysReturned"),
        ["RenovationForm"] = new("frontdesk", i => $"/Renovations/Create?unitId={i.Unit}", "#renovation-form",
            _ => new() { ["ApplicantName"] = "业主", ["ContractorName"] = "", ["Description"] = "刷墙", ["StartDate"] = "2026-12-20", ["EndDate"] = "2027-01-20", ["Scope"] = "SimplePartition" }, "ContractorName"),
        ["ApproveForm"] = new("manager", i => $"/Renovations/Details/{i.Renovation}", "#approve-form", _ => new() { ["Deposit"] = "0", ["DebrisFee"] = "0" }, "Deposit", Flash: true),
        ["MoveInForm"] = new("frontdesk", i => $"/MoveIns/Create?unitId={i.VacantUnit}", "#move-in-form", _ => new() { ["NewName"] = "新业主", ["NewPhone"] = "13600000009", ["Applicant"] = "Owner", ["AppointmentAt"] = "9999-12-31T10:00" }, "AppointmentAt"),
        ["InspectionForm"] = new("frontdesk", i => $"/MoveIns/Details/{i.MoveInInProgress}", "#inspection-form", _ => new() { ["Defects[0].Location"] = "", ["Defects[0].Description"] = "墙面开裂" }, "Defects[0].Location"),
        ["BatchForm"] = new("frontdesk", i => $"/MoveIns/CreateBatch?propertyId={i.Property}&buildingId={i.Building}", "#batch-form", _ => new() { ["Name"] = "集中入伙", ["Day"] = "9999-12-31", ["SlotMinutes"] = "30", ["Desks"] = "2" }, "Day"),
        ["SlaPolicyForm"] = new("admin", i => $"/Settings/Sla/Edit/{i.Property}", "main form[method='post']", _ => new() { ["WarningPercent"] = "0" }, "WarningPercent"),
        ["CategoryForm"] = new("admin", _ => "/Settings/Categories/Create", "main form[method='post']", _ => new() { ["Name"] = "", ["Group"] = "水" }, "Name"),
        ["FeeItemForm"] = new("admin", i => $"/Settings/Fees?propertyId={i.Property}", "#new-item", _ => new() { ["Name"] = "", ["Kind"] = "OneOff" }, "Name"),
        ["CalendarDayForm"] = new("admin", _ => "/Settings/Calendar", "form[action*='/Settings/Calendar/AddDay']", _ => new() { ["AddDay.Date"] = "2026-10-08", ["AddDay.Name"] = "" }, "AddDay.Name"),
        ["CalendarLoadForm"] = new("admin", _ => "/Settings/Calendar/Load", "main form[method='post']", _ => new() { ["Year"] = "1999", ["Text"] = "2027-01-01 元旦" }, "Year"),
        ["ServiceHoursForm"] = new("admin", _ => "/Settings/Calendar/Hours", "main form[method='post']", _ => new() { ["WorkdayOpen"] = "", ["WorkdayClose"] = "18:00" }, "WorkdayOpen"),
        ["UserCreateForm"] = new("admin", _ => "/Users/Create", "main form[method='post']", _ => new() { ["UserName"] = "", ["DisplayName"] = "新同事", ["Password"] = "Demo@12345", ["Roles"] = "FrontDesk", ["AllProperties"] = "true" }, "UserName"),
        ["UserEditForm"] = new("admin", i => $"/Users/Edit/{i.FrontDeskUser}", "main form[method='post']", _ => new() { ["DisplayName"] = "" }, "DisplayName"),
        ["ResetPasswordForm"] = new("admin", i => $"/Users/ResetPassword/{i.FrontDeskUser}", "main form[method='post']", _ => new() { ["NewPassword"] = "" }, "NewPassword"),
        ["UploadForm"] = new("admin", _ => "/Import", "main form[method='post']", i => new() { ["PropertyId"] = i.Property.ToString() }, "File"),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_validated_form_is_posted_here()
    {
        var forms = typeof(DateWindows).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
            .Select(i => i.GetGenericArguments()[0])
            .Distinct()
            .Select(t => Cases.ContainsKey(t.Name) ? t.Name : $"{t.Namespace!.Split('.')[^1]}.{t.Name}")
            .ToList();

        Assert.Empty(forms.Where(f => !Cases.ContainsKey(f)).Select(f => f + " has a validator but no case in FormMessageTests.Cases"));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_wrong_field_gets_its_message_beside_it(string name)
    {
        var form = Cases[name];
        var ids = await app.IdsAsync();
        using var client = form.User.Length == 0 ? PortalClient.Anonymous(app) : await PortalClient.SignedInAsync(app, form.User);
        var page = form.Page(ids);

        var response = await client.SubmitFormAsync(page, form.Form, form.Fields(ids));

        if (form.Flash)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{name}: expected the case page again with the message, got {(int)response.StatusCode}");
            var back = await client.GetDocumentAsync(response.RedirectPath());
            var flash = back.QuerySelector("main .alert-danger")?.TextContent.Trim();
            Assert.False(string.IsNullOrEmpty(flash), $"{name}: the page it went back to shows no message");
            return;
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: expected the form again, got {(int)response.StatusCode} {(response.Headers.Location is { } l ? l.ToString() : "")}");
        var document = await PortalClient.ParseAsync(response);
        var message = document.QuerySelector($"[data-valmsg-for='{form.Field}']")?.TextContent.Trim();
        var everything = string.Join(" | ", document.QuerySelectorAll(".field-validation-error, .alert-danger, .text-danger").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
        Assert.False(string.IsNullOrEmpty(message), $"{name}: no message beside {form.Field}; the page says: {everything}");

        var field = document.QuerySelector($"[name='{form.Field}']");
        Assert.NotNull(field);
        Assert.Contains("is-invalid", field.ClassName ?? "");
        Assert.DoesNotContain("Field.", message);
    }

    /// <summary>The ids of the records the forms are on.</summary>
    public sealed record Ids(
        Guid Property, Guid Building, Guid Unit, Guid Customer, Guid Occupancy, Guid Key, Guid Contact, Guid Category, Guid ComplaintCategory,
        Guid AcceptedOrder, Guid OnSiteOrder, Guid Callback, Guid Complaint, Guid Renovation, Guid OwingUnit, Guid OneOffItem, Guid DepositUnit,
        Guid Payment, Guid Remittance, Guid VacantUnit, Guid MoveInInProgress, string FrontDeskUser)
    {
        /// <summary>The household of the unit the office key belongs to (a 国贸大厦 tenant).</summary>
        public Guid KeyHolder { get; init; }
    }

    /// <summary>The demo company with its morning of cases and bills, plus a complaint, a renovation awaiting the Manager, a remittance and a held deposit.</summary>
    public sealed class DemoMorning : SqlitePortalFactory
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private Ids? _ids;

        public async Task<Ids> IdsAsync()
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

        private async Task<Ids> PrepareAsync()
        {
            var ct = TestContext.Current.CancellationToken;
            await using (var seeding = Services.CreateAsyncScope())
            {
                await seeding.ServiceProvider.GetRequiredService<DemoCasesSeeder>().SeedAsync(ct);
                await seeding.ServiceProvider.GetRequiredService<DemoFeesSeeder>().SeedAsync(ct);
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

            // A paid deposit, held: what a supervisor refunds.
            var depositUnit = (await db.Occupancies.Where(o => o.PropertyId == property.Id && o.EndDate == null).OrderBy(o => o.Id).Skip(40).FirstAsync(ct)).UnitId;
            Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Fees/Account/{depositUnit}", "#charge-form", new Dictionary<string, string>
            {
                ["Charge.FeeItemId"] = deposit.ToString(), ["Charge.Amount"] = "2000", ["Charge.DueDate"] = PortalClockToday(),
            })).StatusCode);
            var owedThere = (await db.Charges.Where(c => c.UnitId == depositUnit && c.ReversedAt == null).ToListAsync(ct)).Sum(c => c.Outstanding);
            await PayAsync(desk, depositUnit, "Counter", "Cash", null, owedThere);

            return new Ids(
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
            };
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
}
