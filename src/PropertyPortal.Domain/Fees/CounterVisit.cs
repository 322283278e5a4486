using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.Fees;

/// <summary>What the customer came to the fee counter for (002 L41–L44).</summary>
public enum CounterVisitKind
{
    /// <summary>交费: cash or cheque checked, receipt issued (L41–L42).</summary>
    Payment,

    /// <summary>查询: management fee, electricity, repair fee, deposit — looked up and answered (L43).</summary>
    Enquiry,

    /// <summary>临时打印管理费单: the bill printed and handed over (L44).</summary>
    Reprint,
}

public enum CounterVisitStatus { Open, Done, Abandoned }

public enum CounterVisitEventKind { Opened, PaymentTaken, Answered, Reprinted, Abandoned }

/// <summary>
/// 柜台办理: one customer at the fee counter, from the moment they came (the front-desk contact's received
/// time, or when the clerk opened the visit) until what they came for is done — a payment taken, an enquiry
/// answered, a bill reprinted — on a clock of the property's counter limit (002 L41–L44: 10 minutes). Whatever
/// the visit was opened for, it is met by the service actually given (a customer who came to ask may pay);
/// a customer who leaves unserved is recorded with a reason and the clock is cancelled, never met.
/// </summary>
public sealed class CounterVisit : Entity, ICase
{
    private readonly List<CounterVisitEvent> _events = [];

    private CounterVisit() { }

    public Guid PropertyId { get; private set; }

    /// <summary>Per property and day: GT20261122-0004 (柜台).</summary>
    public string Number { get; private set; } = "";

    public Guid UnitId { get; private set; }
    public Guid? CustomerId { get; private set; }

    /// <summary>The front-desk contact the visit was opened from, if any: its received time is the visit's start.</summary>
    public Guid? ContactId { get; private set; }

    public CounterVisitKind Kind { get; private set; }
    public string VisitorName { get; private set; } = "";

    /// <summary>When the customer came: the clock runs from here.</summary>
    public DateTime ArrivedAt { get; private set; }

    /// <summary>When the clerk opened the visit (after <see cref="ArrivedAt"/> when opened from an earlier contact).</summary>
    public DateTime OpenedAt { get; private set; }

    public string? HandlerId { get; private set; }
    public string HandlerName { get; private set; } = "";
    public CounterVisitStatus Status { get; private set; }
    public DateTime? DoneAt { get; private set; }

    /// <summary>The payment that served the visit.</summary>
    public Guid? PaymentId { get; private set; }

    /// <summary>The answer given to an enquiry.</summary>
    public string? Answer { get; private set; }

    public DateTime? ReprintedAt { get; private set; }
    public string? AbandonReason { get; private set; }

    public IReadOnlyList<CounterVisitEvent> Events => _events;

    IReadOnlyList<CaseEvent> ICase.Timeline => _events;

    public bool IsOpen => Status == CounterVisitStatus.Open;

    /// <summary>
    /// Opens the visit and starts its clock from <paramref name="arrivedAtUtc"/>, the customer's arrival as the
    /// desk logged it (never in the future, at most a day back, like a contact), so a visit opened late is late.
    /// </summary>
    public static CounterVisit Open(string number, Guid propertyId, Guid unitId, Guid? customerId, Guid? contactId, CounterVisitKind kind,
        string visitorName, DateTime arrivedAtUtc, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (arrivedAtUtc > nowUtc.AddMinutes(1))
        {
            throw new DomainException("ReceivedInFuture", "The received time cannot be in the future.");
        }

        if (arrivedAtUtc < nowUtc - FrontDesk.Contact.BackdateLimit)
        {
            throw new DomainException("BackdateTooFar", "A counter visit can start at most 24 hours back.");
        }

        var visit = new CounterVisit
        {
            PropertyId = propertyId,
            Number = Guard.Required(number, nameof(Number)),
            UnitId = unitId,
            CustomerId = customerId,
            ContactId = contactId,
            Kind = kind,
            VisitorName = Guard.Required(visitorName, nameof(VisitorName)),
            ArrivedAt = arrivedAtUtc,
            OpenedAt = nowUtc,
            HandlerId = by.UserId,
            HandlerName = by.Name,
            Status = CounterVisitStatus.Open,
        };
        clocks.Start(propertyId, SlaSubject.CounterVisit, visit.Id, SlaMilestone.CounterService, by.UserId,
            SlaTarget.Minutes(clocks.Context.Policy.CounterServiceMinutes), arrivedAtUtc);
        visit.Record(CounterVisitEventKind.Opened, by, nowUtc, kind.ToString());
        return visit;
    }

    /// <summary>交费: a payment for this visit's unit serves it (the receipt is on the timeline).</summary>
    public void RecordPayment(Payment payment, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen();
        if (payment.UnitId != UnitId)
        {
            throw new DomainException("CounterVisitOtherUnit", "The payment is for another unit than the visit's.");
        }

        PaymentId = payment.Id;
        Finish(CounterVisitEventKind.PaymentTaken, by, nowUtc, clocks, payment.ReceiptNumber);
    }

    /// <summary>查询: the answer the customer was given.</summary>
    public void RecordAnswer(string answer, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen();
        Answer = Guard.Required(answer, nameof(Answer));
        Finish(CounterVisitEventKind.Answered, by, nowUtc, clocks, Answer);
    }

    /// <summary>补打: the bill was produced for printing.</summary>
    public void RecordReprint(Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen();
        ReprintedAt = nowUtc;
        Finish(CounterVisitEventKind.Reprinted, by, nowUtc, clocks, null);
    }

    /// <summary>The customer left unserved: recorded with the reason; the clock is cancelled (neither met nor late).</summary>
    public void Abandon(string reason, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen();
        AbandonReason = Guard.Required(reason, nameof(AbandonReason));
        Status = CounterVisitStatus.Abandoned;
        DoneAt = nowUtc;
        clocks.Cancel(SlaMilestone.CounterService);
        Record(CounterVisitEventKind.Abandoned, by, nowUtc, AbandonReason);
    }

    private void Finish(CounterVisitEventKind kind, Actor by, DateTime nowUtc, ClockSet clocks, string? note)
    {
        Status = CounterVisitStatus.Done;
        DoneAt = nowUtc;
        clocks.Meet(SlaMilestone.CounterService, nowUtc);
        Record(kind, by, nowUtc, note);
    }

    private void RequireOpen()
    {
        if (Status != CounterVisitStatus.Open)
        {
            throw new DomainException("CounterVisitClosed", "This counter visit is already done or abandoned.");
        }
    }

    private void Record(CounterVisitEventKind kind, Actor by, DateTime at, string? note) =>
        _events.Add(new CounterVisitEvent(PropertyId, Id, kind, at, by, note));
}

/// <summary>One line of a counter visit's timeline.</summary>
public sealed class CounterVisitEvent : CaseEvent
{
    private CounterVisitEvent() { }

    internal CounterVisitEvent(Guid propertyId, Guid visitId, CounterVisitEventKind kind, DateTime at, Actor by, string? note)
        : base(propertyId, by, at, note)
    {
        VisitId = visitId;
        Kind = kind;
    }

    public Guid VisitId { get; private set; }
    public CounterVisitEventKind Kind { get; private set; }
}
