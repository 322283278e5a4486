using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Services;

/// <summary>
/// Something the desk books by time slot (会议室, 货梯, 加时空调 per zone) at one property, open between two
/// times of day, in slots of a fixed length. A booking holds whole slots, one row each, and the database's
/// unique (resource, slot) index is what refuses two bookings of the same slot — even from two desks at once.
/// </summary>
public sealed class BookableResource : Entity, IPropertyScoped
{
    public static readonly IReadOnlyList<int> AllowedSlotMinutes = [15, 30, 60];

    /// <summary>The longest booking: a working day of the longest opening hours.</summary>
    public const int MaxSlotsPerBooking = 96;

    private BookableResource() { }

    public BookableResource(Guid propertyId, ResourceKind kind, string name, string? location, int slotMinutes, TimeOnly opensAt, TimeOnly closesAt,
        decimal? hourlyRate, int sortOrder)
    {
        PropertyId = propertyId;
        Kind = kind;
        Update(name, location, slotMinutes, opensAt, closesAt, hourlyRate, sortOrder, true);
    }

    public Guid PropertyId { get; private set; }
    public ResourceKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string? Location { get; private set; }
    public int SlotMinutes { get; private set; }
    public TimeOnly OpensAt { get; private set; }
    public TimeOnly ClosesAt { get; private set; }

    /// <summary>The usual price per hour, offered as the booking's fee (the desk may change or drop it).</summary>
    public decimal? HourlyRate { get; private set; }

    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; }

    public void Update(string name, string? location, int slotMinutes, TimeOnly opensAt, TimeOnly closesAt, decimal? hourlyRate, int sortOrder, bool isActive)
    {
        if (!AllowedSlotMinutes.Contains(slotMinutes))
        {
            throw new DomainException("ResourceSlotInvalid", "Slots are 15, 30 or 60 minutes.");
        }

        if (closesAt <= opensAt || (opensAt.Hour * 60 + opensAt.Minute) % slotMinutes != 0 || (closesAt.Hour * 60 + closesAt.Minute) % slotMinutes != 0)
        {
            throw new DomainException("ResourceHoursInvalid", "The resource closes after it opens, both on the slot grid.");
        }

        if (hourlyRate is { } rate && !Fees.Money.IsValidAmount(rate))
        {
            throw new DomainException("AmountOutOfRange", "A charge is a positive amount in yuan with at most 2 decimals.");
        }

        Name = Guard.Required(name, nameof(Name));
        Location = Guard.Optional(location);
        SlotMinutes = slotMinutes;
        OpensAt = opensAt;
        ClosesAt = closesAt;
        HourlyRate = hourlyRate;
        SortOrder = sortOrder;
        IsActive = isActive;
    }

    /// <summary>The day's slot starts, opening to closing (local time).</summary>
    public IReadOnlyList<TimeOnly> DaySlots()
    {
        var slots = new List<TimeOnly>();
        for (var t = OpensAt; t < ClosesAt && t >= OpensAt; t = t.AddMinutes(SlotMinutes))
        {
            slots.Add(t);
        }

        return slots;
    }

    /// <summary>
    /// The slots a booking from <paramref name="from"/> to <paramref name="to"/> on <paramref name="date"/> holds, as UTC
    /// instants: refused off the slot grid, outside the opening hours, empty, or already begun.
    /// </summary>
    public IReadOnlyList<DateTime> SlotsFor(DateOnly date, TimeOnly from, TimeOnly to, TimeZoneInfo zone, DateTime nowUtc)
    {
        if (!IsActive)
        {
            throw new DomainException("ResourceInactive", "The resource is no longer booked.");
        }

        if (to <= from || from < OpensAt || to > ClosesAt)
        {
            throw new DomainException("BookingOutsideHours", "A booking is within the resource's opening hours and ends after it starts.");
        }

        if ((from - OpensAt).TotalMinutes % SlotMinutes != 0 || (to - OpensAt).TotalMinutes % SlotMinutes != 0)
        {
            throw new DomainException("BookingOffGrid", "A booking starts and ends on the resource's slots.");
        }

        var slots = new List<DateTime>();
        for (var t = from; t < to; t = t.AddMinutes(SlotMinutes))
        {
            slots.Add(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(t), zone));
        }

        if (slots[0] < nowUtc.AddMinutes(-SlotMinutes))
        {
            throw new DomainException("BookingInPast", "A slot that has already gone by cannot be booked.");
        }

        if (slots.Count > MaxSlotsPerBooking)
        {
            throw new DomainException("BookingTooLong", "A booking is at most one day.");
        }

        return slots;
    }

    /// <summary>The usual fee of so many minutes at the hourly rate (null when the resource has no rate).</summary>
    public decimal? FeeFor(int minutes) => HourlyRate is { } rate ? Fees.Money.Round(rate * minutes / 60m) : null;
}

/// <summary>
/// The booking of a resource by a service request: the time, and one <see cref="BookingSlot"/> row per slot it holds.
/// Cancelling gives the slots back (the rows are deleted) and keeps the booking with its reason.
/// </summary>
public sealed class Booking : Entity, IPropertyScoped
{
    private readonly List<BookingSlot> _slots = [];

    private Booking() { }

    internal Booking(ServiceRequest request, BookableResource resource, IReadOnlyList<DateTime> slotStarts)
    {
        if (resource.PropertyId != request.PropertyId)
        {
            throw new DomainException("ResourceOtherProperty", "The resource belongs to another property.");
        }

        PropertyId = request.PropertyId;
        RequestId = request.Id;
        ResourceId = resource.Id;
        ResourceName = resource.Name;
        StartsAt = slotStarts[0];
        EndsAt = slotStarts[^1].AddMinutes(resource.SlotMinutes);
        Status = BookingStatus.Booked;
        _slots.AddRange(slotStarts.Select(s => new BookingSlot(this, s)));
    }

    public Guid PropertyId { get; private set; }
    public Guid RequestId { get; private set; }
    public Guid ResourceId { get; private set; }
    public string ResourceName { get; private set; } = "";
    public DateTime StartsAt { get; private set; }
    public DateTime EndsAt { get; private set; }
    public BookingStatus Status { get; private set; }
    public string? CancelReason { get; private set; }
    public DateTime? CancelledAt { get; private set; }
    public string? CancelledByName { get; private set; }

    public IReadOnlyList<BookingSlot> Slots => _slots;

    public int Minutes => (int)(EndsAt - StartsAt).TotalMinutes;

    internal void Cancel(string reason, Actor by, DateTime nowUtc)
    {
        if (Status != BookingStatus.Booked)
        {
            throw new DomainException("BookingNotActive", "The booking is already cancelled.");
        }

        Status = BookingStatus.Cancelled;
        CancelReason = Guard.Required(reason, nameof(CancelReason));
        CancelledAt = nowUtc;
        CancelledByName = by.Name;
        _slots.Clear();
    }
}

/// <summary>One slot of a resource held by a booking. Unique per (resource, slot start): the clash guard.</summary>
public sealed class BookingSlot : IPropertyScoped, IHasOwnHistory
{
    private BookingSlot() { }

    internal BookingSlot(Booking booking, DateTime startsAt)
    {
        PropertyId = booking.PropertyId;
        BookingId = booking.Id;
        ResourceId = booking.ResourceId;
        StartsAt = startsAt;
    }

    public long Id { get; private set; }
    public Guid PropertyId { get; private set; }
    public Guid BookingId { get; private set; }
    public Guid ResourceId { get; private set; }
    public DateTime StartsAt { get; private set; }
}
