using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Residents;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Residents;

/// <summary>What a household asks to change on its record: its contact phone, the channel it prefers, its members, a note.</summary>
public sealed class ChangeForm
{
    [Display(Name = "My.NewPhone")]
    public string? Phone { get; set; }

    [Display(Name = "My.Channel")]
    public ContactChannel? PreferredChannel { get; set; }

    [Display(Name = "My.MembersChange")]
    public string? Members { get; set; }

    [Display(Name = "My.Note")]
    public string? Note { get; set; }
}

public sealed class ChangeFormValidator : AbstractValidator<ChangeForm>
{
    public ChangeFormValidator(IStringLocalizer<ResidentsText> t)
    {
        RuleFor(x => x.Phone).Must(p => string.IsNullOrWhiteSpace(p) || Phone.IsValid(p)).WithMessage(_ => t["My.PhoneFormat"]);
        RuleFor(x => x.PreferredChannel).IsInEnum();
        RuleFor(x => x.Members).MaximumLength(HouseholdChangeRequest.MaxMembersText);
        RuleFor(x => x.Note).MaximumLength(500);
        RuleFor(x => x.Note).Must((x, _) => !string.IsNullOrWhiteSpace(x.Phone) || x.PreferredChannel is not null || !string.IsNullOrWhiteSpace(x.Members) || !string.IsNullOrWhiteSpace(x.Note))
            .WithMessage(_ => t["My.ChangeEmpty"]);
    }
}

public sealed record PendingChange(Guid Id, int Version, string Household, string? Units, string RequestedBy, DateTime At, string? Phone, ContactChannel? Channel,
    string? Members, string? Note);

/// <summary>
/// 住户资料变更: a household asks on its page, the front desk is told and approves (the phone and channel go onto the customer, in
/// the same save) or refuses with a reason. Nothing on the registry changes before the desk's decision.
/// </summary>
public sealed class HouseholdChanges(PortalDbContext db, Saving saving, Notifier notifier, TimeProvider time, IStringLocalizer<ResidentsText> t)
{
    public async Task<SaveResult> RequestAsync(MyHousehold home, ChangeForm form, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var desk = await notifier.UsersInRoleForPropertyAsync(Roles.FrontDesk, home.PropertyId, ct);
        return await saving.TryAsync(() =>
        {
            var request = new HouseholdChangeRequest(home.PropertyId, home.CustomerId, home.AccountId, home.Name, form.Phone, form.PreferredChannel, form.Members, form.Note, now);
            db.HouseholdChangeRequests.Add(request);
            notifier.Enqueue($"householdchange:{request.Id:N}", NotificationKinds.ResidentChangeRequested,
                [home.Name, string.Join("、", home.Units.Select(u => u.Number))], "/HouseholdChanges", home.PropertyId, desk);
        }, ct);
    }

    /// <summary>The desk's list: requests waiting, of the properties the user sees (the query filter), oldest first.</summary>
    public async Task<IReadOnlyList<PendingChange>> PendingAsync(CancellationToken ct)
    {
        var rows = await (from r in db.HouseholdChangeRequests.AsNoTracking()
                          join c in db.Customers on r.CustomerId equals c.Id
                          where r.State == ChangeRequestState.Pending
                          orderby r.RequestedAt
                          select new { r, c.Name }).Take(200).ToListAsync(ct);
        var customers = rows.Select(x => x.r.CustomerId).Distinct().ToList();
        var units = (await (from o in db.Occupancies.AsNoTracking()
                            join u in db.Units on o.UnitId equals u.Id
                            where customers.Contains(o.CustomerId) && o.EndDate == null
                            select new { o.CustomerId, u.Number }).ToListAsync(ct))
            .GroupBy(x => x.CustomerId).ToDictionary(g => g.Key, g => string.Join("、", g.Select(x => x.Number)));
        return [.. rows.Select(x => new PendingChange(x.r.Id, x.r.Version, x.Name, units.GetValueOrDefault(x.r.CustomerId), x.r.RequestedByName, x.r.RequestedAt,
            x.r.Phone, x.r.PreferredChannel, x.r.Members, x.r.Note))];
    }

    /// <summary>Approve (the customer takes the phone and channel) or refuse with a reason; null when the request is not the user's to see.</summary>
    public async Task<SaveResult?> DecideAsync(Guid id, int version, bool approve, string? note, Actor by, CancellationToken ct)
    {
        var request = await db.HouseholdChangeRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return null;
        }

        var customer = await db.Customers.FirstAsync(c => c.Id == request.CustomerId, ct);
        db.Entry(request).Property(nameof(Entity.Version)).OriginalValue = version;
        var now = time.GetUtcNow().UtcDateTime;
        if (!approve && string.IsNullOrWhiteSpace(note))
        {
            return new SaveResult(SaveStatus.Refused, t["My.RefusalNeedsReason"]);
        }

        return await saving.TryAsync(() =>
        {
            if (approve)
            {
                request.Approve(customer, note, by, now);
            }
            else
            {
                request.Refuse(note!, by, now);
            }
        }, ct);
    }
}
