using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.Community;

/// <summary>
/// The half-year rule of one property (004 L51, "每半年至少开展一次公益性活动"): one row per property and half year,
/// unique, so the job that opens it runs any number of times on any number of instances and makes one. Its clock
/// runs from the half's first instant to the next half's; a public-welfare event recorded as held in the half meets it.
/// </summary>
public sealed class PublicWelfareHalf : Entity, IPropertyScoped
{
    private PublicWelfareHalf() { }

    public PublicWelfareHalf(Guid propertyId, int year, int half, DateTime nowUtc, ClockSet clocks)
    {
        if (half is not (1 or 2) || year is < 2000 or > 2100)
        {
            throw new DomainException("CalendarYearOutOfRange", "Year out of range.");
        }

        PropertyId = propertyId;
        Year = year;
        Half = half;
        var calendar = clocks.Context.Calendar;
        var start = EventDeadlines.Midnight(EventDeadlines.HalfStart(year, half), calendar);
        var due = EventDeadlines.Midnight(EventDeadlines.HalfEnd(year, half), calendar);
        clocks.Start(propertyId, SlaSubject.PublicWelfareHalf, Id, SlaMilestone.PublicWelfareHeld, null, SlaTarget.At(due), start < nowUtc ? start : nowUtc);
    }

    public Guid PropertyId { get; private set; }
    public int Year { get; private set; }

    /// <summary>1: January–June, 2: July–December.</summary>
    public int Half { get; private set; }

    public Guid? MetByEventId { get; private set; }
    public DateTime? MetAt { get; private set; }

    public bool Contains(DateOnly date) => date.Year == Year && EventDeadlines.HalfOf(date) == Half;

    /// <summary>
    /// A public-welfare event of this half was held (its record is filed): the clock is met at the time the event took
    /// place, even when the record came in after the half ended. Once; later events change nothing.
    /// </summary>
    public bool Meet(CommunityEvent e, BusinessCalendar calendar, ClockSet clocks)
    {
        if (MetByEventId is not null || !e.PublicWelfare || e.RecordedAt is null || !Contains(e.EventDate(calendar)))
        {
            return false;
        }

        MetByEventId = e.Id;
        MetAt = e.StartsAt;
        clocks.Meet(SlaMilestone.PublicWelfareHeld, e.StartsAt);
        return true;
    }
}
