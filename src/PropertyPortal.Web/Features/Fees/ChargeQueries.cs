using PropertyPortal.Domain.Fees;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>
/// The two questions every fee page asks of the ledger, in one place so they cannot drift apart:
/// what is still owed (not reversed, not fully paid or released) and what is overdue (owed, past due,
/// deposits excluded — a deposit is never dunned). Outstanding of a non-deposit charge is Amount − Paid.
/// </summary>
public static class ChargeQueries
{
    public static IQueryable<Charge> Owed(this IQueryable<Charge> charges) =>
        charges.Where(c => c.ReversedAt == null && c.Paid + c.Released < c.Amount);

    public static IQueryable<Charge> OverdueOn(this IQueryable<Charge> charges, DateOnly today) =>
        charges.Owed().Where(c => c.Kind != FeeKind.Deposit && c.DueDate < today);
}
