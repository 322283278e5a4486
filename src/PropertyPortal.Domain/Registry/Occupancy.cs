using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Registry;

/// <summary>A customer living in or owning a unit, as owner or tenant, from a date until an optional end date.</summary>
public sealed class Occupancy : Entity, IPropertyScoped
{
    private Occupancy() { }

    public Occupancy(Guid propertyId, Guid unitId, Guid customerId, OccupancyRole role, DateOnly startDate, DateOnly? endDate = null)
    {
        PropertyId = propertyId;
        UnitId = unitId;
        CustomerId = customerId;
        Role = role;
        StartDate = startDate;
        SetEnd(endDate);
    }

    public Guid PropertyId { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid CustomerId { get; private set; }
    public OccupancyRole Role { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }

    public bool IsCurrent(DateOnly today) => StartDate <= today && (EndDate is null || EndDate >= today);

    public void Change(OccupancyRole role, DateOnly startDate, DateOnly? endDate)
    {
        Role = role;
        StartDate = startDate;
        SetEnd(endDate);
    }

    public void End(DateOnly endDate) => SetEnd(endDate);

    private void SetEnd(DateOnly? endDate)
    {
        if (endDate is { } end && end < StartDate)
        {
            throw new DomainException("EndBeforeStart", "An occupancy cannot end before it starts.");
        }

        EndDate = endDate;
    }
}
