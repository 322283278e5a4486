using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Storage;

namespace PropertyPortal.Web.Features.Renovations;

/// <summary>
/// Every step of a renovation after the application, each one domain method run through the case step runner
/// (<see cref="CaseSteps{TCase}"/>: the renovation with its passes and patrols, its clocks through the seam, who is
/// told from the new timeline events by <see cref="RenovationNotifications"/>, one save). What a step adds beside
/// the renovation — the deposit and debris charges, a pass, a permit, a patrol's photos, the unit's status, the
/// deposit's refund — is added inside the step, so it is saved with it or not at all. Who may do a step is the
/// controller's policies; the state a step needs is the domain's.
/// </summary>
public sealed class RenovationSteps(CaseSteps<Renovation> steps, PortalDbContext db, Fees.Ledger ledger, FileStore files, TimeProvider time,
    IStringLocalizer<RenovationsText> t)
{
    /// <summary>客服审核.</summary>
    public Task<StepResult> ServiceReviewAsync(StepRequest request, string? note, CancellationToken ct) =>
        RunAsync(request, (r, s) => r.ServiceReview(Trim(note), s.By, s.Now, s.Clocks), ct);

    /// <summary>工程审核 (a structural change needs the authority's document first).</summary>
    public Task<StepResult> EngineeringReviewAsync(StepRequest request, string? note, CancellationToken ct) =>
        RunAsync(request, (r, s) => r.EngineeringReview(Trim(note), s.By, s.Now, s.Clocks), ct);

    public Task<StepResult> ReturnAsync(StepRequest request, string? reason, CancellationToken ct) =>
        RunAsync(request, (r, s) => r.Return(reason ?? "", s.By, s.Now, s.Clocks), ct);

    public Task<StepResult> ResubmitAsync(StepRequest request, string? note, CancellationToken ct) =>
        RunAsync(request, (r, s) => r.Resubmit(Trim(note), s.By, s.Now, s.Clocks), ct);

    /// <summary>The authority's approval of a structural change, as photos of the document: refused without one, or with a file that is not an image.</summary>
    public async Task<StepResult> AttachAuthorityAsync(StepRequest request, IReadOnlyList<IFormFile>? photos, CancellationToken ct)
    {
        if (await PropertyOfAsync(request.Id, ct) is not { } propertyId)
        {
            return StepResult.NotFound;
        }

        var staged = await StagedPhotos.StoreAsync(files, photos, propertyId, ct);
        if (staged.Rejected.Count > 0)
        {
            request = request.WithError(t["Renovations.SomeFilesRejected", string.Join("、", staged.Rejected)]);
        }
        else if (staged.Count == 0)
        {
            request = request.WithError(t["Renovations.AuthorityFileRequired"]);
        }

        return await WithPhotosAsync(staged, RunAsync(request, (r, s) =>
        {
            r.AttachAuthorityApproval(s.By, s.Now);
            staged.AddTo(db, "RenovationAuthority", r.Id, r.PropertyId, s.By, s.Now);
        }, ct));
    }

    /// <summary>Plans, drawings and site photos (no step of the case): null when the renovation is not the user's to see.</summary>
    public async Task<(int Added, IReadOnlyList<string> Rejected)?> AddFilesAsync(Guid id, IReadOnlyList<IFormFile>? photos, Actor by, CancellationToken ct)
    {
        if (await PropertyOfAsync(id, ct) is not { } propertyId)
        {
            return null;
        }

        var added = await PhotoUploads.AddAsync(db, files, "Renovation", id, propertyId, photos ?? [], by, Now, ct);
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>经理批准 (the Manager only, by the controller's policy): the deposit and the debris fee go on the unit's account in the same save.</summary>
    public Task<StepResult> ApproveAsync(StepRequest request, ApproveForm form, CancellationToken ct)
    {
        var due = PortalClock.Today(time);
        return RunAsync(request, (r, s) =>
        {
            r.Approve(Trim(form.Note), s.By, s.Now, s.Clocks);
            var deposit = new Charge(r.PropertyId, r.UnitId, r.CustomerId, null, FeeKind.Deposit, null, $"装修保证金 {r.Number}", 1, form.Deposit, form.Deposit, due,
                $"ZX:{r.Id:N}:deposit", s.By, s.Now);
            db.Charges.Add(deposit);
            Charge? debris = null;
            if (form.DebrisFee > 0)
            {
                debris = new Charge(r.PropertyId, r.UnitId, r.CustomerId, null, FeeKind.OneOff, null, $"装修垃圾清运费 {r.Number}", 1, form.DebrisFee, form.DebrisFee, due,
                    $"ZX:{r.Id:N}:debris", s.By, s.Now);
                db.Charges.Add(debris);
            }

            r.Charged(deposit.Id, debris?.Id);
        }, ct);
    }

    public Task<StepResult> SignAgreementAsync(StepRequest request, CancellationToken ct) =>
        RunAsync(request, (r, s) => r.SignAgreement(s.By, s.Now), ct);

    /// <summary>装修许可证: needs the agreement and the deposit paid (at the fee counter); the unit shows 装修中 from the same save.</summary>
    public async Task<StepResult> IssuePermitAsync(StepRequest request, CancellationToken ct)
    {
        var found = await db.Renovations.AsNoTracking().Where(x => x.Id == request.Id).Select(x => new { x.UnitId, x.DepositChargeId }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return StepResult.NotFound;
        }

        var depositPaid = found.DepositChargeId is { } did && await db.Charges.AnyAsync(c => c.Id == did && c.ReversedAt == null && c.Paid >= c.Amount, ct);
        var unit = await db.Units.FirstAsync(u => u.Id == found.UnitId, ct);
        return await RunAsync(request, (r, s) =>
        {
            r.IssuePermit("XK-" + r.Number, depositPaid, s.By, s.Now);
            unit.SetStatus(UnitStatus.UnderRenovation);
        }, ct);
    }

    public Task<StepResult> IssuePassAsync(StepRequest request, string? workerName, string? idLast4, CancellationToken ct) =>
        RunAsync(request, (r, s) => db.RenovationPasses.Add(r.IssuePass(workerName ?? "", idLast4, s.By, s.Now)), ct);

    public Task<StepResult> ReturnPassAsync(StepRequest request, Guid passId, CancellationToken ct) =>
        RunAsync(request, (r, s) => r.ReturnPass(passId, s.By, s.Now), ct);

    public Task<StepResult> AddPermitAsync(StepRequest request, RenovationPermitKind kind, DateOnly? from, DateOnly? to, string? note, CancellationToken ct) =>
        RunAsync(request, (r, s) => db.RenovationPermits.Add(r.AddPermit(kind, from ?? DateOnly.MinValue, to ?? DateOnly.MinValue, Trim(note), s.By, s.Now)), ct);

    /// <summary>
    /// 巡查: the finding, a violation with its rectification deadline (local time as typed), and photos. The photos
    /// are stored first and recorded inside the step: a refused patrol (a stale page, a violation without a
    /// deadline, a file that is not an image) keeps neither the patrol nor its photos.
    /// </summary>
    public async Task<StepResult> PatrolAsync(StepRequest request, PatrolForm form, CancellationToken ct)
    {
        if (await PropertyOfAsync(request.Id, ct) is not { } propertyId)
        {
            return StepResult.NotFound;
        }

        var staged = await StagedPhotos.StoreAsync(files, form.Photos, propertyId, ct);
        if (staged.Rejected.Count > 0)
        {
            request = request.WithError(t["Renovations.SomeFilesRejected", string.Join("、", staged.Rejected)]);
        }

        return await WithPhotosAsync(staged, RunAsync(request, (r, s) =>
        {
            var patrol = r.Patrol(form.Finding ?? "", form.Violation, form.RectifyBy is { } local ? PortalClock.ToUtc(local) : null, s.By, s.Now, s.Clocks);
            db.RenovationPatrols.Add(patrol);
            staged.AddTo(db, "RenovationPatrol", patrol.Id, r.PropertyId, s.By, s.Now);
        }, ct));
    }

    /// <summary>出具整改通知书: the written notice of a violation found on patrol is issued; meets its clock.</summary>
    public Task<StepResult> IssueNoticeAsync(StepRequest request, Guid patrolId, CancellationToken ct) =>
        RunAsync(request, (r, s) => r.IssueViolationNotice(patrolId, s.By, s.Now, s.Clocks), ct);

    public Task<StepResult> RectifiedAsync(StepRequest request, string? note, CancellationToken ct) =>
        RunAsync(request, (r, s) => r.Rectified(note ?? "", s.By, s.Now, s.Clocks), ct);

    /// <summary>验收预约 at a local time as typed.</summary>
    public Task<StepResult> BookInspectionAsync(StepRequest request, DateTime? atLocal, CancellationToken ct) =>
        RunAsync(request, (r, s) => r.BookInspection(atLocal is { } local ? PortalClock.ToUtc(local) : DateTime.MinValue, s.By, s.Now, s.Clocks), ct);

    public Task<StepResult> ArrivedAsync(StepRequest request, CancellationToken ct) =>
        RunAsync(request, (r, s) => r.InspectorArrived(s.By, s.Now, s.Clocks), ct);

    /// <summary>验收: a pass gives the unit back its status (occupied or vacant) in the same save and opens the refund; a fail issues a rectification notice.</summary>
    public async Task<StepResult> InspectAsync(StepRequest request, bool passed, string? note, DateTime? rectifyByLocal, CancellationToken ct)
    {
        var unitId = await db.Renovations.AsNoTracking().Where(x => x.Id == request.Id).Select(x => (Guid?)x.UnitId).FirstOrDefaultAsync(ct);
        if (unitId is null)
        {
            return StepResult.NotFound;
        }

        var unit = await db.Units.FirstAsync(u => u.Id == unitId, ct);
        var today = PortalClock.Today(time);
        var occupied = await db.Occupancies.AnyAsync(o => o.UnitId == unitId && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today), ct);
        return await RunAsync(request, (r, s) =>
        {
            r.Inspect(passed, note ?? "", rectifyByLocal is { } local ? PortalClock.ToUtc(local) : null, s.By, s.Now, s.Clocks);
            if (passed)
            {
                unit.SetStatus(occupied ? UnitStatus.Occupied : UnitStatus.Vacant);
            }
        }, ct);
    }

    /// <summary>退保证金办理 (supervisor): meets the processing clock; refused before acceptance.</summary>
    public Task<StepResult> ProcessRefundAsync(StepRequest request, CancellationToken ct) =>
        RunAsync(request, (r, s) => r.RefundProcessed(s.By, s.Now, s.Clocks), ct);

    /// <summary>
    /// 退还保证金 and close (supervisor): the renovation closes (refused before acceptance, before the refund is
    /// processed, with a pass still out — before any money moves) and the deposit goes back through the ledger
    /// less the itemised deductions, in one transaction: the refund and the closing are saved together or not at all.
    /// </summary>
    public Task<StepResult> RefundAsync(StepRequest request, Fees.RefundForm form, CancellationToken ct) =>
        // One transaction (or a savepoint inside the one-time-key form's): kept only when the step is done.
        db.InTransactionAsync(token => steps.RunAsync(request, async (r, s) =>
        {
            r.Close(true, s.By, s.Now, s.Clocks);
            if (r.DepositChargeId is { } depositId
                && await db.Charges.AsNoTracking().Where(c => c.Id == depositId).Select(c => new { c.Version, c.ClosedAt }).FirstOrDefaultAsync(token) is { ClosedAt: null } deposit
                && !await ledger.RefundDepositAsync(depositId, deposit.Version, form.Deductions, form.DeductionNote, form.Method, form.Reference, s.By, token))
            {
                throw new DomainException("DepositNotSettled", "The deposit could not be refunded.");
            }
        }, token, load: WithChildren, step: "Refund"), result => result.Done, ct);

    public Task<StepResult> CancelAsync(StepRequest request, string? reason, CancellationToken ct) =>
        RunAsync(request, (r, s) => r.Cancel(reason ?? "", s.By, s.Now, s.Clocks), ct);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static IQueryable<Renovation> WithChildren(IQueryable<Renovation> q) => q.Include(r => r.Passes).Include(r => r.Patrols).AsSplitQuery();

    private Task<StepResult> RunAsync(StepRequest request, Action<Renovation, StepContext> change, CancellationToken ct, [CallerMemberName] string step = "") =>
        steps.RunAsync(request, change, ct, load: WithChildren, step: step);

    private Task<Guid?> PropertyOfAsync(Guid id, CancellationToken ct) =>
        db.Renovations.AsNoTracking().Where(r => r.Id == id).Select(r => (Guid?)r.PropertyId).FirstOrDefaultAsync(ct);

    /// <summary>The step's result; photos stored for a step that was not saved (or that failed outright) are deleted.</summary>
    private static async Task<StepResult> WithPhotosAsync(StagedPhotos staged, Task<StepResult> step)
    {
        StepResult? result = null;
        try
        {
            result = await step;
            return result;
        }
        finally
        {
            if (result is not { Done: true })
            {
                staged.Discard();
            }
        }
    }
}
