using Microsoft.AspNetCore.Mvc.Rendering;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Customers;

/// <summary>The list's filters; the same values drive the Excel export so it holds exactly what the page shows.</summary>
public sealed record CustomerFilter(Guid? PropertyId, CustomerKind? Kind, string? Name, string? Phone)
{
    public string? PhoneDigits => Domain.Registry.Phone.Normalize(Phone);
}

public sealed record CustomerRow(Guid Id, string PropertyName, CustomerKind Kind, string Name, string? Phone, string? Phone2,
    IdDocumentType? IdDocumentType, string? MaskedIdNumber, ContactChannel PreferredChannel, string? EmergencyContactName,
    string? EmergencyContactPhone, IReadOnlyList<string> CurrentUnits);

public sealed record CustomerList(CustomerFilter Filter, IReadOnlyList<SelectListItem> PropertyOptions, IReadOnlyList<CustomerRow> Rows,
    PageInfo Paging, bool CanWrite);

public sealed record OccupancyRow(Guid Id, Guid UnitId, string UnitNumber, string BuildingName, decimal Area, OccupancyRole Role,
    DateOnly StartDate, DateOnly? EndDate, bool IsCurrent, bool IsFuture, int Version);

public sealed record MemberRow(Guid Id, string Name, string? Relation, string? Phone, string? Notes, int Version);

public sealed record KeyRow(Guid Id, string UnitNumber, string Label, int Count, string? StorageLocation, DateOnly ReceivedOn,
    KeyStatus Status, string? LentTo, string? Notes, int Version);

/// <summary>户档案: the household head, its units, members and office-held keys, with every id whose history the timeline shows.</summary>
public sealed record HouseholdArchive(
    Guid Id, Guid PropertyId, string PropertyName, CustomerKind Kind, string Name,
    string? Phone, string? Phone2, string? Email, IdDocumentType? IdDocumentType, string? IdNumberShown, bool IdNumberIsMasked,
    string? EmergencyContactName, string? EmergencyContactPhone, ContactChannel PreferredChannel, string? Notes, int Version,
    IReadOnlyList<OccupancyRow> Occupancies, IReadOnlyList<MemberRow> Members, IReadOnlyList<KeyRow> Keys,
    IReadOnlyList<Guid> TimelineIds, bool CanWrite)
{
    public bool HasCurrentUnit => Occupancies.Any(o => o.IsCurrent);

    /// <summary>Whether the office may message the household (SMS, e-mail) and who last changed that.</summary>
    public MessagesConsentView? Messages { get; init; }
}

public sealed record MessagesConsentView(bool OptedOut, DateTime? ChangedAt, string? ChangedBy, string? Note);
