using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.MoveInOut;

/// <summary>Who comes to take the unit over (000 L186–L190): decides which documents are checked.</summary>
public enum MoveInApplicant
{
    /// <summary>业主本人: ID, 入住通知单, 购房合同.</summary>
    Owner,

    /// <summary>受托人代办: the owner's papers plus the power of attorney and the agent's own ID.</summary>
    Agent,

    /// <summary>单位购买: the company's certificate and the handling person's ID.</summary>
    Company,
}

/// <summary>平时入伙 (one household by appointment) or 集中入伙 (a day's schedule of many units).</summary>
public enum MoveInMode { Ordinary, Batch }

public enum MoveInStatus
{
    /// <summary>已预约: waiting for the household at the appointment.</summary>
    Booked,

    /// <summary>办理中: the household has come; documents, agreements, charges, keys and the inspection are worked through.</summary>
    InProgress,

    /// <summary>已入住: the unit is the household's (occupied, or vacant in custody).</summary>
    Completed,

    Cancelled,
}

/// <summary>The joint inspection's state (房屋验收, 000 L198–L206).</summary>
public enum MoveInInspectionState
{
    NotInspected,

    /// <summary>Defects found: repair orders for the developer, then a re-inspection.</summary>
    Defects,

    /// <summary>Nothing (left) wrong: waiting for the owner to sign.</summary>
    Passed,

    /// <summary>业主签字确认.</summary>
    SignedOff,
}

/// <summary>One line of the move-in checklist. Which lines apply depends on the applicant and on custody.</summary>
public enum MoveInItem
{
    /// <summary>入住通知单 (入伙通知书).</summary>
    MoveInNotice,

    /// <summary>业主身份证 (for an agent: 委托人身份证).</summary>
    OwnerId,

    /// <summary>购房合同 / 房屋买卖契约.</summary>
    SaleContract,

    /// <summary>委托书.</summary>
    PowerOfAttorney,

    /// <summary>受托人 / 经办人身份证明.</summary>
    AgentId,

    /// <summary>单位证明 (营业执照复印件).</summary>
    CompanyCertificate,

    /// <summary>住户登记表 filled in.</summary>
    RegistrationForm,

    /// <summary>临时管理规约 signed.</summary>
    ProvisionalCovenant,

    /// <summary>装修管理协议 signed.</summary>
    RenovationAgreement,

    /// <summary>防火责任书 signed.</summary>
    FireSafetyPledge,

    /// <summary>托管协议 signed (only when the owner leaves the unit in custody).</summary>
    CustodyAgreement,

    /// <summary>住户手册 issued and signed for.</summary>
    Handbook,

    /// <summary>水电图 issued and signed for.</summary>
    Drawings,

    /// <summary>钥匙 handed over and signed for (after the inspection, 004 L95 §一.四.7).</summary>
    Keys,

    /// <summary>入住费用 paid, with receipts.</summary>
    Charges,

    /// <summary>验房 signed off by the owner.</summary>
    InspectionSignedOff,
}

public enum MoveInEventKind
{
    Booked, Rescheduled, Received, Checked, ChargesRaised, ChargesPaid, Inspected, DefectRecorded, Reinspected, SignedOff, KeysHandedOver, Completed,
    Overridden, Cancelled,
}

/// <summary>
/// 入住/入伙 (000 L184–L210; 004 L95 §一): booked for an appointment (002 L27), then at the counter the
/// documents for the applicant type are checked, the 住户登记表 filled in, the agreements signed, the
/// move-in charges paid with receipts, the handbook and drawings issued; the joint inspection takes the
/// water, electricity and gas base readings and records defects (each a repair order for the
/// developer), re-inspection, owner sign-off, keys. The unit becomes the household's only when the
/// checklist is complete — or a supervisor overrides with a reason. Completion also schedules the new
/// household's callback within one month (002 L13; <see cref="SlaPolicy.NewHouseholdCallbackMonths"/>).
/// A booking promises the household its reception at the booked time: a <see cref="SlaMilestone.MoveInReception"/>
/// clock due at the appointment (plus <see cref="SlaPolicy.MoveInReceptionGraceMinutes"/>), met when the desk starts (开始办理).
/// </summary>
public sealed class MoveIn : Entity, ICase
{
    public const int MaxKeys = 50;

    private readonly List<MoveInCheck> _checks = [];
    private readonly List<MoveInDefect> _defects = [];
    private readonly List<MoveInEvent> _events = [];

    private MoveIn() { }

    public MoveIn(string number, Guid propertyId, Guid unitId, Guid customerId, MoveInApplicant applicant, string? agentName, DateTime appointmentAt,
        Guid? batchId, bool custody, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Number = Guard.Required(number, nameof(Number));
        PropertyId = propertyId;
        UnitId = unitId;
        CustomerId = customerId;
        Applicant = applicant;
        AgentName = Guard.Optional(agentName);
        if (applicant != MoveInApplicant.Owner && AgentName is null)
        {
            throw new DomainException("MoveInAgentRequired", "An agent or a company's handling person must be named.");
        }

        BatchId = batchId;
        Mode = batchId is null ? MoveInMode.Ordinary : MoveInMode.Batch;
        AppointmentAt = appointmentAt;
        Custody = custody;
        Status = MoveInStatus.Booked;
        BookedAt = nowUtc;
        foreach (var item in Required(applicant, custody))
        {
            _checks.Add(new MoveInCheck(propertyId, Id, item));
        }

        Record(MoveInEventKind.Booked, by, nowUtc, null);
        StartReception(by, nowUtc, clocks);
    }

    public string Number { get; private set; } = "";
    public Guid PropertyId { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid CustomerId { get; private set; }
    public MoveInApplicant Applicant { get; private set; }

    /// <summary>The agent (受托人) or the company's handling person (经办人).</summary>
    public string? AgentName { get; private set; }

    public MoveInMode Mode { get; private set; }
    public Guid? BatchId { get; private set; }
    public DateTime AppointmentAt { get; private set; }
    public DateTime BookedAt { get; private set; }

    /// <summary>The owner leaves the unit with management (托管): vacant, fee at the custody rate, weekly patrol.</summary>
    public bool Custody { get; private set; }

    public MoveInStatus Status { get; private set; }
    public DateTime? ReceivedAt { get; private set; }
    public string? ReceivedByName { get; private set; }

    public MoveInInspectionState Inspection { get; private set; }
    public DateTime? InspectedAt { get; private set; }

    /// <summary>The maintenance professional who went round with the owner.</summary>
    public string? InspectorName { get; private set; }

    public decimal? WaterBase { get; private set; }
    public decimal? ElectricityBase { get; private set; }
    public decimal? GasBase { get; private set; }
    public DateTime? ReinspectedAt { get; private set; }
    public DateTime? SignedOffAt { get; private set; }

    /// <summary>The name the owner signed the inspection with.</summary>
    public string? SignedOffBy { get; private set; }

    public int KeysIssued { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public string? CompletedByName { get; private set; }

    /// <summary>The household's steward (楼栋管家), named when the move-in completes: they introduce themselves from that day (004 L110).</summary>
    public string? StewardId { get; private set; }

    public string? StewardName { get; private set; }
    public string? OverrideReason { get; private set; }
    public string? OverrideByName { get; private set; }
    public string? CancelReason { get; private set; }

    /// <summary>When anything last happened: every step touches the move-in itself, so two desks working the same household are caught by its version.</summary>
    public DateTime LastChangedAt { get; private set; }

    /// <summary>The new household's callback (002 L13), made when the move-in completes.</summary>
    public Guid? CallbackId { get; private set; }

    public IReadOnlyList<MoveInCheck> Checks => _checks;
    public IReadOnlyList<MoveInDefect> Defects => _defects;
    public IReadOnlyList<MoveInEvent> Events => _events;

    IReadOnlyList<CaseEvent> ICase.Timeline => _events;

    /// <summary><see cref="IsOpen"/> for a query: booked or in progress.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<MoveIn, bool>> Open = m => m.Status == MoveInStatus.Booked || m.Status == MoveInStatus.InProgress;

    public bool IsOpen => Status is MoveInStatus.Booked or MoveInStatus.InProgress;

    public IEnumerable<MoveInItem> Missing => _checks.Where(c => !c.Done).Select(c => c.Item);

    public bool ChecklistComplete => _checks.All(c => c.Done);

    /// <summary>The checklist lines for an applicant, in the order the counter works through them.</summary>
    public static IReadOnlyList<MoveInItem> Required(MoveInApplicant applicant, bool custody)
    {
        var items = new List<MoveInItem> { MoveInItem.MoveInNotice };
        items.AddRange(applicant switch
        {
            MoveInApplicant.Owner => [MoveInItem.OwnerId, MoveInItem.SaleContract],
            MoveInApplicant.Agent => [MoveInItem.OwnerId, MoveInItem.SaleContract, MoveInItem.PowerOfAttorney, MoveInItem.AgentId],
            _ => [MoveInItem.SaleContract, MoveInItem.CompanyCertificate, MoveInItem.AgentId],
        });
        items.AddRange([MoveInItem.RegistrationForm, MoveInItem.ProvisionalCovenant, MoveInItem.RenovationAgreement, MoveInItem.FireSafetyPledge]);
        if (custody)
        {
            items.Add(MoveInItem.CustodyAgreement);
        }

        items.AddRange([MoveInItem.Handbook, MoveInItem.Drawings, MoveInItem.Charges, MoveInItem.InspectionSignedOff, MoveInItem.Keys]);
        return items;
    }

    /// <summary>Lines ticked by hand at the counter; the others follow from the ledger, the inspection and the key handover.</summary>
    public static bool IsManual(MoveInItem item) => item is not (MoveInItem.Charges or MoveInItem.InspectionSignedOff or MoveInItem.Keys);

    /// <summary>
    /// A new appointment. The reception clock follows it while it is not yet due; the clock of an appointment
    /// already missed is ended (the breach the sweep fired for it stays on record) and the new time is a new
    /// promise with a clock of its own.
    /// </summary>
    public void Reschedule(DateTime appointmentAt, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (Status != MoveInStatus.Booked)
        {
            throw new DomainException("MoveInNotBooked", "Only a booked move-in can be rescheduled.");
        }

        AppointmentAt = appointmentAt;
        Record(MoveInEventKind.Rescheduled, by, nowUtc, null);
        var due = ReceptionDue(clocks.Context.Policy);
        if (clocks.Open(SlaMilestone.MoveInReception) is { } open)
        {
            if (nowUtc <= open.DueAt && due > nowUtc)
            {
                open.Retarget(SlaTarget.At(due), clocks.Context.Calendar);
                return;
            }

            open.Cancel();
        }

        StartReception(by, nowUtc, clocks);
    }

    /// <summary>The household has come to the counter (开始办理): the reception clock is met.</summary>
    public void Receive(Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (Status != MoveInStatus.Booked)
        {
            throw new DomainException("MoveInNotBooked", "The household has already been received.");
        }

        Status = MoveInStatus.InProgress;
        ReceivedAt = nowUtc;
        ReceivedByName = by.Name;
        clocks.Meet(SlaMilestone.MoveInReception, nowUtc);
        Record(MoveInEventKind.Received, by, nowUtc, null);
    }

    /// <summary>When the booked household must have been received: the appointment plus the property's grace (002 L27: none).</summary>
    public DateTime ReceptionDue(SlaPolicy policy) => AppointmentAt.AddMinutes(policy.MoveInReceptionGraceMinutes);

    /// <summary>
    /// The new household's callback (002 L13): <see cref="SlaPolicy.NewHouseholdCallbackMonths"/> calendar
    /// months after <paramref name="nowUtc"/> on the portal's wall clock (31 January → 28 February).
    /// </summary>
    public static DateTime CallbackDue(SlaContext context, DateTime nowUtc) =>
        context.Calendar.ToUtc(context.Calendar.ToLocal(nowUtc).AddMonths(context.Policy.NewHouseholdCallbackMonths));

    /// <summary>
    /// Starts the reception clock, due at the appointment (plus the grace), handled by whoever booked it. A
    /// booking whose due time is not in the future (a walk-in booked as it is received) promises nothing, so it has none.
    /// </summary>
    private void StartReception(Actor by, DateTime nowUtc, ClockSet clocks)
    {
        var due = ReceptionDue(clocks.Context.Policy);
        if (due > nowUtc)
        {
            clocks.Start(PropertyId, SlaSubject.MoveIn, Id, SlaMilestone.MoveInReception, by.UserId, SlaTarget.At(due), nowUtc);
        }
    }

    /// <summary>
    /// Ticks the counter's lines (documents seen, form filled, agreements signed, handbook and drawings
    /// issued). A ticked line stays ticked: what was signed cannot be unsigned. Returns the lines newly ticked.
    /// </summary>
    public IReadOnlyList<MoveInItem> Check(IEnumerable<MoveInItem> items, Actor by, DateTime nowUtc)
    {
        RequireInProgress();
        var lines = items.Distinct().Select(item => IsManual(item)
            ? Find(item)
            : throw new DomainException("MoveInItemNotManual", "Charges, the inspection and the keys are recorded by their own steps.")).ToList();
        var ticked = new List<MoveInItem>();
        foreach (var check in lines.Where(c => !c.Done))
        {
            check.Tick(by, nowUtc, null);
            ticked.Add(check.Item);
        }

        if (ticked.Count > 0)
        {
            Record(MoveInEventKind.Checked, by, nowUtc, string.Join(",", ticked));
        }

        return ticked;
    }

    /// <summary>The move-in charges are paid: <paramref name="outstanding"/> is what they still owe, read now from the ledger.</summary>
    public void RecordChargesPaid(decimal outstanding, IReadOnlyCollection<string> receipts, Actor by, DateTime nowUtc)
    {
        RequireInProgress();
        if (outstanding > 0)
        {
            throw new DomainException("MoveInChargesOwed", "The move-in charges are not all paid.");
        }

        var note = receipts.Count == 0 ? null : string.Join("、", receipts);
        Find(MoveInItem.Charges).Tick(by, nowUtc, note);
        Record(MoveInEventKind.ChargesPaid, by, nowUtc, note);
    }

    public void RecordChargesRaised(string summary, Actor by, DateTime nowUtc)
    {
        RequireInProgress();
        Record(MoveInEventKind.ChargesRaised, by, nowUtc, summary);
    }

    /// <summary>
    /// The joint inspection (验房): base readings confirmed with the owner, defects listed item by item.
    /// No defects → passed, waiting for the owner's signature; defects → each becomes a repair order
    /// for the developer (the caller opens them and links them with <see cref="MoveInDefect.LinkRepairOrder"/>).
    /// </summary>
    public IReadOnlyList<MoveInDefect> RecordInspection(string inspectorName, decimal water, decimal electricity, decimal? gas,
        IReadOnlyList<(string Location, string Description)> defects, Actor by, DateTime nowUtc)
    {
        RequireInProgress();
        if (Inspection != MoveInInspectionState.NotInspected)
        {
            throw new DomainException("MoveInAlreadyInspected", "The unit has been inspected; record a re-inspection instead.");
        }

        var inspector = Guard.Required(inspectorName, nameof(InspectorName));
        var readings = (Reading(water), Reading(electricity), gas is { } g ? Reading(g) : (decimal?)null);
        var added = NewDefects(defects, nowUtc);
        InspectorName = inspector;
        (WaterBase, ElectricityBase, GasBase) = readings;
        InspectedAt = nowUtc;
        _defects.AddRange(added);
        Inspection = added.Count == 0 ? MoveInInspectionState.Passed : MoveInInspectionState.Defects;
        Record(MoveInEventKind.Inspected, by, nowUtc, added.Count == 0 ? null : added.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return added;
    }

    /// <summary>
    /// 复检: refused while a defect's repair is still open (<paramref name="openDefectIds"/>, read from the
    /// repair orders); new defects found now start another round.
    /// </summary>
    public IReadOnlyList<MoveInDefect> Reinspect(IReadOnlyCollection<Guid> openDefectIds, IReadOnlyList<(string Location, string Description)> newDefects,
        Actor by, DateTime nowUtc)
    {
        RequireInProgress();
        if (Inspection != MoveInInspectionState.Defects)
        {
            throw new DomainException("MoveInNothingToReinspect", "Only an inspection with defects is re-inspected.");
        }

        if (openDefectIds.Count > 0)
        {
            throw new DomainException("MoveInDefectsOpen", "Some defects are still being repaired.");
        }

        var added = NewDefects(newDefects, nowUtc);
        foreach (var defect in _defects.Where(d => d.FixedAt is null))
        {
            defect.MarkFixed(nowUtc);
        }

        ReinspectedAt = nowUtc;
        _defects.AddRange(added);
        Inspection = added.Count == 0 ? MoveInInspectionState.Passed : MoveInInspectionState.Defects;
        Record(MoveInEventKind.Reinspected, by, nowUtc, added.Count == 0 ? null : added.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return added;
    }

    /// <summary>The owner signs the inspection record (业主签字确认).</summary>
    public void SignOff(string signedBy, Actor by, DateTime nowUtc)
    {
        RequireInProgress();
        if (Inspection != MoveInInspectionState.Passed)
        {
            throw new DomainException("MoveInNotPassed", "The owner signs once the inspection has passed.");
        }

        SignedOffBy = Guard.Required(signedBy, nameof(SignedOffBy));
        SignedOffAt = nowUtc;
        Inspection = MoveInInspectionState.SignedOff;
        Find(MoveInItem.InspectionSignedOff).Tick(by, nowUtc, SignedOffBy);
        Record(MoveInEventKind.SignedOff, by, nowUtc, SignedOffBy);
    }

    /// <summary>钥匙交付签收: after the inspection passed (004 L95 §一.四.7), the number of keys signed for.</summary>
    public void HandOverKeys(int keys, Actor by, DateTime nowUtc)
    {
        RequireInProgress();
        if (keys is < 1 or > MaxKeys)
        {
            throw new DomainException("MoveInKeysOutOfRange", "Between 1 and 50 keys.");
        }

        if (Inspection is MoveInInspectionState.NotInspected or MoveInInspectionState.Defects)
        {
            throw new DomainException("MoveInKeysBeforeInspection", "Keys are handed over once the inspection has passed.");
        }

        KeysIssued = keys;
        Find(MoveInItem.Keys).Tick(by, nowUtc, keys.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Record(MoveInEventKind.KeysHandedOver, by, nowUtc, keys.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Completes the move-in. With anything missing it is refused unless a supervisor
    /// (<paramref name="canOverride"/>) gives the reason. Returns the new household's callback, due one
    /// calendar month after today (<paramref name="callbackDueUtc"/>), whose clock starts in <paramref name="clocks"/>.
    /// <paramref name="steward"/>, when given, becomes the household's steward (recorded on the completion's timeline line).
    /// </summary>
    public Callback Complete(bool canOverride, string? overrideReason, string? callbackAssigneeId, string? callbackAssigneeName, string contactName,
        string? phone, DateTime callbackDueUtc, Actor by, DateTime nowUtc, ClockSet clocks, Actor? steward = null)
    {
        RequireInProgress();
        string? reason = null;
        if (!ChecklistComplete)
        {
            if (!canOverride)
            {
                throw new DomainException("MoveInIncomplete", "The checklist is not complete: finish it or have a supervisor override with a reason.");
            }

            reason = Guard.Required(overrideReason, nameof(OverrideReason));
        }

        // Everything that can refuse has been checked (the callback checks its contact) before anything changes.
        var callback = Callback.ForMoveIn(this, callbackAssigneeId, callbackAssigneeName, contactName, phone, callbackDueUtc, nowUtc);
        if (reason is not null)
        {
            OverrideReason = reason;
            OverrideByName = by.Name;
            Record(MoveInEventKind.Overridden, by, nowUtc, $"{string.Join(",", Missing)}: {OverrideReason}");
        }

        Status = MoveInStatus.Completed;
        CompletedAt = nowUtc;
        CompletedByName = by.Name;
        CallbackId = callback.Id;
        if (steward is { UserId: { } stewardId })
        {
            StewardId = stewardId;
            StewardName = Guard.Required(steward.Name, nameof(StewardName));
        }

        clocks.Start(PropertyId, SlaSubject.Callback, callback.Id, SlaMilestone.Callback, callbackAssigneeId, SlaTarget.At(callbackDueUtc), nowUtc);
        Record(MoveInEventKind.Completed, by, nowUtc, StewardName);
        return callback;
    }

    /// <summary>Cancels a booked or open move-in; a reception clock still running is cancelled with it.</summary>
    public void Cancel(string reason, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (!IsOpen)
        {
            throw new DomainException("MoveInClosed", "This move-in is already completed or cancelled.");
        }

        CancelReason = Guard.Required(reason, nameof(CancelReason));
        Status = MoveInStatus.Cancelled;
        clocks.Cancel(SlaMilestone.MoveInReception);
        Record(MoveInEventKind.Cancelled, by, nowUtc, CancelReason);
    }

    private List<MoveInDefect> NewDefects(IReadOnlyList<(string Location, string Description)> defects, DateTime nowUtc) =>
        defects.Select(d => new MoveInDefect(PropertyId, Id, d.Location, d.Description, nowUtc)).ToList();

    private static decimal Reading(decimal value) =>
        value < 0 || value > 100_000_000m || decimal.Round(value, 2) != value
            ? throw new DomainException("ReadingOutOfRange", "A reading is between 0 and 100,000,000 with at most 2 decimals.")
            : value;

    private MoveInCheck Find(MoveInItem item) => _checks.FirstOrDefault(c => c.Item == item)
        ?? throw new DomainException("MoveInItemNotRequired", "This line is not on this applicant's checklist.");

    private void RequireInProgress()
    {
        if (Status != MoveInStatus.InProgress)
        {
            throw new DomainException(Status == MoveInStatus.Booked ? "MoveInNotReceived" : "MoveInClosed",
                Status == MoveInStatus.Booked ? "Receive the household first." : "This move-in is already completed or cancelled.");
        }
    }

    private void Record(MoveInEventKind kind, Actor by, DateTime nowUtc, string? note)
    {
        _events.Add(new MoveInEvent(PropertyId, Id, kind, by, nowUtc, note));
        LastChangedAt = nowUtc;
    }
}

/// <summary>One line of the checklist: who ticked it and when (the 签收记录).</summary>
public sealed class MoveInCheck : IPropertyScoped, IHasOwnHistory
{
    private MoveInCheck() { }

    internal MoveInCheck(Guid propertyId, Guid moveInId, MoveInItem item)
    {
        PropertyId = propertyId;
        MoveInId = moveInId;
        Item = item;
    }

    public long Id { get; private set; }
    public Guid PropertyId { get; private set; }
    public Guid MoveInId { get; private set; }
    public MoveInItem Item { get; private set; }
    public bool Done { get; private set; }
    public DateTime? DoneAt { get; private set; }
    public string? DoneByName { get; private set; }
    public string? Note { get; private set; }

    internal void Tick(Actor by, DateTime nowUtc, string? note)
    {
        Done = true;
        DoneAt = nowUtc;
        DoneByName = by.Name;
        Note = note is { Length: > 200 } ? note[..200] : note;
    }
}

/// <summary>A defect found at the inspection (房屋质量验收登记表): repaired by the developer through a repair order.</summary>
public sealed class MoveInDefect : IPropertyScoped, IHasOwnHistory
{
    private MoveInDefect() { }

    internal MoveInDefect(Guid propertyId, Guid moveInId, string location, string description, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        PropertyId = propertyId;
        MoveInId = moveInId;
        Location = Guard.Required(location, nameof(Location));
        Description = Guard.Required(description, nameof(Description));
        RecordedAt = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid PropertyId { get; private set; }
    public Guid MoveInId { get; private set; }
    public string Location { get; private set; } = "";
    public string Description { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
    public Guid? RepairOrderId { get; private set; }

    /// <summary>Confirmed fixed at the re-inspection.</summary>
    public DateTime? FixedAt { get; private set; }

    public void LinkRepairOrder(Guid repairOrderId) => RepairOrderId = repairOrderId;

    internal void MarkFixed(DateTime nowUtc) => FixedAt = nowUtc;
}

public sealed class MoveInEvent : CaseEvent
{
    private MoveInEvent() { }

    internal MoveInEvent(Guid propertyId, Guid moveInId, MoveInEventKind kind, Actor by, DateTime atUtc, string? note)
        : base(propertyId, by, atUtc, note)
    {
        MoveInId = moveInId;
        Kind = kind;
    }

    public Guid MoveInId { get; private set; }
    public MoveInEventKind Kind { get; private set; }
}

/// <summary>集中入伙: one day's schedule of many units, handled by a task force.</summary>
public sealed class MoveInBatch : Entity, IPropertyScoped
{
    private MoveInBatch() { }

    public MoveInBatch(Guid propertyId, string name, DateOnly day, Actor by, DateTime nowUtc)
    {
        PropertyId = propertyId;
        Name = Guard.Required(name, nameof(Name));
        Day = day;
        CreatedByName = by.Name;
        CreatedAt = nowUtc;
    }

    public Guid PropertyId { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly Day { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    /// <summary>
    /// The appointment times of <paramref name="count"/> households: from <paramref name="firstUtc"/>, one
    /// slot of <paramref name="slotMinutes"/> per <paramref name="desks"/> households at a time.
    /// </summary>
    public static IReadOnlyList<DateTime> Schedule(DateTime firstUtc, int count, int slotMinutes, int desks)
    {
        if (slotMinutes is < 5 or > 240 || desks is < 1 or > 50)
        {
            throw new DomainException("MoveInScheduleInvalid", "A slot is 5–240 minutes and 1–50 desks work at a time.");
        }

        return Enumerable.Range(0, count).Select(i => firstUtc.AddMinutes(i / desks * slotMinutes)).ToList();
    }
}

/// <summary>
/// 托管房巡查 (000 L208): a vacant unit in custody is looked at from outside every week (and before and
/// after heavy rain); the meters are read — during custody water should stay within 5 and electricity
/// within 20 of the base (the property's <see cref="SlaPolicy.CustodyWaterLimit"/> and
/// <see cref="SlaPolicy.CustodyElectricityLimit"/>), anything more is flagged for the owner.
/// </summary>
public sealed class CustodyPatrol : IPropertyScoped, IHasOwnHistory
{
    private CustodyPatrol() { }

    /// <param name="waterLimit">Water used since the base above which the meter alarm is raised.</param>
    /// <param name="electricityLimit">Electricity used since the base above which the meter alarm is raised.</param>
    public CustodyPatrol(Guid propertyId, Guid unitId, string finding, bool problem, decimal? water, decimal? electricity,
        decimal? waterBase, decimal? electricityBase, decimal waterLimit, decimal electricityLimit, Actor by, DateTime nowUtc)
    {
        PropertyId = propertyId;
        UnitId = unitId;
        Finding = Guard.Required(finding, nameof(Finding));
        Problem = problem;
        Water = water;
        Electricity = electricity;
        MeterAlarm = (water - waterBase > waterLimit) || (electricity - electricityBase > electricityLimit);
        ByName = by.Name;
        At = nowUtc;
    }

    public long Id { get; private set; }
    public Guid PropertyId { get; private set; }
    public Guid UnitId { get; private set; }
    public DateTime At { get; private set; }
    public string ByName { get; private set; } = "";
    public string Finding { get; private set; } = "";

    /// <summary>Something needs doing (a leak, a broken window): the owner is told.</summary>
    public bool Problem { get; private set; }

    public decimal? Water { get; private set; }
    public decimal? Electricity { get; private set; }

    /// <summary>The meters ran past the custody limits since the base readings.</summary>
    public bool MeterAlarm { get; private set; }

    /// <summary>
    /// A patrol of a unit in custody, against the property's meter limits: it meets the unit's running
    /// patrol clocks — the weekly one and a heavy-rain one — and starts the next weekly one. <paramref name="clocks"/>
    /// are the unit's (<see cref="SlaSubject.CustodyUnit"/>, id = the unit).
    /// </summary>
    public static CustodyPatrol Record(Guid propertyId, Guid unitId, string finding, bool problem, decimal? water, decimal? electricity,
        decimal? waterBase, decimal? electricityBase, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        var policy = clocks.Context.Policy;
        var patrol = new CustodyPatrol(propertyId, unitId, finding, problem, water, electricity, waterBase, electricityBase,
            policy.CustodyWaterLimit, policy.CustodyElectricityLimit, by, nowUtc);
        foreach (var open in clocks.All.Where(c => c.SubjectId == unitId && c.IsOpen && c.Milestone is SlaMilestone.CustodyPatrol or SlaMilestone.CustodyRainPatrol).ToList())
        {
            open.Meet(nowUtc);
        }

        StartWeekly(clocks, propertyId, unitId, nowUtc);
        return patrol;
    }

    /// <summary>The unit's next regular patrol: due <see cref="SlaPolicy.CustodyPatrolDays"/> days from <paramref name="nowUtc"/> (000 L208: weekly).</summary>
    public static SlaClock StartWeekly(ClockSet clocks, Guid propertyId, Guid unitId, DateTime nowUtc) =>
        clocks.Start(propertyId, SlaSubject.CustodyUnit, unitId, SlaMilestone.CustodyPatrol, null, SlaTarget.Days(clocks.Context.Policy.CustodyPatrolDays), nowUtc);
}

/// <summary>Whether a heavy-rain patrol is ordered ahead of the rain or for after it (000 L208: 大雨前后).</summary>
public enum RainPatrolPhase
{
    /// <summary>大雨前: windows shut, drains clear.</summary>
    Before,

    /// <summary>大雨后: leaks, water in, damage.</summary>
    After,
}

/// <summary>
/// 大雨前后巡查 (000 L208): a supervisor orders an extra patrol of every unit in custody of a property, before or
/// after a heavy rain, with the reason. Each unit gets a <see cref="SlaMilestone.CustodyRainPatrol"/> clock due
/// <see cref="SlaPolicy.CustodyRainPatrolHours"/> later, met by its next patrol. One order per property, rain day
/// and phase (a unique index): pressing the button again is refused, and a unit whose rain patrol is still open
/// gets no second clock, so no unit is ever asked twice for the same rain.
/// </summary>
public sealed class RainPatrolOrder : Entity, IPropertyScoped
{
    public const int ReasonMaxLength = 200;

    private RainPatrolOrder() { }

    public RainPatrolOrder(Guid propertyId, DateOnly rainDate, RainPatrolPhase phase, string reason, Actor by, DateTime nowUtc)
    {
        var text = Guard.Required(reason, nameof(Reason));
        if (text.Length > ReasonMaxLength)
        {
            throw new DomainException("RainPatrolReasonTooLong", "The reason is at most 200 characters.");
        }

        PropertyId = propertyId;
        RainDate = rainDate;
        Phase = phase;
        Reason = text;
        OrderedById = by.UserId;
        OrderedByName = by.Name;
        OrderedAt = nowUtc;
    }

    public Guid PropertyId { get; private set; }

    /// <summary>The day of the rain (forecast or past) the patrol is for.</summary>
    public DateOnly RainDate { get; private set; }

    public RainPatrolPhase Phase { get; private set; }
    public string Reason { get; private set; } = "";
    public string? OrderedById { get; private set; }
    public string OrderedByName { get; private set; } = "";
    public DateTime OrderedAt { get; private set; }

    /// <summary>How many units got a rain patrol clock from this order.</summary>
    public int Units { get; private set; }

    /// <summary>When the units' rain patrols fall due (null when no unit needed one).</summary>
    public DateTime? DueAt { get; private set; }

    /// <summary>
    /// Starts a rain patrol clock, handled by whoever ordered it, on each of <paramref name="unitIds"/> (the
    /// property's units in custody) that has none open in <paramref name="clocks"/> (the units' clocks). Returns the clocks started.
    /// </summary>
    public IReadOnlyList<SlaClock> StartPatrols(IReadOnlyCollection<Guid> unitIds, ClockSet clocks)
    {
        var target = SlaTarget.Hours(clocks.Context.Policy.CustodyRainPatrolHours);
        var open = clocks.All.Where(c => c.Milestone == SlaMilestone.CustodyRainPatrol && c.IsOpen).Select(c => c.SubjectId).ToHashSet();
        var started = unitIds.Distinct().Where(u => !open.Contains(u))
            .Select(u => clocks.Start(PropertyId, SlaSubject.CustodyUnit, u, SlaMilestone.CustodyRainPatrol, OrderedById, target, OrderedAt))
            .ToList();
        Units = started.Count;
        DueAt = started.Count == 0 ? null : started[0].DueAt;
        return started;
    }
}
