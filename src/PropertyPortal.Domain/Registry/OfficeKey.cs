using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Registry;

/// <summary>代管钥匙: a key of a unit held by the management office, with where it is and who has it.</summary>
public sealed class OfficeKey : Entity, IPropertyScoped
{
    private OfficeKey() { }

    public OfficeKey(Guid propertyId, Guid unitId, string label, int count, string? storageLocation, DateOnly receivedOn)
    {
        PropertyId = propertyId;
        UnitId = unitId;
        Label = Guard.Required(label, nameof(Label));
        SetCount(count);
        StorageLocation = Guard.Optional(storageLocation);
        ReceivedOn = receivedOn;
        Status = KeyStatus.Held;
    }

    public Guid PropertyId { get; private set; }
    public Guid UnitId { get; private set; }
    public string Label { get; private set; } = "";
    public int Count { get; private set; }
    public string? StorageLocation { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public KeyStatus Status { get; private set; }
    public string? LentTo { get; private set; }
    public string? Notes { get; private set; }

    public void Update(string label, int count, string? storageLocation, string? notes)
    {
        Label = Guard.Required(label, nameof(Label));
        SetCount(count);
        StorageLocation = Guard.Optional(storageLocation);
        Notes = Guard.Optional(notes);
    }

    public void Lend(string to)
    {
        if (Status != KeyStatus.Held)
        {
            throw new DomainException("KeyNotHeld", "Only a key held by the office can be lent.");
        }

        LentTo = Guard.Required(to, nameof(LentTo));
        Status = KeyStatus.Lent;
    }

    public void ReturnToOffice()
    {
        if (Status != KeyStatus.Lent)
        {
            throw new DomainException("KeyNotLent", "Only a lent key can come back.");
        }

        LentTo = null;
        Status = KeyStatus.Held;
    }

    /// <summary>The key goes back to the household for good (e.g. on move-in or move-out).</summary>
    public void HandBackToOwner()
    {
        if (Status == KeyStatus.Returned)
        {
            throw new DomainException("KeyAlreadyReturned", "The key was already handed back.");
        }

        LentTo = null;
        Status = KeyStatus.Returned;
    }

    private void SetCount(int count)
    {
        if (count is < 1 or > 100)
        {
            throw new DomainException("KeyCountOutOfRange", "Key count must be between 1 and 100.");
        }

        Count = count;
    }
}
