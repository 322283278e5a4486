using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PropertyPortal.Domain.Residents;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Residents;

public enum CodeRequest
{
    /// <summary>The same answer for a known and an unknown number: "if the number is registered, a code is on its way".</summary>
    Accepted,

    /// <summary>A code was asked for this number or from this address less than the interval ago.</summary>
    TooSoon,

    /// <summary>The day's codes for this number or this address are used up.</summary>
    TooMany,
}

public enum InvitationOutcome
{
    SignedIn,
    Unknown,

    /// <summary>The number already belongs to another household's account.</summary>
    PhoneTaken,

    /// <summary>This address has tried <see cref="ResidentOptions.InvitationTriesPerHour"/> codes in the last hour; nothing was checked.</summary>
    TooManyTries,
}

/// <summary>
/// The household's sign-in (ADR 0025): a code by SMS to a number the registry knows, through the outbox like every other
/// message, or a printed invitation code that binds a number on first use. Anonymous until it succeeds, so the account and
/// invitation are read and written with the property scope lifted (<see cref="HttpPropertyScope.AsSystem"/>) — only here.
/// </summary>
public sealed class ResidentSignIn(
    PortalDbContext db, Notifier notifier, SecretArgs secrets, IOptions<ResidentOptions> options, TimeProvider time, ILogger<ResidentSignIn> logger)
{
    private readonly ResidentOptions _o = options.Value;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Rate limits first (per number and per address, counted on the rows of known and unknown numbers alike), then a row
    /// for the request; a known number's row has its account and an SMS in the outbox, saved together.
    /// </summary>
    public async Task<CodeRequest> RequestCodeAsync(string phone, string ip, CancellationToken ct)
    {
        using var _ = HttpPropertyScope.AsSystem(db);
        var now = Now;
        var limits = _o.Limits;
        var dayAgo = now.AddDays(-1);
        var recent = await db.ResidentSignInCodes.AsNoTracking()
            .Where(c => c.CreatedAt > dayAgo && (c.Phone == phone || c.Ip == ip))
            .Select(c => new { c.Phone, c.Ip, c.CreatedAt }).ToListAsync(ct);
        var byPhone = recent.Where(c => c.Phone == phone).ToList();
        var byIp = recent.Where(c => c.Ip == ip).ToList();
        var soon = now.AddSeconds(-limits.MinSecondsBetweenCodes);
        if (byPhone.Any(c => c.CreatedAt > soon) || byIp.Any(c => c.CreatedAt > soon))
        {
            return CodeRequest.TooSoon;
        }

        if (byPhone.Count >= limits.MaxCodesPerDay || byIp.Count >= limits.MaxCodesPerDay)
        {
            return CodeRequest.TooMany;
        }

        var account = await AccountForAsync(phone, ct);
        var (row, code) = ResidentSignInCode.Issue(phone, ip, account?.Id, now, limits);
        db.ResidentSignInCodes.Add(row);
        if (account is not null)
        {
            notifier.EnqueueToResident(account, $"resident:{row.Id:N}:code", NotificationKinds.ResidentSignInCode,
                [secrets.Protect(code, TimeSpan.FromMinutes(limits.CodeMinutes)), limits.CodeMinutes]);
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Sign-in code asked for {Phone} from {Ip} (known: {Known})", ResidentAuth.MaskedPhone(phone), ip, account is not null);
        return CodeRequest.Accepted;
    }

    /// <summary>One try of the newest code asked for the number; the account signed in on success.</summary>
    public async Task<(CodeCheck Check, int TriesLeft, ResidentAccount? Account)> VerifyAsync(string phone, string? code, CancellationToken ct)
    {
        using var _ = HttpPropertyScope.AsSystem(db);
        var now = Now;
        var row = await db.ResidentSignInCodes.Where(c => c.Phone == phone).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return (CodeCheck.Expired, 0, null);
        }

        var check = row.Try(code, now);
        ResidentAccount? account = null;
        if (check == CodeCheck.Accepted)
        {
            account = await db.ResidentAccounts.FirstOrDefaultAsync(a => a.Id == row.AccountId, ct);
            if (account is null || account.IsDisabled)
            {
                return (CodeCheck.Spent, 0, null);
            }

            account.SignedIn(now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Two tries at once on one code: the other counted first; this one counts as wrong.
            return (CodeCheck.Wrong, 0, null);
        }

        logger.LogInformation("Sign-in code for {Phone}: {Check} (try {Tries})", ResidentAuth.MaskedPhone(phone), check, row.Tries);
        return (check, Math.Max(0, row.MaxTries - row.Tries), account);
    }

    /// <summary>
    /// A printed invitation: an unused code binds the number to the code's household (a new account, or the number's
    /// account when it already belongs to that household) and signs it in; the code is spent.
    /// </summary>
    /// <remarks>
    /// Each try from <paramref name="ip"/> is a row counted in the database before the code is looked at, so the hour's limit
    /// holds across every instance (as the SMS code limits do); the address's rows older than the hour are removed then.
    /// </remarks>
    public async Task<(InvitationOutcome Outcome, ResidentAccount? Account)> RedeemAsync(string phone, string? typed, string ip, CancellationToken ct)
    {
        using var _ = HttpPropertyScope.AsSystem(db);
        var hourAgo = Now.AddHours(-1);
        if (await db.InvitationTries.CountAsync(t => t.Ip == ip && t.At > hourAgo, ct) >= _o.InvitationTriesPerHour)
        {
            logger.LogWarning("Invitation code tries from {Ip} over the limit of {Limit} an hour", ip, _o.InvitationTriesPerHour);
            return (InvitationOutcome.TooManyTries, null);
        }

        await db.InvitationTries.Where(t => t.Ip == ip && t.At <= hourAgo).ExecuteDeleteAsync(ct);
        db.InvitationTries.Add(new InvitationTry(ip, Now));
        await db.SaveChangesAsync(ct);

        var code = HouseholdInvitation.Normalize(typed);
        var invitation = code.Length == HouseholdInvitation.Length
            ? await db.HouseholdInvitations.FirstOrDefaultAsync(i => i.Code == code && i.UsedAt == null, ct)
            : null;
        if (invitation is null)
        {
            logger.LogInformation("Invitation code refused for {Phone}", ResidentAuth.MaskedPhone(phone));
            return (InvitationOutcome.Unknown, null);
        }

        var now = Now;
        var account = await db.ResidentAccounts.FirstOrDefaultAsync(a => a.Phone == phone, ct);
        if (account is not null && (account.CustomerId != invitation.CustomerId || account.IsDisabled))
        {
            return (InvitationOutcome.PhoneTaken, null);
        }

        if (account is null)
        {
            var name = await db.Customers.Where(c => c.Id == invitation.CustomerId).Select(c => c.Name).FirstAsync(ct);
            account = new ResidentAccount(invitation.PropertyId, invitation.CustomerId, null, phone, name, now);
            db.ResidentAccounts.Add(account);
        }

        invitation.Use(account.Id, now);
        account.SignedIn(now);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Invitation {Invitation} bound {Phone} to household {CustomerId}", invitation.Id, ResidentAuth.MaskedPhone(phone), invitation.CustomerId);
        return (InvitationOutcome.SignedIn, account);
    }

    /// <summary>退出登录: every cookie of the account issued before now stops working (not only the phone's own copy).</summary>
    public async Task SignOutAsync(Guid accountId, CancellationToken ct)
    {
        using var _ = HttpPropertyScope.AsSystem(db);
        var account = await db.ResidentAccounts.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null)
        {
            return;
        }

        account.SignOut(Now);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Household account {Phone} signed out", ResidentAuth.MaskedPhone(account.Phone));
    }

    /// <summary>
    /// The account of a number: its own, else a new one for the registry's person with that number who lives in a unit now —
    /// the household's customer (mobile or second phone) before a member. Null for a number the registry does not know.
    /// </summary>
    private async Task<ResidentAccount?> AccountForAsync(string phone, CancellationToken ct)
    {
        var existing = await db.ResidentAccounts.FirstOrDefaultAsync(a => a.Phone == phone, ct);
        if (existing is not null)
        {
            return existing.IsDisabled ? null : existing;
        }

        var today = PortalClock.Today(time);
        var living = db.Occupancies.Where(o => o.StartDate <= today && (o.EndDate == null || o.EndDate >= today)).Select(o => o.CustomerId);
        var customer = await db.Customers.Where(c => (c.Phone == phone || c.Phone2 == phone) && living.Contains(c.Id))
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.PropertyId, c.Name }).FirstOrDefaultAsync(ct);
        if (customer is not null)
        {
            var account = new ResidentAccount(customer.PropertyId, customer.Id, null, phone, customer.Name, Now);
            db.ResidentAccounts.Add(account);
            return account;
        }

        var member = await db.HouseholdMembers.Where(m => m.Phone == phone && living.Contains(m.CustomerId))
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.CustomerId, m.PropertyId, m.Name }).FirstOrDefaultAsync(ct);
        if (member is null)
        {
            return null;
        }

        var forMember = new ResidentAccount(member.PropertyId, member.CustomerId, member.Id, phone, member.Name, Now);
        db.ResidentAccounts.Add(forMember);
        return forMember;
    }
}
