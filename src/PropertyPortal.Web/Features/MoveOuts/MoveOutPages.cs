using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.MoveOuts;

/// <summary>What the move-out pages read: the register, the form for a unit, the move-out's page and its release slip.</summary>
public sealed class MoveOutPages(PortalDbContext db, CaseClocks caseClocks, SlaSettings sla, TimeProvider time, IStringLocalizer<SharedResource> shared)
{
    public async Task<(List<MoveOut> Rows, Dictionary<Guid, UnitLabel> Labels)> ListAsync(CancellationToken ct)
    {
        var rows = await db.MoveOuts.AsNoTracking().OrderByDescending(m => m.ReceivedAt).Take(100).ToListAsync(ct);
        return (rows, await UnitLabels.ForAsync(db, rows.Select(r => r.UnitId).Distinct().ToList(), ct));
    }

    /// <summary>A move-out form for the unit, dated today; null when the unit is not the user's to see.</summary>
    public async Task<MoveOutForm?> NewFormAsync(Guid? unitId, CancellationToken ct)
    {
        var form = new MoveOutForm { UnitId = unitId, MoveOutDate = PortalClock.Today(time) };
        return await WithUnitAsync(form, ct) ? form : null;
    }

    /// <summary>Fills the form's unit label, the unit's current occupants, what it owes and the counter time; false when the unit is not the user's to see.</summary>
    public async Task<bool> WithUnitAsync(MoveOutForm form, CancellationToken ct)
    {
        if (form.UnitId is not { } unitId || (await UnitLabels.ForAsync(db, [unitId], ct)).GetValueOrDefault(unitId) is not { } label)
        {
            return false;
        }

        form.UnitLabel = $"{label.Property} {label.Building} {label.Number}";
        var today = PortalClock.Today(time);
        form.Occupants = (await (from o in db.Occupancies.AsNoTracking()
                                 join c in db.Customers on o.CustomerId equals c.Id
                                 where o.UnitId == unitId && (o.EndDate == null || o.EndDate >= today)
                                 orderby o.Role
                                 select new { o.Id, c.Name, o.Role }).ToListAsync(ct))
            .Select(o => new SelectListItem($"{o.Name}（{shared.Enum(o.Role)}）", o.Id.ToString(), o.Id == form.OccupancyId)).ToList();
        form.Owed = await OwedAsync(unitId, ct);
        form.Minutes = (await sla.PolicyForAsync(label.PropertyId, ct)).MoveOutMinutes;
        return true;
    }

    /// <summary>Everything the unit still owes, deposits unpaid included (a held deposit is not owed).</summary>
    public async Task<decimal> OwedAsync(Guid unitId, CancellationToken ct) =>
        await db.Charges.Where(c => c.UnitId == unitId).Owed().SumAsync(c => c.Amount - c.Released - c.Paid, ct);

    /// <summary>The move-out's page (and its slip): the unit, the household, what is owed now, its clock and its timeline.</summary>
    public async Task<MoveOutPage?> DetailsAsync(Guid id, CancellationToken ct)
    {
        var m = await db.MoveOuts.AsNoTracking().Include(x => x.Events).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
        {
            return null;
        }

        var label = (await UnitLabels.ForAsync(db, [m.UnitId], ct))[m.UnitId];
        var name = await db.Customers.Where(c => c.Id == m.CustomerId).Select(c => c.Name).FirstAsync(ct);
        var clocks = await caseClocks.ReadForCaseAsync(id, ct);
        var names = await db.Users.Where(u => clocks.Select(c => c.AssigneeId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var now = time.GetUtcNow().UtcDateTime;
        return new MoveOutPage(m, label.Property, label.Building, label.Number, name, await OwedAsync(m.UnitId, ct),
            clocks.Select(c => Repairs.ClockView.From(c, now, names)).ToList(), now, (await sla.PolicyForAsync(m.PropertyId, ct)).MoveOutMinutes);
    }
}
