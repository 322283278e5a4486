using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.FrontDesk;

public sealed class ContactTests
{
    private static readonly Actor Desk = new("desk-1", "前台王芳");
    private static readonly DateTime Now = China.Time("2026-03-02 10:00:00");

    private static Contact Received(DateTime receivedAt) =>
        new(China.PropertyId, receivedAt, ContactSource.Phone, null, null, " 张先生 ", "13800138000", "厨房水管漏水", null, Desk, Now);

    [Fact]
    public void A_contact_logged_now_is_pending_and_not_backdated()
    {
        var contact = Received(Now);

        Assert.Equal((Now, Now, "desk-1", "前台王芳", "张先生"), (contact.ReceivedAt, contact.LoggedAt, contact.LoggedById, contact.LoggedByName, contact.Name));
        Assert.Equal(ContactOutcome.Pending, contact.Outcome);
        Assert.False(contact.IsBackdated);
    }

    [Fact]
    public void A_contact_can_be_backdated_by_exactly_twenty_four_hours() =>
        Assert.Equal("2026-03-01 10:00:00", China.Local(Received(China.Time("2026-03-01 10:00:00")).ReceivedAt));

    [Fact]
    public void A_contact_backdated_a_second_more_than_twenty_four_hours_is_refused() =>
        Assert.Equal("BackdateTooFar", Assert.Throws<DomainException>(() => Received(China.Time("2026-03-01 09:59:59"))).Code);

    [Fact]
    public void A_contact_up_to_a_minute_ahead_is_accepted_for_clock_drift() =>
        Assert.Equal(Now.AddMinutes(1), Received(Now.AddMinutes(1)).ReceivedAt);

    [Fact]
    public void A_contact_more_than_a_minute_in_the_future_is_refused() =>
        Assert.Equal("ReceivedInFuture", Assert.Throws<DomainException>(() => Received(Now.AddMinutes(1).AddSeconds(1))).Code);

    [Fact]
    public void A_contact_is_backdated_only_beyond_five_minutes()
    {
        Assert.False(Received(China.Time("2026-03-02 09:55:00")).IsBackdated);
        Assert.True(Received(China.Time("2026-03-02 09:54:59")).IsBackdated);
    }

    [Fact]
    public void Changing_the_received_time_later_is_limited_by_when_the_contact_was_logged()
    {
        var contact = Received(Now);
        var later = Now.AddHours(5);

        contact.SetReceivedAt(China.Time("2026-03-01 10:00:00"), later);

        Assert.True(contact.IsBackdated);
        Assert.Equal("BackdateTooFar", Assert.Throws<DomainException>(() => contact.SetReceivedAt(China.Time("2026-03-01 09:59:59"), later)).Code);
    }

    [Fact]
    public void A_contact_needs_a_name_and_a_subject()
    {
        Assert.Equal("Required", Assert.Throws<DomainException>(() =>
            new Contact(China.PropertyId, Now, ContactSource.Visit, null, null, " ", null, "咨询", null, Desk, Now)).Code);
        Assert.Equal("Required", Assert.Throws<DomainException>(() =>
            new Contact(China.PropertyId, Now, ContactSource.Visit, null, null, "李女士", null, "", null, Desk, Now)).Code);
    }

    [Fact]
    public void Linking_a_repair_order_sets_the_outcome()
    {
        var contact = Received(Now);
        var orderId = Guid.CreateVersion7();

        contact.LinkRepairOrder(orderId);
        contact.LinkRepairOrder(orderId);

        Assert.Equal((orderId, ContactOutcome.RepairOrder), (contact.RepairOrderId, contact.Outcome));
    }

    [Fact]
    public void A_contact_becomes_at_most_one_repair_order()
    {
        var contact = Received(Now);
        contact.LinkRepairOrder(Guid.CreateVersion7());

        Assert.Equal("ContactHasRepair", Assert.Throws<DomainException>(() => contact.LinkRepairOrder(Guid.CreateVersion7())).Code);
        Assert.Equal("ContactHasRepair", Assert.Throws<DomainException>(() => contact.Resolve(ContactOutcome.Answered, null)).Code);
    }

    [Fact]
    public void Resolving_records_the_outcome_and_note_but_not_a_repair()
    {
        var contact = Received(Now);

        Assert.Equal("UseRepairOrder", Assert.Throws<DomainException>(() => contact.Resolve(ContactOutcome.RepairOrder, null)).Code);

        contact.Resolve(ContactOutcome.Answered, " 已告知停水时间 ");

        Assert.Equal((ContactOutcome.Answered, "已告知停水时间"), (contact.Outcome, contact.OutcomeNote));
    }
}
