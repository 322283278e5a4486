using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Residents;

/// <summary>
/// One invitation code typed on the sign-in page, from one client address. The tries of the last hour are counted per
/// address in the database, so the limit holds across every instance of the portal (ADR 0025); a row older than the
/// window counts for nothing and is removed on that address's next try.
/// </summary>
public sealed class InvitationTry : Entity, IHasOwnHistory
{
    private InvitationTry() { }

    public InvitationTry(string ip, DateTime nowUtc)
    {
        Ip = Guard.Required(ip, nameof(Ip));
        At = nowUtc;
    }

    public string Ip { get; private set; } = "";
    public DateTime At { get; private set; }
}
