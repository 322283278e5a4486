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
public sealed class FormMessageTests(DemoMorning app) : IClassFixture<DemoMorning>
{
    private static readonly string Long = new('长', 2100);

    /// <summary>One form posted wrong: who, which page and form, what is typed, and where the message must appear.</summary>
    public sealed record FormCase(string User, Func<DemoIds, string> Page, string Form, Func<DemoIds, Dictionary<string, string>> Fields, string Field, bool Flash = false);

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
        ["Pauses.PauseRequestForm"] = new("frontdesk", i => $"/Repairs/Details/{i.AcceptedOrder}", "#pause-ask", _ => new() { ["Reason"] = "Other", ["Note"] = "" }, "Note", Flash: true),
        ["Pauses.PauseDecisionForm"] = new("supervisor", i => $"/Repairs/Details/{i.PendingPauseOrder}", "#pause-approve", _ => new() { ["Note"] = Long }, "Note", Flash: true),
        ["Pauses.PauseRefusalForm"] = new("supervisor", i => $"/Repairs/Details/{i.PendingPauseOrder}", "#pause-refuse", _ => new() { ["Note"] = "" }, "Note", Flash: true),
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
        ["CounterOpenForm"] = new("frontdesk", i => $"/Fees/Account/{i.OwingUnit}", "#open-visit-form", _ => new() { ["Kind"] = "99" }, "Kind", Flash: true),
        ["CounterAnswerForm"] = new("frontdesk", i => $"/Counter/Details/{i.CounterVisit}", "#answer-form", _ => new() { ["Answer"] = "" }, "Answer", Flash: true),
        ["CounterAbandonForm"] = new("frontdesk", i => $"/Counter/Details/{i.CounterVisit}", "#abandon-form", _ => new() { ["Reason"] = Long }, "Reason", Flash: true),
        ["DailyLogForm"] = new("frontdesk", _ => "/DailyLog", "form[action*='/DailyLog/SaveHandover']", _ => new() { ["HandoverNotes"] = new string('记', 4100) }, "HandoverNotes"),
        ["SignOffForm"] = new("supervisor", i => $"/Reports/Monthly?property={i.Property}", "#signoff-form", _ => new() { ["Commentary"] = "" }, "Commentary"),
        ["MoveOutForm"] = new("frontdesk", i => $"/MoveOuts/Create?unitId={i.Unit}", "#move-out-form", i => new() { ["OccupancyId"] = i.Occupancy.ToString(), ["Items"] = "沙发", ["KeysReturned"] = "-1" }, "KeysReturned"),
        ["RenovationForm"] = new("frontdesk", i => $"/Renovations/Create?unitId={i.Unit}", "#renovation-form",
            _ => new() { ["ApplicantName"] = "业主", ["ContractorName"] = "", ["Description"] = "刷墙", ["StartDate"] = "2026-12-20", ["EndDate"] = "2027-01-20", ["Scope"] = "SimplePartition" }, "ContractorName"),
        ["ApproveForm"] = new("manager", i => $"/Renovations/Details/{i.Renovation}", "#approve-form", _ => new() { ["Deposit"] = "0", ["DebrisFee"] = "0" }, "Deposit", Flash: true),
        ["MoveInForm"] = new("frontdesk", i => $"/MoveIns/Create?unitId={i.VacantUnit}", "#move-in-form", _ => new() { ["NewName"] = "新业主", ["NewPhone"] = "13600000009", ["Applicant"] = "Owner", ["AppointmentAt"] = "9999-12-31T10:00" }, "AppointmentAt"),
        ["InspectionForm"] = new("frontdesk", i => $"/MoveIns/Details/{i.MoveInInProgress}", "#inspection-form", _ => new() { ["Defects[0].Location"] = "", ["Defects[0].Description"] = "墙面开裂" }, "Defects[0].Location"),
        ["BatchForm"] = new("frontdesk", i => $"/MoveIns/CreateBatch?propertyId={i.Property}&buildingId={i.Building}", "#batch-form", _ => new() { ["Name"] = "集中入伙", ["Day"] = "9999-12-31", ["SlotMinutes"] = "30", ["Desks"] = "2" }, "Day"),
        ["SlaPolicyForm"] = new("admin", i => $"/Settings/Sla/Edit/{i.Property}", "main form[method='post']", _ => new() { ["WarningPercent"] = "0" }, "WarningPercent"),
        ["SlaLaddersForm"] = new("admin", i => $"/Settings/SlaLadders/Edit/{i.Property}", "#ladders-form", _ => new() { ["PauseApprovalMinutes"] = "-1" }, "PauseApprovalMinutes"),
        ["RenovationLimitsForm"] = new("admin", i => $"/Settings/SlaRenovations/Edit/{i.Property}", "#renovation-limits-form", _ => new() { ["PartitionWorkingDays"] = "0" }, "PartitionWorkingDays"),
        ["MoveInLimitsForm"] = new("admin", i => $"/Settings/Sla/MoveIns/{i.Property}", "#move-in-limits-form", _ => new() { ["MoveOutMinutes"] = "0" }, "MoveOutMinutes"),
        ["RainPatrolForm"] = new("supervisor", _ => "/MoveIns/Custody", "#rain-form", _ => new() { ["Reason"] = "" }, "Reason"),
        ["SlaCounterForm"] = new("admin", i => $"/Settings/SlaCounter/Edit/{i.Property}", "#sla-section-form", _ => new() { ["CounterServiceMinutes"] = "0" }, "CounterServiceMinutes"),
        ["SlaComplaintDaysForm"] = new("admin", i => $"/Settings/SlaComplaintDays/Edit/{i.Property}", "#sla-section-form", _ => new() { ["ResultNoticeServiceDays"] = "-1" }, "ResultNoticeServiceDays"),
        ["SlaDailyLogForm"] = new("admin", i => $"/Settings/SlaDailyLog/Edit/{i.Property}", "#sla-section-form", _ => new() { ["DailyLogSignOffServiceDays"] = "0" }, "DailyLogSignOffServiceDays"),
        ["CategoryForm"] = new("admin", _ => "/Settings/Categories/Create", "main form[method='post']", _ => new() { ["Name"] = "", ["Group"] = "水" }, "Name"),
        ["FeeItemForm"] = new("admin", i => $"/Settings/Fees?propertyId={i.Property}", "#new-item", _ => new() { ["Name"] = "", ["Kind"] = "OneOff" }, "Name"),
        ["CalendarDayForm"] = new("admin", _ => "/Settings/Calendar", "form[action*='/Settings/Calendar/AddDay']", _ => new() { ["AddDay.Date"] = "2026-10-08", ["AddDay.Name"] = "" }, "AddDay.Name"),
        ["CalendarLoadForm"] = new("admin", _ => "/Settings/Calendar/Load", "main form[method='post']", _ => new() { ["Year"] = "1999", ["Text"] = "2027-01-01 元旦" }, "Year"),
        ["CalendarReminderForm"] = new("admin", _ => "/Settings/Calendar/Reminder", "#reminder-form", _ => new() { ["LoadWithinDays"] = "0" }, "LoadWithinDays"),
        ["ServiceHoursForm"] = new("admin", _ => "/Settings/Calendar/Hours", "main form[method='post']", _ => new() { ["WorkdayOpen"] = "", ["WorkdayClose"] = "18:00" }, "WorkdayOpen"),
        ["UserCreateForm"] = new("admin", _ => "/Users/Create", "main form[method='post']", _ => new() { ["UserName"] = "", ["DisplayName"] = "新同事", ["Password"] = "Demo@12345", ["Roles"] = "FrontDesk", ["AllProperties"] = "true" }, "UserName"),
        ["UserEditForm"] = new("admin", i => $"/Users/Edit/{i.FrontDeskUser}", "main form[method='post']", _ => new() { ["DisplayName"] = "" }, "DisplayName"),
        ["ResetPasswordForm"] = new("admin", i => $"/Users/ResetPassword/{i.FrontDeskUser}", "main form[method='post']", _ => new() { ["NewPassword"] = "" }, "NewPassword"),
        ["UploadForm"] = new("admin", _ => "/Import", "main form[method='post']", i => new() { ["PropertyId"] = i.Property.ToString() }, "File"),
        ["MessageTemplateForm"] = new("admin", _ => "/Settings/Messages/Templates/Edit/PaymentNotice", "#templateForm", _ => new() { ["Text"] = "{total}" }, "Text"),
        ["QuietHoursForm"] = new("admin", _ => "/Settings/Messages/Settings", "#quietHours", _ => new() { ["QuietStart"] = "" }, "QuietStart"),
        ["TeamChatForm"] = new("admin", _ => "/Settings/Messages/Settings", "form[action*='SaveTeamChat']", _ => new() { ["WebhookKey"] = "短" }, "WebhookKey", Flash: true),
        ["EventForm"] = new("steward", i => $"/Events/Create?propertyId={i.Property}", "#event-form",
            _ => new() { ["Theme"] = "", ["Format"] = "游园", ["StartsAt"] = "2027-03-20T10:00", ["Place"] = "中心广场", ["ExpectedAttendance"] = "50" }, "Theme"),
        ["BudgetLineInput"] = new("steward", i => $"/Events/Create?propertyId={i.Property}", "#event-form",
            _ => new() { ["Theme"] = "春季游园", ["Format"] = "游园", ["StartsAt"] = "2027-03-20T10:00", ["Place"] = "中心广场", ["ExpectedAttendance"] = "50", ["Budget[0].BudgetItem"] = "", ["Budget[0].Amount"] = "300" }, "Budget[0].BudgetItem"),
        ["EventNoteForm"] = new("supervisor", i => $"/Events/Details/{i.ApprovedEvent}", "#cancel-form", _ => new() { ["DecisionNote"] = Long }, "DecisionNote", Flash: true),
        ["PoliceReportForm"] = new("steward", i => $"/Events/Details/{i.ApprovedEvent}", "#police-form", _ => new() { ["ReportedOn"] = "2026-12-01", ["PoliceReference"] = "" }, "PoliceReference", Flash: true),
        ["ReadinessForm"] = new("steward", i => $"/Events/Details/{i.ApprovedEvent}", "#readiness-TasksOnSchedule", _ => new() { ["CheckNote"] = new string('备', 201) }, "CheckNote", Flash: true),
        ["Events.ReplyForm"] = new("frontdesk", i => $"/Events/Invitations/{i.ApprovedEvent}", ".reply-form", _ => new() { ["Reply"] = "Attending", ["People"] = "99" }, "People", Flash: true),
        ["RecordForm"] = new("steward", i => $"/Events/Record/{i.ApprovedEvent}", "#record-form", _ => new() { ["ActualAttendance"] = "20", ["RecordSummary"] = "" }, "RecordSummary"),
        ["EvaluationForm"] = new("steward", i => $"/Events/Details/{i.HeldEvent}", "#evaluate-form", _ => new() { ["GoalsMet"] = "true", ["EvaluationScore"] = "11", ["EvaluationSummary"] = "达到预期" }, "EvaluationScore", Flash: true),
        ["ReviewForm"] = new("manager", i => $"/Events/Details/{i.EvaluatedEvent}", "#review-form", _ => new() { ["Passed"] = "false", ["ReviewNote"] = "" }, "ReviewNote", Flash: true),
        ["PlanOpenForm"] = new("supervisor", _ => "/EventPlans", "#open-plan-form", _ => new() { ["Year"] = "1999" }, "Year", Flash: true),
        ["PlanRowsForm"] = new("supervisor", i => $"/EventPlans/Rows/{i.DraftPlan}", "#rows-form",
            _ => new() { ["Rows[0].Month"] = "13", ["Rows[0].Theme"] = "迎春联欢", ["Rows[0].Format"] = "联欢", ["Rows[0].RowContent"] = "才艺表演", ["Rows[0].Budget"] = "3000" }, "Rows[0].Month"),
        ["NoticeForm"] = new("frontdesk", i => $"/Notices/Create?propertyId={i.Property}", "#notice-form", _ => new() { ["Title"] = "", ["Body"] = "电梯年检", ["Category"] = "Other", ["PublishFrom"] = "2026-12-20" }, "Title"),
        ["NoticeReasonForm"] = new("supervisor", i => $"/Notices/Details/{i.PublishedNotice}", "#withdraw-form", _ => new() { ["WithdrawReason"] = "" }, "WithdrawReason", Flash: true),
        ["Residents.SignInForm"] = new("", _ => "/My/SignIn", "main form", _ => new() { ["Phone"] = "123" }, "Phone"),
        ["Residents.CodeForm"] = new("", _ => "/My/Code?phone=13900000000", "main form", _ => new() { ["Code"] = "12" }, "Code"),
        ["Residents.InvitationForm"] = new("", _ => "/My/Invitation", "main form", _ => new() { ["Phone"] = "", ["Code"] = "ABCDE-FGHJK" }, "Phone"),
        ["Residents.ReportForm"] = new(Resident, _ => "/My/Report", "main form", _ => new() { ["Description"] = "" }, "Description"),
        ["Residents.ChangeForm"] = new(Resident, _ => "/My/Household", "main form", _ => new() { ["Form.Phone"] = "123" }, "Form.Phone"),
        ["Residents.ComplainForm"] = new(Resident, _ => "/My/Complain", "main form", _ => new() { ["Description"] = "" }, "Description"),
        ["Residents.SuggestForm"] = new(Resident, _ => "/My/Suggest", "main form", _ => new() { ["Text"] = Long }, "Text"),
        ["CommunitySettingsForm"] = new("admin", i => $"/Settings/Community/Edit/{i.Property}", "#community-settings-form", _ => new() { ["NoticeNoEndMonths"] = "0" }, "NoticeNoEndMonths"),
        ["ServiceForm"] = new("frontdesk", i => $"/Services/Create?typeId={i.PassType}&unitId={i.Unit}&customerId={i.Customer}", "#service-form",
            _ => new() { ["RequesterName"] = "业主", ["Phone"] = "电话号码" }, "Phone"),
        ["ServiceStepForm"] = new("frontdesk", i => $"/Services/Details/{i.OpenServiceRequest}", "#complete", _ => new() { ["Note"] = Long }, "Note", Flash: true),
        ["FoundItemForm"] = new("frontdesk", i => $"/LostFound/Create?propertyId={i.Property}", "main form[method='post']",
            _ => new() { ["Description"] = "黑色钱包", ["FoundWhere"] = "", ["FoundBy"] = "保安", ["StoredWhere"] = "失物柜" }, "FoundWhere"),
        ["ClaimForm"] = new("frontdesk", i => $"/LostFound/Details/{i.StoredFoundItem}", "#claim", _ => new() { ["ClaimantName"] = "王女士", ["IdLast4"] = "12" }, "IdLast4", Flash: true),
        ["DiscardForm"] = new("supervisor", i => $"/LostFound/Details/{i.StoredFoundItem}", "form[action*='/LostFound/Discard/']", _ => new() { ["Note"] = "" }, "Note", Flash: true),
        ["VisitForm"] = new("steward", i => $"/Visits/Create?customerId={i.Customer}", "#visit-form", _ => new() { ["Topics"] = "" }, "Topics"),
        ["AnswerForm"] = new("frontdesk", i => $"/Surveys/Answer/{i.PendingSurveySample}", "#answers", _ => new() { ["Comment"] = Long }, "Comment"),
        ["CloseSampleForm"] = new("frontdesk", i => $"/Surveys/Answer/{i.PendingSurveySample}", "form[action*='/Surveys/Close/']", _ => new() { ["Comment"] = Long }, "Comment", Flash: true),
        ["ServiceTypeForm"] = new("admin", _ => "/Settings/Services/CreateType", "main form[method='post']", _ => new() { ["Name"] = "", ["Target"] = "10", ["SortOrder"] = "5" }, "Name"),
        ["ResourceForm"] = new("admin", i => $"/Settings/Services/CreateResource?propertyId={i.Property}", "main form[method='post']",
            _ => new() { ["Name"] = "小会议室", ["SlotMinutes"] = "30", ["OpensAt"] = "18:00", ["ClosesAt"] = "08:00", ["SortOrder"] = "5" }, "ClosesAt"),
        ["LimitsForm"] = new("admin", i => $"/Settings/Services/Limits?propertyId={i.Property}", "main form[method='post']", _ => new() { ["SurveySharePercent"] = "0" }, "SurveySharePercent"),
        ["QuestionForm"] = new("admin", _ => "/Settings/Services/CreateQuestion", "main form[method='post']", _ => new() { ["Text"] = "", ["Category"] = "综合", ["ScaleMax"] = "5", ["SortOrder"] = "80" }, "Text"),
    };

    /// <summary>A household signed in at /My (with an invitation code made for the case), not a staff user.</summary>
    private const string Resident = "resident";

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
        using var client = form.User switch
        {
            "" => PortalClient.Anonymous(app),
            Resident => await ResidentAsync(ids),
            _ => await PortalClient.SignedInAsync(app, form.User),
        };
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

    /// <summary>The demo household of the ids, signed in at /My with a fresh invitation code and a number of its own.</summary>
    private async Task<PortalClient> ResidentAsync(DemoIds ids)
    {
        var invitation = new PropertyPortal.Domain.Residents.HouseholdInvitation(ids.Property, ids.Customer, app.Clock.UtcNow);
        using (var db = app.CreateDbContext(PropertyPortal.Web.Infrastructure.Persistence.SystemPropertyScope.Instance))
        {
            db.HouseholdInvitations.Add(invitation);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var client = PortalClient.Anonymous(app);
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signed = await client.SubmitFormAsync("/My/Invitation", "main form", new Dictionary<string, string> { ["Phone"] = phone, ["Code"] = invitation.Code });
        Assert.Equal("/My", signed.RedirectPath());
        return client;
    }
}
