using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.MoveInOut;

/// <summary>入住: checklist by applicant, step order, inspection rounds, override, the one-month callback, batch days, custody meters.</summary>
public sealed class MoveInTests
{
    private static readonly Actor Desk = new("u1", "张前台");
    private static readonly Actor Engineer = new("u2", "王工");
    private static readonly Actor Supervisor = new("s1", "李主管");
    private static readonly DateTime Start = new(2026, 12, 3, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Guid UnitId = Guid.CreateVersion7();
    private static readonly Guid CustomerId = Guid.CreateVersion7();

    private static readonly MoveInItem[] OwnerItems =
    [
        MoveInItem.MoveInNotice, MoveInItem.OwnerId, MoveInItem.SaleContract, MoveInItem.RegistrationForm, MoveInItem.ProvisionalCovenant,
        MoveInItem.RenovationAgreement, MoveInItem.FireSafetyPledge, MoveInItem.Handbook, MoveInItem.Drawings, MoveInItem.Charges,
        MoveInItem.InspectionSignedOff, MoveInItem.Keys,
    ];

    private static readonly MoveInItem[] AgentItems =
    [
        MoveInItem.MoveInNotice, MoveInItem.OwnerId, MoveInItem.SaleContract, MoveInItem.PowerOfAttorney, MoveInItem.AgentId, MoveInItem.RegistrationForm,
        MoveInItem.ProvisionalCovenant, MoveInItem.RenovationAgreement, MoveInItem.FireSafetyPledge, MoveInItem.Handbook, MoveInItem.Drawings,
        MoveInItem.Charges, MoveInItem.InspectionSignedOff, MoveInItem.Keys,
    ];

    private static readonly MoveInItem[] CompanyItems =
    [
        MoveInItem.MoveInNotice, MoveInItem.SaleContract, MoveInItem.CompanyCertificate, MoveInItem.AgentId, MoveInItem.RegistrationForm,
        MoveInItem.ProvisionalCovenant, MoveInItem.RenovationAgreement, MoveInItem.FireSafetyPledge, MoveInItem.Handbook, MoveInItem.Drawings,
        MoveInItem.Charges, MoveInItem.InspectionSignedOff, MoveInItem.Keys,
    ];

    private static MoveIn Book(MoveInApplicant applicant = MoveInApplicant.Owner, string? agentName = null, bool custody = false, DateTime? now = null) =>
        new("RZ20261203-0001", China.PropertyId, UnitId, CustomerId, applicant, agentName, Start.AddHours(2), null, custody, Desk, now ?? Start, Clocks());

    private static MoveIn Received(MoveInApplicant applicant = MoveInApplicant.Owner, string? agentName = null, bool custody = false, DateTime? now = null)
    {
        var m = Book(applicant, agentName, custody, now);
        m.Receive(Desk, (now ?? Start).AddMinutes(5), Clocks());
        return m;
    }

    private static MoveInItem[] ManualItems(MoveIn m) => m.Checks.Select(c => c.Item).Where(MoveIn.IsManual).ToArray();

    /// <summary>Everything done but the completion, each step one minute after <paramref name="from"/>'s previous.</summary>
    private static MoveIn Ready(DateTime from)
    {
        var m = Received(now: from);
        m.Check(ManualItems(m), Desk, from.AddMinutes(10));
        m.RecordChargesPaid(0m, ["R001"], Desk, from.AddMinutes(11));
        m.RecordInspection("王工", 10m, 20m, null, [], Engineer, from.AddMinutes(12));
        m.SignOff("陈业主", Desk, from.AddMinutes(13));
        m.HandOverKeys(4, Desk, from.AddMinutes(14));
        return m;
    }

    private static string Code(Action act) => Assert.Throws<DomainException>(act).Code;

    private static ClockSet Clocks() => new([], China.Context());

    // ---- A refused step changes nothing ----

    [Fact]
    public void A_refused_step_leaves_the_move_in_as_it_was()
    {
        var m = Received();
        var events = m.Events.Count;
        Assert.Equal("MoveInItemNotManual", Code(() => m.Check([MoveInItem.RegistrationForm, MoveInItem.Keys], Desk, Start.AddMinutes(6))));
        Assert.False(m.Checks.Single(c => c.Item == MoveInItem.RegistrationForm).Done);

        Assert.Equal("Required", Code(() => m.RecordInspection("王工", 10m, 20m, 3m, [("客厅", "墙裂"), (" ", "地砖空鼓")], Engineer, Start.AddMinutes(7))));
        Assert.Equal((MoveInInspectionState.NotInspected, (decimal?)null, (string?)null, 0), (m.Inspection, m.WaterBase, m.InspectorName, m.Defects.Count));

        var ready = Ready(Start);
        var clocks = Clocks();
        Assert.Equal("Required", Code(() => ready.Complete(false, null, "u1", "张前台", " ", null, Start.AddMonths(1), Desk, Start.AddMinutes(20), clocks)));
        Assert.Equal((MoveInStatus.InProgress, (DateTime?)null, (Guid?)null, 0), (ready.Status, ready.CompletedAt, ready.CallbackId, clocks.Started.Count));

        var incomplete = Received();
        Assert.Equal("Required", Code(() => incomplete.Complete(true, "急", "s1", "李主管", " ", null, Start.AddMonths(1), Supervisor, Start.AddMinutes(20), Clocks())));
        Assert.Equal(((string?)null, MoveInStatus.InProgress), (incomplete.OverrideReason, incomplete.Status));
        Assert.Equal(events, m.Events.Count);
    }

    [Fact]
    public void The_callback_clock_is_due_at_the_callbacks_own_due_time_even_off_the_minute()
    {
        var m = Ready(Start);
        var clocks = Clocks();
        var due = Start.AddMonths(1).AddSeconds(30);
        var callback = m.Complete(false, null, "u1", "张前台", "陈业主", null, due, Desk, Start.AddMinutes(20), clocks);
        Assert.Equal((due, due), (callback.DueAt, Assert.Single(clocks.Started).DueAt));
    }

    // ---- 1. The checklist by applicant type ----

    [Fact]
    public void An_owner_needs_the_twelve_owner_lines_in_counter_order()
    {
        Assert.Equal(OwnerItems, MoveIn.Required(MoveInApplicant.Owner, custody: false));
    }

    [Fact]
    public void An_agent_adds_the_power_of_attorney_and_the_agents_id_after_the_sale_contract()
    {
        Assert.Equal(AgentItems, MoveIn.Required(MoveInApplicant.Agent, custody: false));
    }

    [Fact]
    public void A_company_brings_its_certificate_and_the_handling_persons_id_but_no_owner_id()
    {
        var items = MoveIn.Required(MoveInApplicant.Company, custody: false);
        Assert.Equal(CompanyItems, items);
        Assert.DoesNotContain(MoveInItem.OwnerId, items);
        Assert.DoesNotContain(MoveInItem.PowerOfAttorney, items);
    }

    [Theory]
    [InlineData(MoveInApplicant.Owner)]
    [InlineData(MoveInApplicant.Agent)]
    [InlineData(MoveInApplicant.Company)]
    public void Custody_adds_the_custody_agreement_after_the_fire_safety_pledge(MoveInApplicant applicant)
    {
        var without = MoveIn.Required(applicant, custody: false);
        var with = MoveIn.Required(applicant, custody: true);

        Assert.DoesNotContain(MoveInItem.CustodyAgreement, without);
        var expected = without.ToList();
        expected.Insert(expected.IndexOf(MoveInItem.FireSafetyPledge) + 1, MoveInItem.CustodyAgreement);
        Assert.Equal(expected, with);
        Assert.Equal(without.Count + 1, with.Count);
    }

    [Theory]
    [InlineData(MoveInApplicant.Owner, null, false)]
    [InlineData(MoveInApplicant.Owner, null, true)]
    [InlineData(MoveInApplicant.Agent, "赵受托", false)]
    [InlineData(MoveInApplicant.Company, "钱经办", true)]
    public void A_new_move_in_has_one_unticked_check_per_required_line(MoveInApplicant applicant, string? agent, bool custody)
    {
        var m = Book(applicant, agent, custody);

        Assert.Equal(MoveIn.Required(applicant, custody), m.Checks.Select(c => c.Item));
        Assert.All(m.Checks, c =>
        {
            Assert.False(c.Done);
            Assert.Null(c.DoneAt);
            Assert.Null(c.DoneByName);
            Assert.Null(c.Note);
            Assert.Equal(m.Id, c.MoveInId);
            Assert.Equal(China.PropertyId, c.PropertyId);
        });
        Assert.Equal(MoveIn.Required(applicant, custody), m.Missing);
        Assert.False(m.ChecklistComplete);
        Assert.Equal((MoveInStatus.Booked, MoveInInspectionState.NotInspected, MoveInMode.Ordinary, custody, Start), (m.Status, m.Inspection, m.Mode, m.Custody, m.BookedAt));
        Assert.True(m.IsOpen);
        Assert.Equal(agent, m.AgentName);
    }

    [Fact]
    public void A_batch_move_in_is_in_batch_mode()
    {
        var batchId = Guid.CreateVersion7();
        var m = new MoveIn("RZ1", China.PropertyId, UnitId, CustomerId, MoveInApplicant.Owner, null, Start, batchId, false, Desk, Start, Clocks());
        Assert.Equal((MoveInMode.Batch, (Guid?)batchId), (m.Mode, m.BatchId));
    }

    [Theory]
    [InlineData(MoveInApplicant.Agent, null)]
    [InlineData(MoveInApplicant.Agent, "  ")]
    [InlineData(MoveInApplicant.Company, null)]
    [InlineData(MoveInApplicant.Company, "")]
    public void An_agent_or_a_company_without_a_named_person_is_refused(MoveInApplicant applicant, string? agent)
    {
        Assert.Equal("MoveInAgentRequired", Code(() => Book(applicant, agent)));
    }

    [Fact]
    public void An_owners_agent_name_is_optional_and_trimmed()
    {
        Assert.Null(Book(MoveInApplicant.Owner, "  ").AgentName);
        Assert.Equal("赵受托", Book(MoveInApplicant.Agent, " 赵受托 ").AgentName);
    }

    // ---- 2. Step order ----

    [Fact]
    public void Nothing_at_the_counter_happens_before_the_household_is_received()
    {
        var m = Book();
        var clocks = Clocks();

        Assert.Equal("MoveInNotReceived", Code(() => m.Check([MoveInItem.MoveInNotice], Desk, Start)));
        Assert.Equal("MoveInNotReceived", Code(() => m.RecordChargesPaid(0m, [], Desk, Start)));
        Assert.Equal("MoveInNotReceived", Code(() => m.RecordChargesRaised("入住费 3000", Desk, Start)));
        Assert.Equal("MoveInNotReceived", Code(() => m.RecordInspection("王工", 1m, 1m, null, [], Engineer, Start)));
        Assert.Equal("MoveInNotReceived", Code(() => m.Reinspect([], [], Engineer, Start)));
        Assert.Equal("MoveInNotReceived", Code(() => m.SignOff("陈业主", Desk, Start)));
        Assert.Equal("MoveInNotReceived", Code(() => m.HandOverKeys(2, Desk, Start)));
        Assert.Equal("MoveInNotReceived", Code(() => m.Complete(true, "急", null, null, "陈业主", null, Start.AddMonths(1), Supervisor, Start, clocks)));

        Assert.Equal(MoveInStatus.Booked, m.Status);
        Assert.Empty(clocks.Started);
        Assert.Equal([MoveInEventKind.Booked], m.Events.Select(e => e.Kind));
    }

    [Fact]
    public void A_booked_move_in_can_be_rescheduled_but_not_once_received()
    {
        var m = Book();
        var later = Start.AddDays(1);
        m.Reschedule(later, Desk, Start.AddMinutes(1), Clocks());
        Assert.Equal(later, m.AppointmentAt);

        m.Receive(Desk, Start.AddMinutes(2), Clocks());
        Assert.Equal((MoveInStatus.InProgress, (DateTime?)Start.AddMinutes(2), "张前台"), (m.Status, m.ReceivedAt, m.ReceivedByName));
        Assert.Equal("MoveInNotBooked", Code(() => m.Reschedule(Start.AddDays(2), Desk, Start.AddMinutes(3), Clocks())));
        Assert.Equal("MoveInNotBooked", Code(() => m.Receive(Desk, Start.AddMinutes(3), Clocks())));
        Assert.Equal(later, m.AppointmentAt);
    }

    [Theory]
    [InlineData(MoveInItem.Charges)]
    [InlineData(MoveInItem.Keys)]
    [InlineData(MoveInItem.InspectionSignedOff)]
    public void The_ledger_inspection_and_key_lines_cannot_be_ticked_by_hand(MoveInItem item)
    {
        var m = Received();
        Assert.False(MoveIn.IsManual(item));
        Assert.Equal("MoveInItemNotManual", Code(() => m.Check([item], Desk, Start.AddMinutes(6))));
        Assert.False(m.Checks.Single(c => c.Item == item).Done);
    }

    [Theory]
    [InlineData(MoveInApplicant.Owner, null, MoveInItem.PowerOfAttorney)]
    [InlineData(MoveInApplicant.Owner, null, MoveInItem.AgentId)]
    [InlineData(MoveInApplicant.Owner, null, MoveInItem.CompanyCertificate)]
    [InlineData(MoveInApplicant.Owner, null, MoveInItem.CustodyAgreement)]
    [InlineData(MoveInApplicant.Company, "钱经办", MoveInItem.OwnerId)]
    [InlineData(MoveInApplicant.Agent, "赵受托", MoveInItem.CompanyCertificate)]
    public void A_line_not_on_the_applicants_checklist_is_refused(MoveInApplicant applicant, string? agent, MoveInItem item)
    {
        var m = Received(applicant, agent);
        Assert.Equal("MoveInItemNotRequired", Code(() => m.Check([item], Desk, Start.AddMinutes(6))));
    }

    [Fact]
    public void Check_returns_only_the_newly_ticked_lines_and_ticking_twice_changes_nothing()
    {
        var m = Received();
        var first = Start.AddMinutes(10);

        var ticked = m.Check([MoveInItem.OwnerId, MoveInItem.MoveInNotice, MoveInItem.OwnerId], Desk, first);
        Assert.Equal([MoveInItem.OwnerId, MoveInItem.MoveInNotice], ticked);

        var notice = m.Checks.Single(c => c.Item == MoveInItem.MoveInNotice);
        Assert.Equal((true, (DateTime?)first, "张前台", (string?)null), (notice.Done, notice.DoneAt, notice.DoneByName, notice.Note));
        var checkedEvent = m.Events[^1];
        Assert.Equal((MoveInEventKind.Checked, "OwnerId,MoveInNotice", "张前台", first), (checkedEvent.Kind, checkedEvent.Note, checkedEvent.ActorName, checkedEvent.At));

        var eventsBefore = m.Events.Count;
        var again = m.Check([MoveInItem.MoveInNotice, MoveInItem.SaleContract], new Actor("u9", "孙前台"), first.AddMinutes(5));
        Assert.Equal([MoveInItem.SaleContract], again);
        Assert.Equal((true, (DateTime?)first, "张前台"), (notice.Done, notice.DoneAt, notice.DoneByName));
        var contract = m.Checks.Single(c => c.Item == MoveInItem.SaleContract);
        Assert.Equal(((DateTime?)first.AddMinutes(5), "孙前台"), (contract.DoneAt, contract.DoneByName));
        Assert.Equal(eventsBefore + 1, m.Events.Count);

        var nothing = m.Check([MoveInItem.MoveInNotice], Desk, first.AddMinutes(9));
        Assert.Empty(nothing);
        Assert.Equal(eventsBefore + 1, m.Events.Count);
        Assert.Equal(first.AddMinutes(5), m.LastChangedAt);
        Assert.Equal(
            [MoveInItem.RegistrationForm, MoveInItem.ProvisionalCovenant, MoveInItem.RenovationAgreement, MoveInItem.FireSafetyPledge, MoveInItem.Handbook,
             MoveInItem.Drawings, MoveInItem.Charges, MoveInItem.InspectionSignedOff, MoveInItem.Keys],
            m.Missing);
    }

    // ---- 3. Charges ----

    [Fact]
    public void Charges_still_owed_are_refused_and_nothing_is_ticked()
    {
        var m = Received();
        Assert.Equal("MoveInChargesOwed", Code(() => m.RecordChargesPaid(0.01m, ["R001"], Desk, Start.AddMinutes(20))));
        Assert.False(m.Checks.Single(c => c.Item == MoveInItem.Charges).Done);
        Assert.DoesNotContain(m.Events, e => e.Kind == MoveInEventKind.ChargesPaid);
    }

    [Fact]
    public void Charges_paid_tick_the_line_with_the_receipts_in_the_note()
    {
        var m = Received();
        var at = Start.AddMinutes(20);
        m.RecordChargesRaised("物业费 3 个月 1,200.00; 装修押金 2,000.00", Desk, Start.AddMinutes(15));
        m.RecordChargesPaid(0m, ["R20261203-001", "R20261203-002"], Desk, at);

        var charges = m.Checks.Single(c => c.Item == MoveInItem.Charges);
        Assert.Equal((true, (DateTime?)at, "张前台", "R20261203-001、R20261203-002"), (charges.Done, charges.DoneAt, charges.DoneByName, charges.Note));
        Assert.Equal(
            [(MoveInEventKind.ChargesRaised, "物业费 3 个月 1,200.00; 装修押金 2,000.00"), (MoveInEventKind.ChargesPaid, "R20261203-001、R20261203-002")],
            m.Events.Skip(2).Select(e => (e.Kind, e.Note)));
    }

    [Fact]
    public void Charges_paid_without_receipts_leave_the_note_empty_and_an_overpayment_is_paid()
    {
        var m = Received();
        m.RecordChargesPaid(-50m, [], Desk, Start.AddMinutes(20));
        var charges = m.Checks.Single(c => c.Item == MoveInItem.Charges);
        Assert.True(charges.Done);
        Assert.Null(charges.Note);
    }

    // ---- 4. Inspection ----

    [Theory]
    [InlineData(-0.01, 1, null)]
    [InlineData(1, -1, null)]
    [InlineData(1, 1, -0.5)]
    [InlineData(1.001, 1, null)]
    [InlineData(1, 2.345, null)]
    [InlineData(1, 1, 0.125)]
    [InlineData(100000000.01, 1, null)]
    public void Readings_below_zero_or_with_three_decimals_are_out_of_range(double water, double electricity, double? gas)
    {
        var m = Received();
        Assert.Equal("ReadingOutOfRange", Code(() =>
            m.RecordInspection("王工", (decimal)water, (decimal)electricity, gas is { } g ? (decimal)g : null, [], Engineer, Start.AddMinutes(30))));
        Assert.Equal(MoveInInspectionState.NotInspected, m.Inspection);
    }

    [Fact]
    public void An_inspection_without_defects_passes_and_keeps_the_base_readings()
    {
        var m = Received();
        var at = Start.AddMinutes(30);
        var added = m.RecordInspection(" 王工 ", 0m, 100_000_000m, 12.35m, [], Engineer, at);

        Assert.Empty(added);
        Assert.Equal(MoveInInspectionState.Passed, m.Inspection);
        Assert.Equal(("王工", (decimal?)0m, (decimal?)100_000_000m, (decimal?)12.35m, (DateTime?)at), (m.InspectorName, m.WaterBase, m.ElectricityBase, m.GasBase, m.InspectedAt));
        var e = m.Events[^1];
        Assert.Equal((MoveInEventKind.Inspected, (string?)null, "王工", at), (e.Kind, e.Note, e.ActorName, e.At));
    }

    [Fact]
    public void An_inspection_with_defects_returns_them_and_a_second_inspection_is_refused()
    {
        var m = Received();
        var at = Start.AddMinutes(30);
        var added = m.RecordInspection("王工", 123.45m, 678.9m, null, [("客厅", "墙面裂缝"), ("主卫", "地漏反味")], Engineer, at);

        Assert.Equal(MoveInInspectionState.Defects, m.Inspection);
        Assert.Null(m.GasBase);
        Assert.Equal([("客厅", "墙面裂缝"), ("主卫", "地漏反味")], added.Select(d => (d.Location, d.Description)));
        Assert.Equal(added, m.Defects);
        Assert.All(added, d =>
        {
            Assert.Equal((m.Id, China.PropertyId, at, (DateTime?)null, (Guid?)null), (d.MoveInId, d.PropertyId, d.RecordedAt, d.FixedAt, d.RepairOrderId));
            Assert.NotEqual(Guid.Empty, d.Id);
        });
        Assert.NotEqual(added[0].Id, added[1].Id);
        Assert.Equal((MoveInEventKind.Inspected, "2"), (m.Events[^1].Kind, m.Events[^1].Note));

        var orderId = Guid.CreateVersion7();
        added[0].LinkRepairOrder(orderId);
        Assert.Equal(orderId, m.Defects[0].RepairOrderId);

        Assert.Equal("MoveInAlreadyInspected", Code(() => m.RecordInspection("王工", 1m, 1m, null, [], Engineer, at.AddMinutes(1))));
        Assert.Equal((decimal?)123.45m, m.WaterBase);
    }

    [Fact]
    public void Reinspection_is_refused_while_a_repair_is_open_and_when_there_is_nothing_to_reinspect()
    {
        var m = Received();
        Assert.Equal("MoveInNothingToReinspect", Code(() => m.Reinspect([], [], Engineer, Start.AddMinutes(20))));

        var defects = m.RecordInspection("王工", 1m, 1m, null, [("厨房", "水龙头滴水")], Engineer, Start.AddMinutes(30));
        Assert.Equal("MoveInDefectsOpen", Code(() => m.Reinspect([defects[0].Id], [], Engineer, Start.AddDays(3))));
        Assert.Equal(MoveInInspectionState.Defects, m.Inspection);
        Assert.Null(defects[0].FixedAt);
        Assert.Null(m.ReinspectedAt);

        var passed = Received();
        passed.RecordInspection("王工", 1m, 1m, null, [], Engineer, Start.AddMinutes(30));
        Assert.Equal("MoveInNothingToReinspect", Code(() => passed.Reinspect([], [], Engineer, Start.AddDays(3))));
        passed.SignOff("陈业主", Desk, Start.AddMinutes(40));
        Assert.Equal("MoveInNothingToReinspect", Code(() => passed.Reinspect([], [], Engineer, Start.AddDays(3))));
    }

    [Fact]
    public void A_clean_reinspection_passes_and_marks_every_old_defect_fixed()
    {
        var m = Received();
        var defects = m.RecordInspection("王工", 1m, 1m, null, [("客厅", "墙面裂缝"), ("主卫", "地漏反味")], Engineer, Start.AddMinutes(30));
        var at = Start.AddDays(3);

        var added = m.Reinspect([], [], Engineer, at);

        Assert.Empty(added);
        Assert.Equal((MoveInInspectionState.Passed, (DateTime?)at), (m.Inspection, m.ReinspectedAt));
        Assert.All(defects, d => Assert.Equal(at, d.FixedAt));
        Assert.Equal((MoveInEventKind.Reinspected, (string?)null, at), (m.Events[^1].Kind, m.Events[^1].Note, m.Events[^1].At));
    }

    [Fact]
    public void New_defects_at_a_reinspection_start_another_round_and_only_they_stay_unfixed()
    {
        var m = Received();
        var first = m.RecordInspection("王工", 1m, 1m, null, [("客厅", "墙面裂缝")], Engineer, Start.AddMinutes(30));
        var second = Start.AddDays(3);

        var added = m.Reinspect([], [("阳台", "栏杆松动")], Engineer, second);

        Assert.Equal(MoveInInspectionState.Defects, m.Inspection);
        var fresh = Assert.Single(added);
        Assert.Equal(("阳台", "栏杆松动", second, (DateTime?)null), (fresh.Location, fresh.Description, fresh.RecordedAt, fresh.FixedAt));
        Assert.Equal(second, first[0].FixedAt);
        Assert.Equal(2, m.Defects.Count);
        Assert.Equal("1", m.Events[^1].Note);
        Assert.Equal("MoveInNotPassed", Code(() => m.SignOff("陈业主", Desk, second.AddMinutes(1))));

        var third = Start.AddDays(6);
        m.Reinspect([], [], Engineer, third);
        Assert.Equal((MoveInInspectionState.Passed, (DateTime?)third), (m.Inspection, m.ReinspectedAt));
        Assert.Equal([second, third], m.Defects.Select(d => d.FixedAt!.Value));
    }

    [Fact]
    public void The_owner_signs_off_only_a_passed_inspection_and_that_ticks_the_line()
    {
        var m = Received();
        Assert.Equal("MoveInNotPassed", Code(() => m.SignOff("陈业主", Desk, Start.AddMinutes(20))));
        m.RecordInspection("王工", 1m, 1m, null, [], Engineer, Start.AddMinutes(30));
        Assert.Equal("Required", Code(() => m.SignOff("  ", Desk, Start.AddMinutes(35))));
        Assert.Equal(MoveInInspectionState.Passed, m.Inspection);

        var at = Start.AddMinutes(40);
        m.SignOff(" 陈业主 ", Desk, at);

        Assert.Equal((MoveInInspectionState.SignedOff, "陈业主", (DateTime?)at), (m.Inspection, m.SignedOffBy, m.SignedOffAt));
        var line = m.Checks.Single(c => c.Item == MoveInItem.InspectionSignedOff);
        Assert.Equal((true, (DateTime?)at, "张前台", "陈业主"), (line.Done, line.DoneAt, line.DoneByName, line.Note));
        Assert.Equal((MoveInEventKind.SignedOff, "陈业主"), (m.Events[^1].Kind, m.Events[^1].Note));
        Assert.Equal("MoveInNotPassed", Code(() => m.SignOff("陈业主", Desk, at.AddMinutes(1))));
    }

    [Fact]
    public void Keys_wait_for_a_passed_inspection()
    {
        var m = Received();
        Assert.Equal("MoveInKeysBeforeInspection", Code(() => m.HandOverKeys(3, Desk, Start.AddMinutes(20))));
        m.RecordInspection("王工", 1m, 1m, null, [("客厅", "墙面裂缝")], Engineer, Start.AddMinutes(30));
        Assert.Equal("MoveInKeysBeforeInspection", Code(() => m.HandOverKeys(3, Desk, Start.AddMinutes(40))));
        Assert.Equal(0, m.KeysIssued);
        Assert.False(m.Checks.Single(c => c.Item == MoveInItem.Keys).Done);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(51)]
    public void Keys_outside_one_to_fifty_are_refused(int keys)
    {
        var m = Received();
        m.RecordInspection("王工", 1m, 1m, null, [], Engineer, Start.AddMinutes(30));
        Assert.Equal("MoveInKeysOutOfRange", Code(() => m.HandOverKeys(keys, Desk, Start.AddMinutes(40))));
        Assert.Equal(0, m.KeysIssued);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 50)]
    [InlineData(true, 1)]
    [InlineData(true, 50)]
    public void Keys_are_handed_over_after_the_inspection_passed_or_was_signed_off(bool signedOff, int keys)
    {
        var m = Received();
        m.RecordInspection("王工", 1m, 1m, null, [], Engineer, Start.AddMinutes(30));
        if (signedOff)
        {
            m.SignOff("陈业主", Desk, Start.AddMinutes(35));
        }

        var at = Start.AddMinutes(40);
        m.HandOverKeys(keys, Desk, at);

        Assert.Equal(keys, m.KeysIssued);
        var line = m.Checks.Single(c => c.Item == MoveInItem.Keys);
        Assert.Equal((true, (DateTime?)at, "张前台", keys.ToString(System.Globalization.CultureInfo.InvariantCulture)), (line.Done, line.DoneAt, line.DoneByName, line.Note));
        Assert.Equal((MoveInEventKind.KeysHandedOver, keys.ToString(System.Globalization.CultureInfo.InvariantCulture)), (m.Events[^1].Kind, m.Events[^1].Note));
    }

    // ---- 5. Completion, override, the callback, cancel ----

    [Fact]
    public void An_incomplete_checklist_is_refused_without_a_supervisor_and_nothing_changes()
    {
        var m = Received();
        m.Check([MoveInItem.MoveInNotice], Desk, Start.AddMinutes(6));
        var clocks = Clocks();
        var events = m.Events.Count;

        Assert.Equal("MoveInIncomplete", Code(() => m.Complete(false, "急", null, null, "陈业主", null, Start.AddMonths(1), Desk, Start.AddMinutes(30), clocks)));

        Assert.Equal((MoveInStatus.InProgress, (DateTime?)null, (string?)null, (Guid?)null), (m.Status, m.CompletedAt, m.OverrideReason, m.CallbackId));
        Assert.Equal(events, m.Events.Count);
        Assert.Empty(clocks.Started);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_supervisor_override_needs_a_reason(string? reason)
    {
        var m = Received();
        var clocks = Clocks();
        Assert.Equal("Required", Code(() => m.Complete(true, reason, null, null, "陈业主", null, Start.AddMonths(1), Supervisor, Start.AddMinutes(30), clocks)));
        Assert.Equal((MoveInStatus.InProgress, (string?)null, (string?)null), (m.Status, m.OverrideReason, m.OverrideByName));
        Assert.DoesNotContain(m.Events, e => e.Kind == MoveInEventKind.Overridden);
        Assert.Empty(clocks.Started);
    }

    [Fact]
    public void A_supervisor_override_completes_and_names_the_missing_lines()
    {
        var m = Received();
        m.Check(ManualItems(m), Desk, Start.AddMinutes(10));
        m.RecordChargesPaid(0m, ["R001"], Desk, Start.AddMinutes(11));
        var clocks = Clocks();
        var at = Start.AddMinutes(30);

        var callback = m.Complete(true, " 开发商钥匙未到，先入住 ", null, null, "陈业主", null, Start.AddMonths(1), Supervisor, at, clocks);

        Assert.Equal((MoveInStatus.Completed, "开发商钥匙未到，先入住", "李主管", (DateTime?)at, "李主管"),
            (m.Status, m.OverrideReason, m.OverrideByName, m.CompletedAt, m.CompletedByName));
        Assert.Equal(
            [(MoveInEventKind.Overridden, "InspectionSignedOff,Keys: 开发商钥匙未到，先入住"), (MoveInEventKind.Completed, (string?)null)],
            m.Events.TakeLast(2).Select(e => (e.Kind, e.Note)));
        Assert.All(m.Events.TakeLast(2), e => Assert.Equal(("s1", "李主管", at), (e.ActorId, e.ActorName, e.At)));
        Assert.Equal(callback.Id, m.CallbackId);
        Assert.Single(clocks.Started);
        Assert.False(m.IsOpen);
    }

    [Fact]
    public void A_complete_checklist_needs_no_override_and_records_none()
    {
        var m = Ready(Start);
        Assert.True(m.ChecklistComplete);
        Assert.Empty(m.Missing);

        m.Complete(false, "ignored", "u1", "张前台", "陈业主", null, Start.AddMonths(1), Desk, Start.AddMinutes(20), Clocks());

        Assert.Equal((MoveInStatus.Completed, (string?)null, (string?)null), (m.Status, m.OverrideReason, m.OverrideByName));
        Assert.DoesNotContain(m.Events, e => e.Kind == MoveInEventKind.Overridden);
    }

    [Fact]
    public void Completing_makes_the_households_callback_and_one_clock_due_exactly_one_calendar_month_later()
    {
        var now = new DateTime(2026, 1, 31, 2, 0, 0, DateTimeKind.Utc);
        var due = new DateTime(2026, 2, 28, 2, 0, 0, DateTimeKind.Utc);
        var m = Ready(now.AddMinutes(-20));
        var clocks = Clocks();

        var callback = m.Complete(false, null, "u7", "周回访", " 陈业主 ", "13800138000", due, Desk, now, clocks);

        Assert.Equal((CallbackSource.MoveIn, (Guid?)m.Id, "RZ20261203-0001", (Guid?)UnitId, (Guid?)CustomerId, "陈业主", "13800138000"),
            (callback.Source, callback.MoveInId, callback.Subject, callback.UnitId, callback.CustomerId, callback.ContactName, callback.Phone));
        Assert.Equal(("u7", "周回访", due, now, CallbackStatus.Open, China.PropertyId),
            (callback.AssigneeId, callback.AssigneeName, callback.DueAt, callback.CreatedAt, callback.Status, callback.PropertyId));
        Assert.Null(callback.RepairOrderId);
        Assert.Null(callback.ComplaintId);
        Assert.Equal(callback.Id, m.CallbackId);

        var clock = Assert.Single(clocks.Started);
        Assert.Same(clock, Assert.Single(clocks.All));
        Assert.Equal((SlaSubject.Callback, callback.Id, SlaMilestone.Callback, "u7", now, SlaClockState.Running, China.PropertyId),
            (clock.Subject, clock.SubjectId, clock.Milestone, clock.AssigneeId, clock.StartedAt, clock.State, clock.PropertyId));
        Assert.Equal(due.Ticks, clock.DueAt.Ticks);
        Assert.Equal(callback.DueAt, clock.DueAt);
        Assert.Equal(SlaTargetKind.Appointment, clock.TargetKind);
        Assert.False(clock.IsBreachedAt(due));
        Assert.True(clock.IsBreachedAt(due.AddTicks(1)));
    }

    [Theory]
    [InlineData("2026-01-31T02:00:00.0000000Z", "2026-02-28T02:00:00.0000000Z")]
    [InlineData("2026-03-31T15:59:59.9999999Z", "2026-04-30T15:59:59.9999999Z")]
    [InlineData("2027-12-31T16:00:00.0000000Z", "2028-01-31T16:00:00.0000000Z")]
    [InlineData("2028-01-30T23:17:42.1234567Z", "2028-02-29T23:17:42.1234567Z")]
    [InlineData("2026-07-15T06:30:05.5000000Z", "2026-08-15T06:30:05.5000000Z")]
    public void The_callback_clock_is_due_at_the_due_passed_in_to_the_tick(string nowText, string dueText)
    {
        var now = DateTime.Parse(nowText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var due = DateTime.Parse(dueText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var m = Ready(now.AddHours(-1));
        var clocks = Clocks();

        var callback = m.Complete(false, null, null, null, "陈业主", null, due, Desk, now, clocks);

        var clock = Assert.Single(clocks.Started);
        Assert.Equal(due.Ticks, callback.DueAt.Ticks);
        Assert.Equal(due.Ticks, clock.DueAt.Ticks);
    }

    [Fact]
    public void A_completed_move_in_is_closed_to_every_step()
    {
        var m = Ready(Start);
        m.Complete(false, null, null, null, "陈业主", null, Start.AddMonths(1), Desk, Start.AddMinutes(20), Clocks());
        var clocks = Clocks();

        Assert.Equal("MoveInClosed", Code(() => m.Complete(true, "again", null, null, "陈业主", null, Start.AddMonths(1), Supervisor, Start.AddMinutes(21), clocks)));
        Assert.Equal("MoveInClosed", Code(() => m.Check([MoveInItem.MoveInNotice], Desk, Start.AddMinutes(21))));
        Assert.Equal("MoveInClosed", Code(() => m.HandOverKeys(2, Desk, Start.AddMinutes(21))));
        Assert.Equal("MoveInClosed", Code(() => m.Cancel("退房", Desk, Start.AddMinutes(21), Clocks())));
        Assert.Equal("MoveInNotBooked", Code(() => m.Reschedule(Start.AddDays(1), Desk, Start.AddMinutes(21), Clocks())));
        Assert.Empty(clocks.Started);
        Assert.Equal((MoveInStatus.Completed, (string?)null), (m.Status, m.CancelReason));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Cancelling_needs_a_reason(string? reason)
    {
        var m = Book();
        Assert.Equal("Required", Code(() => m.Cancel(reason!, Desk, Start.AddMinutes(1), Clocks())));
        Assert.Equal(MoveInStatus.Booked, m.Status);
    }

    [Fact]
    public void A_booked_or_received_move_in_can_be_cancelled_once()
    {
        var booked = Book();
        booked.Cancel(" 业主改期未定 ", Desk, Start.AddMinutes(1), Clocks());
        Assert.Equal((MoveInStatus.Cancelled, "业主改期未定", false), (booked.Status, booked.CancelReason, booked.IsOpen));
        Assert.Equal((MoveInEventKind.Cancelled, "业主改期未定"), (booked.Events[^1].Kind, booked.Events[^1].Note));
        Assert.Equal("MoveInClosed", Code(() => booked.Cancel("again", Desk, Start.AddMinutes(2), Clocks())));
        Assert.Equal("MoveInNotBooked", Code(() => booked.Receive(Desk, Start.AddMinutes(2), Clocks())));

        var received = Received();
        received.Cancel("资料不全", Desk, Start.AddMinutes(9), Clocks());
        Assert.Equal(MoveInStatus.Cancelled, received.Status);
        Assert.Equal("MoveInClosed", Code(() => received.Check([MoveInItem.MoveInNotice], Desk, Start.AddMinutes(10))));
        Assert.Equal("MoveInClosed", Code(() => received.Complete(true, "x", null, null, "陈业主", null, Start.AddMonths(1), Supervisor, Start.AddMinutes(10), Clocks())));
    }

    // ---- 6. The event trail ----

    [Fact]
    public void Every_step_records_who_and_when_and_moves_last_changed()
    {
        var steps = new List<(MoveInEventKind Kind, Actor By, DateTime At)>();
        var t = Start;
        var m = Book(MoveInApplicant.Agent, "赵受托", custody: true, now: t);
        steps.Add((MoveInEventKind.Booked, Desk, t));
        Assert.Equal(t, m.LastChangedAt);

        void Step(MoveInEventKind kind, Actor by, Action<DateTime> act)
        {
            t = t.AddMinutes(7);
            act(t);
            steps.Add((kind, by, t));
            Assert.Equal(t, m.LastChangedAt);
            var e = m.Events[^1];
            Assert.Equal((kind, by.UserId, by.Name, t, m.Id, China.PropertyId), (e.Kind, e.ActorId, e.ActorName, e.At, e.MoveInId, e.PropertyId));
        }

        var other = new Actor("u3", "孙前台");
        Step(MoveInEventKind.Rescheduled, other, at => m.Reschedule(Start.AddDays(1), other, at, Clocks()));
        Step(MoveInEventKind.Received, Desk, at => m.Receive(Desk, at, Clocks()));
        Step(MoveInEventKind.Checked, other, at => m.Check(ManualItems(m), other, at));
        Step(MoveInEventKind.ChargesRaised, Desk, at => m.RecordChargesRaised("入住费用 3,200.00", Desk, at));
        Step(MoveInEventKind.ChargesPaid, Desk, at => m.RecordChargesPaid(0m, ["R1"], Desk, at));
        Step(MoveInEventKind.Inspected, Engineer, at => m.RecordInspection("王工", 1m, 2m, 3m, [("客厅", "墙面裂缝")], Engineer, at));
        Step(MoveInEventKind.Reinspected, Engineer, at => m.Reinspect([], [], Engineer, at));
        Step(MoveInEventKind.SignedOff, other, at => m.SignOff("陈业主", other, at));
        Step(MoveInEventKind.KeysHandedOver, Desk, at => m.HandOverKeys(5, Desk, at));
        Step(MoveInEventKind.Completed, Supervisor, at => m.Complete(false, null, null, null, "陈业主", null, at.AddMonths(1), Supervisor, at, Clocks()));

        Assert.Equal(steps.Select(s => (s.Kind, s.By.Name, s.At)), m.Events.Select(e => (e.Kind, e.ActorName, e.At)));
        Assert.Equal(Start, m.BookedAt);
        Assert.Equal(Start.AddMinutes(14), m.ReceivedAt);
    }

    [Fact]
    public void A_failed_step_records_nothing_and_leaves_last_changed_alone()
    {
        var m = Received();
        var last = m.LastChangedAt;
        var count = m.Events.Count;

        Assert.ThrowsAny<DomainException>(() => m.HandOverKeys(2, Desk, Start.AddHours(1)));
        Assert.ThrowsAny<DomainException>(() => m.SignOff("陈业主", Desk, Start.AddHours(1)));
        Assert.ThrowsAny<DomainException>(() => m.RecordChargesPaid(10m, [], Desk, Start.AddHours(1)));
        Assert.ThrowsAny<DomainException>(() => m.Reinspect([], [], Engineer, Start.AddHours(1)));

        Assert.Equal((last, count), (m.LastChangedAt, m.Events.Count));
    }

    // ---- 7. Batch schedule ----

    [Fact]
    public void Five_households_at_two_desks_in_half_hour_slots()
    {
        var first = new DateTime(2026, 12, 5, 1, 0, 0, DateTimeKind.Utc);
        Assert.Equal(
            [first, first, first.AddMinutes(30), first.AddMinutes(30), first.AddMinutes(60)],
            MoveInBatch.Schedule(first, 5, 30, 2));
    }

    [Fact]
    public void The_schedule_at_its_limits()
    {
        var first = new DateTime(2026, 12, 5, 1, 0, 0, DateTimeKind.Utc);
        Assert.Equal([first, first.AddMinutes(5), first.AddMinutes(10)], MoveInBatch.Schedule(first, 3, 5, 1));
        Assert.Equal([first, first.AddMinutes(240), first.AddMinutes(480)], MoveInBatch.Schedule(first, 3, 240, 1));
        Assert.Equal(Enumerable.Repeat(first, 50).Append(first.AddMinutes(15)), MoveInBatch.Schedule(first, 51, 15, 50));
        Assert.Empty(MoveInBatch.Schedule(first, 0, 30, 2));
    }

    [Theory]
    [InlineData(4, 2)]
    [InlineData(241, 2)]
    [InlineData(30, 0)]
    [InlineData(30, 51)]
    [InlineData(0, 1)]
    [InlineData(30, -1)]
    public void An_invalid_slot_or_desk_count_is_refused(int slotMinutes, int desks)
    {
        Assert.Equal("MoveInScheduleInvalid", Code(() => MoveInBatch.Schedule(Start, 5, slotMinutes, desks)));
    }

    [Fact]
    public void A_batch_needs_a_name()
    {
        Assert.Equal("Required", Code(() => new MoveInBatch(China.PropertyId, " ", new DateOnly(2026, 12, 5), Desk, Start)));
        var batch = new MoveInBatch(China.PropertyId, " 12月集中入伙 ", new DateOnly(2026, 12, 5), Desk, Start);
        Assert.Equal(("12月集中入伙", new DateOnly(2026, 12, 5), "张前台", Start), (batch.Name, batch.Day, batch.CreatedByName, batch.CreatedAt));
    }

    // ---- 8. Custody patrol meter limits ----

    private static CustodyPatrol Patrol(decimal? water, decimal? electricity, decimal? waterBase, decimal? electricityBase) =>
        new(China.PropertyId, UnitId, "门窗完好", false, water, electricity, waterBase, electricityBase, 5m, 20m, Engineer, Start);

    [Theory]
    [InlineData("105", "1000", "100", "1000", false)]
    [InlineData("105.01", "1000", "100", "1000", true)]
    [InlineData("100", "1020", "100", "1000", false)]
    [InlineData("100", "1020.01", "100", "1000", true)]
    [InlineData("105", "1020", "100", "1000", false)]
    [InlineData("105.01", "1020.01", "100", "1000", true)]
    [InlineData("99", "990", "100", "1000", false)]
    public void The_meter_alarm_fires_only_past_five_of_water_or_twenty_of_electricity(string water, string electricity, string waterBase, string electricityBase,
        bool alarm)
    {
        var p = Patrol(decimal.Parse(water, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(electricity, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(waterBase, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(electricityBase, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(alarm, p.MeterAlarm);
    }

    [Fact]
    public void Missing_readings_or_bases_raise_no_alarm_on_their_own()
    {
        Assert.False(Patrol(null, null, 100m, 1000m).MeterAlarm);
        Assert.False(Patrol(999m, 9999m, null, null).MeterAlarm);
        Assert.False(Patrol(null, 9999m, 100m, null).MeterAlarm);
        Assert.False(Patrol(999m, null, null, 1000m).MeterAlarm);
        Assert.True(Patrol(null, 1020.01m, null, 1000m).MeterAlarm);
        Assert.True(Patrol(105.01m, null, 100m, null).MeterAlarm);
    }

    [Fact]
    public void A_patrol_keeps_its_finding_and_readings()
    {
        Assert.Equal("Required", Code(() => new CustodyPatrol(China.PropertyId, UnitId, " ", true, null, null, null, null, 5m, 20m, Engineer, Start)));
        var p = new CustodyPatrol(China.PropertyId, UnitId, " 阳台积水 ", true, 101m, 1001m, 100m, 1000m, 5m, 20m, Engineer, Start);
        Assert.Equal(("阳台积水", true, (decimal?)101m, (decimal?)1001m, "王工", Start, UnitId, false),
            (p.Finding, p.Problem, p.Water, p.Electricity, p.ByName, p.At, p.UnitId, p.MeterAlarm));
    }
}
