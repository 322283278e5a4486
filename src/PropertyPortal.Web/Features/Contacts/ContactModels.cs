using Microsoft.AspNetCore.Mvc.Rendering;
using PropertyPortal.Domain.FrontDesk;

namespace PropertyPortal.Web.Features.Contacts;

public sealed record ContactRow(Guid Id, DateTime ReceivedAt, bool IsBackdated, ContactSource Source, string Name, string? Phone,
    string? UnitNumber, Guid? CustomerId, string Subject, ContactOutcome Outcome, string? OutcomeNote, Guid? RepairOrderId,
    string LoggedByName, string PropertyName, int Version);

/// <summary>The counter's form with today's contacts underneath, so the next call is logged straight away.</summary>
public sealed record ContactCreatePage(ContactForm Form, IReadOnlyList<ContactRow> Recent);

public sealed record ContactFilter(Guid? PropertyId, DateOnly Date, ContactSource? Source, ContactOutcome? Outcome);

public sealed record ContactList(ContactFilter Filter, IReadOnlyList<SelectListItem> PropertyOptions, IReadOnlyList<ContactRow> Rows,
    bool DaySigned);

public sealed record ContactDetails(ContactRow Row, Guid PropertyId, Guid? UnitId, string? CustomerName, string? Details,
    DateTime LoggedAt, string? RepairOrderNumber, bool DaySigned, DateOnly Day)
{
    /// <summary>The service request the contact became (转服务请求), and its number.</summary>
    public Guid? ServiceRequestId { get; init; }

    public string? ServiceRequestNumber { get; init; }
}

/// <summary>One line under the lookup box; choosing it fills the form's household fields.</summary>
public sealed record LookupSuggestion(Guid? CustomerId, string? Name, string? MaskedPhone, string? Phone, Guid? UnitId, string? UnitNumber,
    Guid PropertyId, string PropertyName);
