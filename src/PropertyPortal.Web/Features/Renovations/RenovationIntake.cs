using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Renovations;

/// <summary>
/// 装修申请受理: a renovation opened from the desk's form under the property's next ZX number, through the case step
/// runner — its approval clock (by scope) and the customer-service review clock save themselves.
/// </summary>
public sealed class RenovationIntake(CaseSteps<Renovation> steps, RenovationPages pages, PortalDbContext db, TimeProvider time)
{
    /// <param name="form">As posted; its unit label and households are filled again for a redisplay.</param>
    /// <param name="formInvalid">The form's validator found something: the form is shown again.</param>
    /// <returns>How it ended, and the approval clock's working days for the desk's message.</returns>
    public async Task<(IntakeResult Result, int ApprovalWorkingDays)> OpenAsync(RenovationForm form, bool formInvalid, Actor actor, CancellationToken ct)
    {
        if (!await pages.WithUnitAsync(form, ct))
        {
            return (IntakeResult.NotFound, 0);
        }

        if (formInvalid)
        {
            return (IntakeResult.Invalid([]), 0);
        }

        var propertyId = await db.Units.Where(u => u.Id == form.UnitId).Select(u => u.PropertyId).FirstAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var days = 0;
        var result = await steps.OpenAsync(propertyId, actor,
            () => CaseNumbers.NextAsync(db.Renovations.IgnoreQueryFilters().Where(r => r.PropertyId == propertyId).Select(r => r.Number), "ZX", now, ct),
            (number, s) =>
            {
                days = s.Clocks.Context.Policy.RenovationApprovalWorkingDays(form.Scope);
                return Task.FromResult(Renovation.Submit(number, new RenovationApplication(propertyId, form.UnitId!.Value, form.CustomerId, form.ApplicantName!,
                    form.ApplicantPhone, form.ByAgent, form.DocumentsChecked, form.ContractorName!, form.ContractorLicence, form.ContractorPhone, form.Scope,
                    form.Structural, form.Description!, form.StartDate!.Value, form.EndDate!.Value, form.Workers!.Value, form.WorkingHours!, s.Now), s.By, s.Now, s.Clocks));
            }, ct);
        return (IntakeResult.Of(result, nameof(form.ContractorName)), days);
    }
}
