using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Community;
using PropertyPortal.Domain.Notices;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Residents;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Residents;

public sealed record MyChargeLine(string Unit, string Description, decimal Amount, decimal Paid, decimal Outstanding, DateOnly DueDate);

public sealed record MyMonth(int? Period, IReadOnlyList<MyChargeLine> Lines)
{
    public decimal Outstanding => Lines.Sum(l => l.Outstanding);
}

public sealed record MyReceipt(string Number, DateTime At, decimal Amount, Domain.Fees.PaymentMethod Method);

/// <summary>Where to pay by transfer: the property's own payee and bank (its settings page), as the payment notice prints them.</summary>
public sealed record MyBank(string? Payee, string? Bank, string? Account);

public sealed record MyBill(decimal Owed, IReadOnlyList<MyMonth> Months, IReadOnlyList<MyReceipt> Receipts, MyBank Bank);

public sealed record MyNotice(Guid Id, string Number, string Title, string Body, DateTime? PublishedAt);

public sealed record MyInvitation(Guid Id, int Version, string Theme, DateTime StartsAt, string Place, InvitationReply Reply, int? People, bool Open);

public sealed record MyMember(string Name, string? Relation, string? Phone);

public sealed record MyChange(DateTime At, ChangeRequestState State, string? Phone, ContactChannel? Channel, string? Members, string? Note, string? DecisionNote);

public sealed record MyHouseholdPage(string Name, string? Phone, ContactChannel Channel, IReadOnlyList<MyMember> Members, IReadOnlyList<MyChange> Changes);

/// <summary>
/// The household's bill, notices, invitations and record, read for the units and customer of <see cref="MyHousehold"/> only
/// (the bill by its current units, the notices delivered to it, the invitations addressed to it).
/// </summary>
public sealed class ResidentAccountPages(PortalDbContext db, TimeProvider time)
{
    /// <summary>Charges by month (newest first, one-offs at the end), what is owed, and the receipts of its units.</summary>
    public async Task<MyBill> BillAsync(MyHousehold home, CancellationToken ct)
    {
        var units = home.UnitIds.ToArray();
        var numbers = home.Units.ToDictionary(u => u.Id, u => u.Number);
        var charges = await db.Charges.AsNoTracking()
            .Where(c => units.Contains(c.UnitId) && (c.CustomerId == home.CustomerId || c.CustomerId == null) && c.ReversedAt == null)
            .OrderByDescending(c => c.Period).ThenBy(c => c.DueDate).Take(500)
            .Select(c => new { c.UnitId, c.Period, c.Description, c.Amount, c.Paid, c.Released, c.DueDate }).ToListAsync(ct);
        var months = charges.GroupBy(c => c.Period)
            .Select(g => new MyMonth(g.Key, [.. g.Select(c => new MyChargeLine(numbers[c.UnitId], c.Description, c.Amount, c.Paid, c.Amount - c.Released - c.Paid, c.DueDate))]))
            .OrderBy(m => m.Period is null).ThenByDescending(m => m.Period).ToList();
        var receipts = await db.Payments.AsNoTracking()
            .Where(p => units.Contains(p.UnitId) && p.CustomerId == home.CustomerId && p.ReversedAt == null)
            .OrderByDescending(p => p.ReceivedAt).Take(24)
            .Select(p => new MyReceipt(p.ReceiptNumber, p.ReceivedAt, p.Amount, p.Method)).ToListAsync(ct);
        var bank = await db.Properties.AsNoTracking().Where(p => p.Id == home.PropertyId)
            .Select(p => new MyBank(p.PayeeName ?? p.Name, p.BankName, p.BankAccount)).FirstAsync(ct);
        return new MyBill(months.Sum(m => m.Outstanding), months, receipts, bank);
    }

    /// <summary>Published notices delivered to the household (its property's, its building's), newest first.</summary>
    public async Task<IReadOnlyList<MyNotice>> NoticesAsync(MyHousehold home, CancellationToken ct) =>
        await (from d in db.NoticeDeliveries.AsNoTracking()
               join n in db.PublicNotices on d.NoticeId equals n.Id
               where d.CustomerId == home.CustomerId && n.Status == NoticeStatus.Published
               orderby n.PublishedAt descending
               select new MyNotice(n.Id, n.Number, n.Title, n.Body, n.PublishedAt)).Distinct().Take(30).ToListAsync(ct);

    /// <summary>The household's event invitations; those still ahead can be answered.</summary>
    public async Task<IReadOnlyList<MyInvitation>> InvitationsAsync(MyHousehold home, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await (from i in db.EventInvitations.AsNoTracking()
                      join e in db.CommunityEvents on i.EventId equals e.Id
                      where i.CustomerId == home.CustomerId
                      orderby e.StartsAt descending
                      select new MyInvitation(i.Id, i.Version, e.Theme, e.StartsAt, e.Place, i.Reply, i.People, e.StartsAt > now)).Take(20).ToListAsync(ct);
    }

    public async Task<MyHouseholdPage> HouseholdAsync(MyHousehold home, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == home.CustomerId)
            .Select(c => new { c.Name, c.Phone, c.PreferredChannel }).FirstAsync(ct);
        var members = await db.HouseholdMembers.AsNoTracking().Where(m => m.CustomerId == home.CustomerId).OrderBy(m => m.Name)
            .Select(m => new MyMember(m.Name, m.Relation, m.Phone)).ToListAsync(ct);
        var changes = await db.HouseholdChangeRequests.AsNoTracking().Where(r => r.CustomerId == home.CustomerId).OrderByDescending(r => r.RequestedAt).Take(10)
            .Select(r => new MyChange(r.RequestedAt, r.State, r.Phone, r.PreferredChannel, r.Members, r.Note, r.DecisionNote)).ToListAsync(ct);
        return new MyHouseholdPage(customer.Name, customer.Phone, customer.PreferredChannel, members, changes);
    }
}
