namespace PropertyPortal.Domain.Common;

/// <summary>
/// A record that is itself history (a timeline event, a fired SLA event, a notification) or that
/// only mirrors state already recorded elsewhere. The generic audit trail skips it: auditing it
/// would double every row and slow the minute sweep for nothing.
/// </summary>
public interface IHasOwnHistory;

/// <summary>Who did something, as the timeline shows it.</summary>
public sealed record Actor(string? UserId, string Name)
{
    public static readonly Actor System = new(null, "system");
}
