namespace PropertyPortal.Web.Infrastructure.Persistence;

public enum AuditAction { Created, Updated, Deleted }

/// <summary>One create/update/delete of a business record: who, when, and each field's old → new value.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string EntityType { get; set; } = "";
    public Guid EntityId { get; set; }
    public Guid? PropertyId { get; set; }
    public AuditAction Action { get; set; }

    /// <summary>JSON array of <see cref="AuditChange"/>.</summary>
    public string Changes { get; set; } = "[]";
}

public sealed record AuditChange(string Field, string? Old, string? New);
