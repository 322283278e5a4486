namespace PropertyPortal.Web.Infrastructure.Persistence;

/// <summary>ASP.NET Core Data Protection key ring, shared by every app instance through the database.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}

/// <summary>Which properties a (non company-wide) user is assigned to.</summary>
public sealed class UserProperty
{
    public string UserId { get; set; } = "";
    public Guid PropertyId { get; set; }
}

/// <summary>Last beat of the harmless recurring job: proves the scheduler runs (shown by /healthz).</summary>
public sealed class SchedulerHeartbeat
{
    public string Id { get; set; } = "";
    public DateTime LastBeatAt { get; set; }
    public string InstanceName { get; set; } = "";
    public long Beats { get; set; }
}

/// <summary>
/// The last receipt number used by a property. A payment increments it in its own transaction (the
/// row lock serialises concurrent cashiers); a rolled-back payment rolls the number back too, so the
/// receipts have no gaps and no duplicates.
/// </summary>
public sealed class ReceiptSequence
{
    public Guid PropertyId { get; set; }
    public long Last { get; set; }
}
