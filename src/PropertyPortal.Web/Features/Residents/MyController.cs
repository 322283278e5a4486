using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Storage;

namespace PropertyPortal.Web.Features.Residents;

/// <summary>
/// 住户服务 (/My): the household's own pages, phone first, on the household's own authentication scheme (ADR 0025). Every
/// action binds, calls one method of <see cref="ResidentPages"/> or <see cref="ResidentRequests"/> and redirects after a post;
/// what a household may see is decided there from the units it occupies now.
/// </summary>
[ResidentOnly]
public sealed partial class MyController(
    ResidentSignIn signIn, ResidentPages pages, ResidentAccountPages account, ResidentRequests requests, HouseholdChanges changes, Events.EventSteps events,
    FileStore files, IStringLocalizer<ResidentsText> t, IOptions<ResidentOptions> options)
    : PortalController
{
    private MyHousehold? _home;

    private IStringLocalizer<ResidentsText> T => t;

    /// <summary>The signed-in household (read before every resident action).</summary>
    private MyHousehold Home => _home!;

    /// <summary>An account disabled (or gone) since its cookie was issued is signed out on its next request.</summary>
    public override async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (User.AccountId() is not null)
        {
            _home = await pages.HouseholdAsync(User, HttpContext.RequestAborted);
        }

        if (_home is null && context.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any() == false)
        {
            await HttpContext.SignOutAsync(ResidentAuth.Scheme);
            context.Result = LocalRedirect(ResidentAuth.SignInPath);
            return;
        }

        await next();
    }

    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(new MyHome(Home, await pages.CasesAsync(Home, ct), await pages.ComplaintsAsync(Home, ct), await pages.SuggestionsAsync(Home, ct)));

    [HttpGet]
    public async Task<IActionResult> Report(CancellationToken ct) =>
        View(await WithOptionsAsync(new ReportForm { UnitId = Home.Units.Count == 1 ? Home.Units[0].Id : null }, ct));

    [HttpPost]
    [Idempotent]
    public async Task<IActionResult> Report(ReportForm form, CancellationToken ct)
    {
        var result = await requests.ReportAsync(Home, form, !ModelState.IsValid, ct);
        if (result.Step.Status == Sla.StepStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Opened)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field is "Location" ? "" : error.Field, error.Message);
            }

            return View(await WithOptionsAsync(form, ct));
        }

        Flash(T["My.Reported", result.Step.Number!]);
        return RedirectToAction(nameof(Case), new { id = result.Step.CaseId });
    }

    [HttpGet]
    public async Task<IActionResult> Complain(CancellationToken ct) =>
        View(await WithOptionsAsync(new ComplainForm { UnitId = Home.Units.Count == 1 ? Home.Units[0].Id : null }, ct));

    /// <summary>投诉: the desk's complaint intake with the channel 业主自助 (<see cref="ResidentRequests.ComplainAsync"/>).</summary>
    [HttpPost]
    [Idempotent]
    public async Task<IActionResult> Complain(ComplainForm form, CancellationToken ct)
    {
        var result = await requests.ComplainAsync(Home, form, !ModelState.IsValid, ct);
        if (result.Step.Status == Sla.StepStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Opened)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field, error.Message);
            }

            return View(await WithOptionsAsync(form, ct));
        }

        Flash(T["My.Complained", result.Step.Number!]);
        return RedirectToAction(nameof(Complaint), new { id = result.Step.CaseId });
    }

    public async Task<IActionResult> Complaint(Guid id, CancellationToken ct) =>
        await pages.ComplaintAsync(Home, id, ct) is { } c ? View(c) : NotFound();

    [HttpPost]
    [Idempotent]
    public async Task<IActionResult> ChaseComplaint(Guid id, int version, CancellationToken ct) =>
        Outcome(await requests.ChaseComplaintAsync(Home, id, version, ct), r => T["My.Chased", r.Number!], RedirectToAction(nameof(Complaint), new { id }));

    [HttpGet]
    public IActionResult Suggest() => View(WithUnits(new SuggestForm { UnitId = Home.Units.Count == 1 ? Home.Units[0].Id : null }));

    /// <summary>建议: a 业主自助 front-desk contact for the desk to answer (<see cref="ResidentRequests.SuggestAsync"/>).</summary>
    [HttpPost]
    [Idempotent]
    public async Task<IActionResult> Suggest(SuggestForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return View(WithUnits(form));
        }

        var saved = await requests.SuggestAsync(Home, form, ct);
        if (saved is null)
        {
            return NotFound();
        }

        if (!Saved(saved))
        {
            return View(WithUnits(form));
        }

        Flash(T["My.Suggested"]);
        return RedirectToAction(nameof(Index));
    }

    public async Task<IActionResult> Case(Guid id, CancellationToken ct) =>
        await pages.CaseAsync(Home, id, ct) is { } c ? View(c) : NotFound();

    [HttpPost]
    [Idempotent]
    public async Task<IActionResult> Chase(Guid id, int version, CancellationToken ct) =>
        Outcome(await requests.ChaseAsync(Home, id, version, ct), r => T["My.Chased", r.Number!], RedirectToAction(nameof(Case), new { id }));

    [HttpPost]
    public async Task<IActionResult> Cancel(Guid id, int version, CancellationToken ct) =>
        Outcome(await requests.CancelAsync(Home, id, version, ct), r => T["My.Cancelled", r.Number!], RedirectToAction(nameof(Case), new { id }));

    [HttpPost]
    [Idempotent]
    public async Task<IActionResult> Rate(Guid id, Callbacks.CallbackResultForm form, CancellationToken ct) =>
        Outcome(await requests.RateAsync(Home, id, form, ModelState.IsValid ? null : ModelStateErrors(), ct), _ => T["My.Rated"],
            RedirectToAction(nameof(Case), new { id }));

    /// <summary>A photo of one of the household's own repairs; any other id is not found.</summary>
    public async Task<IActionResult> Photo(Guid id, CancellationToken ct)
    {
        var photo = await pages.PhotoAsync(Home, id, ct);
        if (photo is null || !System.IO.File.Exists(files.PathOf(photo.StorageKey)))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, max-age=3600";
        return PhysicalFile(files.PathOf(photo.StorageKey), photo.ContentType);
    }

    /// <summary>账单: charges by month, what is owed, receipts; payment at the counter or by transfer to the bank shown.</summary>
    public async Task<IActionResult> Bill(CancellationToken ct) => View(await account.BillAsync(Home, ct));

    public async Task<IActionResult> Notices(CancellationToken ct) =>
        View(new MyNotices(await account.NoticesAsync(Home, ct), await account.InvitationsAsync(Home, ct)));

    /// <summary>An invitation answered by the household: the desk's own reply step, on an invitation addressed to this household only.</summary>
    [HttpPost]
    public async Task<IActionResult> Reply(Guid id, Events.ReplyForm form, CancellationToken ct)
    {
        var mine = (await account.InvitationsAsync(Home, ct)).FirstOrDefault(i => i.Id == id);
        if (mine is null)
        {
            return NotFound();
        }

        var result = mine.Open
            ? await events.ReplyAsync(id, form, new Sla.StepRequest(Guid.Empty, 0, Home.Actor, ModelState.IsValid ? null : ModelStateErrors()), ct)
            : Sla.StepResult.Refused(T["My.EventPast"]);
        return Outcome(result, _ => T["My.Replied"], RedirectToAction(nameof(Notices)));
    }

    [HttpGet]
    public async Task<IActionResult> Household(CancellationToken ct) => View(new MyHouseholdModel(await account.HouseholdAsync(Home, ct), new ChangeForm()));

    /// <summary>A change of the household's record goes to the desk for approval; nothing changes before.</summary>
    [HttpPost]
    [Idempotent]
    public async Task<IActionResult> Household([Bind(Prefix = "Form")] ChangeForm form, CancellationToken ct)
    {
        if (ModelState.IsValid && Saved(await changes.RequestAsync(Home, form, ct)))
        {
            Flash(T["My.ChangeSent"]);
            return RedirectToAction(nameof(Household));
        }

        return View(new MyHouseholdModel(await account.HouseholdAsync(Home, ct), form));
    }

    private async Task<ReportForm> WithOptionsAsync(ReportForm form, CancellationToken ct)
    {
        form.Units = Home.Units;
        form.Categories = await pages.CategoriesAsync(ct);
        return form;
    }

    private async Task<ComplainForm> WithOptionsAsync(ComplainForm form, CancellationToken ct)
    {
        form.Units = Home.Units;
        form.Categories = await pages.ComplaintCategoriesAsync(ct);
        return form;
    }

    private SuggestForm WithUnits(SuggestForm form)
    {
        form.Units = Home.Units;
        return form;
    }
}

public sealed record MyHome(MyHousehold Household, IReadOnlyList<MyCaseRow> Cases, IReadOnlyList<MyComplaintRow> Complaints, IReadOnlyList<MySuggestion> Suggestions);

public sealed record MyNotices(IReadOnlyList<MyNotice> Notices, IReadOnlyList<MyInvitation> Invitations);

public sealed record MyHouseholdModel(MyHouseholdPage Page, ChangeForm Form);
