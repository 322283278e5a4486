namespace PropertyPortal.Domain.Common;

/// <summary>
/// Base of every business record. Keys are generated in the application (time-ordered GUIDs) so a
/// record has its identity before it is saved: the audit trail is written in the same transaction.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();

    /// <summary>Optimistic-concurrency token; incremented by the persistence layer on every update.</summary>
    public int Version { get; private set; }
}

/// <summary>A record that belongs to exactly one property (项目); visibility is decided by it.</summary>
public interface IPropertyScoped
{
    Guid PropertyId { get; }
}
