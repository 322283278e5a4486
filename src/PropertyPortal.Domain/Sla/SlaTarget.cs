using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Sla;

/// <summary>A clock's target: "10 minutes", "3 working days", "same service day", "at the appointment".</summary>
public readonly record struct SlaTarget(SlaTargetKind Kind, int Value, DateTime? AppointmentUtc = null)
{
    public static SlaTarget Minutes(int minutes) => minutes > 0
        ? new(SlaTargetKind.Minutes, minutes)
        : throw new DomainException("SlaTargetInvalid", "A minutes target must be positive.");

    public static SlaTarget Hours(int hours) => Minutes(hours * 60);

    public static SlaTarget Days(int days) => Minutes(days * 24 * 60);

    public static SlaTarget WorkingDays(int days) => days >= 0
        ? new(SlaTargetKind.WorkingDays, days)
        : throw new DomainException("SlaTargetInvalid", "A working-days target cannot be negative.");

    public static readonly SlaTarget SameServiceDay = new(SlaTargetKind.SameServiceDay, 0);

    /// <summary>
    /// The close of the service day the start falls in (当日, <paramref name="more"/> = 0), or of the
    /// <paramref name="more"/>-th service day after it (次日 = 1): a "same day" limit an admin may widen.
    /// </summary>
    public static SlaTarget ServiceDays(int more) => more >= 0
        ? new(SlaTargetKind.SameServiceDay, more)
        : throw new DomainException("SlaTargetInvalid", "A service-days target cannot be negative.");

    public static SlaTarget At(DateTime appointmentUtc) => new(SlaTargetKind.Appointment, 0, appointmentUtc);

    public DateTime DueFrom(DateTime startUtc, BusinessCalendar calendar) => Kind switch
    {
        SlaTargetKind.Minutes => startUtc.AddMinutes(Value),
        SlaTargetKind.WorkingDays => calendar.AddWorkingDays(startUtc, Value),
        SlaTargetKind.SameServiceDay => calendar.EndOfServiceDay(startUtc, Value),
        SlaTargetKind.Appointment => AppointmentUtc ?? throw new DomainException("SlaTargetInvalid", "An appointment target needs the appointment."),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };

    /// <summary>Whether the due time depends on the business calendar (and so on a loaded year).</summary>
    public bool UsesCalendar => Kind is SlaTargetKind.WorkingDays or SlaTargetKind.SameServiceDay;
}
