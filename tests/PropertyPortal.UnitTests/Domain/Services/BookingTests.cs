using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Services;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Services;

/// <summary>
/// A resource's day is a grid of slots; a booking holds consecutive slots inside the opening hours. Two bookings clash
/// when they hold a slot in common — the slot rows are what the database's unique index refuses twice (proven on
/// PostgreSQL by the integration tests); here: which slots a booking holds, and what gives them back.
/// </summary>
public sealed class BookingTests
{
    private static BookableResource Room() =>
        new(China.PropertyId, ResourceKind.MeetingRoom, "会所多功能厅", "会所二楼", 30, new TimeOnly(8, 0), new TimeOnly(21, 0), 100m, 10);

    private static readonly DateTime Now = China.Time("2026-03-02 09:00:00");

    [Fact]
    public void Ten_to_eleven_holds_two_half_hour_slots_in_UTC()
    {
        var slots = Room().SlotsFor(new DateOnly(2026, 3, 3), new TimeOnly(10, 0), new TimeOnly(11, 0), China.Zone, Now);

        Assert.Equal(["2026-03-03 10:00:00", "2026-03-03 10:30:00"], slots.Select(China.Local));
    }

    [Fact]
    public void Overlapping_bookings_share_a_slot_and_adjacent_ones_do_not()
    {
        var room = Room();
        var day = new DateOnly(2026, 3, 3);
        var first = room.SlotsFor(day, new TimeOnly(10, 0), new TimeOnly(11, 0), China.Zone, Now);
        var overlapping = room.SlotsFor(day, new TimeOnly(10, 30), new TimeOnly(12, 0), China.Zone, Now);
        var adjacent = room.SlotsFor(day, new TimeOnly(11, 0), new TimeOnly(12, 0), China.Zone, Now);

        Assert.Equal([China.Time("2026-03-03 10:30:00")], first.Intersect(overlapping));
        Assert.Empty(first.Intersect(adjacent));
    }

    [Theory]
    [InlineData(7, 30, 8, 30, "BookingOutsideHours")]
    [InlineData(20, 30, 21, 30, "BookingOutsideHours")]
    [InlineData(11, 0, 10, 0, "BookingOutsideHours")]
    [InlineData(10, 15, 11, 0, "BookingOffGrid")]
    [InlineData(10, 0, 10, 45, "BookingOffGrid")]
    public void A_booking_off_the_resources_grid_or_hours_is_refused(int fh, int fm, int th, int tm, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() =>
            Room().SlotsFor(new DateOnly(2026, 3, 3), new TimeOnly(fh, fm), new TimeOnly(th, tm), China.Zone, Now)).Code);

    [Fact]
    public void A_slot_gone_by_is_refused_and_the_one_running_now_may_still_be_booked()
    {
        var room = Room();
        var today = new DateOnly(2026, 3, 2);

        Assert.Equal("BookingInPast", Assert.Throws<DomainException>(() => room.SlotsFor(today, new TimeOnly(8, 0), new TimeOnly(8, 30), China.Zone, Now)).Code);
        Assert.Single(room.SlotsFor(today, new TimeOnly(8, 30), new TimeOnly(9, 0), China.Zone, Now));
    }

    [Fact]
    public void An_inactive_resource_takes_no_booking()
    {
        var room = Room();
        room.Update(room.Name, room.Location, 30, room.OpensAt, room.ClosesAt, room.HourlyRate, room.SortOrder, false);

        Assert.Equal("ResourceInactive", Assert.Throws<DomainException>(() =>
            room.SlotsFor(new DateOnly(2026, 3, 3), new TimeOnly(10, 0), new TimeOnly(11, 0), China.Zone, Now)).Code);
    }

    [Fact]
    public void A_booking_holds_its_slots_until_cancelled_with_a_reason_and_then_gives_them_back()
    {
        var room = Room();
        var slots = room.SlotsFor(new DateOnly(2026, 3, 3), new TimeOnly(10, 0), new TimeOnly(11, 30), China.Zone, Now);
        var s = new ServiceScenario(ServiceScenario.Catalog("MeetingRoom"), "2026-03-02 09:00:00", resource: room, slots: slots);
        var booking = s.Request.Booking!;

        Assert.Equal((3, 90), (booking.Slots.Count, booking.Minutes));
        Assert.Equal(150m, room.FeeFor(booking.Minutes));
        Assert.Equal(slots, booking.Slots.Select(x => x.StartsAt));
        Assert.All(booking.Slots, x => Assert.Equal(room.Id, x.ResourceId));

        Assert.Throws<DomainException>(() => s.Request.Cancel(" ", ServiceScenario.Desk, s.Now, s.Clocks));
        Assert.Equal(3, booking.Slots.Count);
        s.Request.Cancel("会议改期", ServiceScenario.Desk, s.Now, s.Clocks);

        Assert.Equal((BookingStatus.Cancelled, "会议改期"), (booking.Status, booking.CancelReason));
        Assert.Empty(booking.Slots);
        Assert.Equal(ServiceEventKind.Cancelled, s.Request.Events[^1].Kind);
    }

    [Fact]
    public void A_resource_of_another_kind_or_property_is_refused()
    {
        var lift = new BookableResource(China.PropertyId, ResourceKind.FreightLift, "货梯", null, 30, new TimeOnly(8, 0), new TimeOnly(20, 0), null, 20);
        var slots = lift.SlotsFor(new DateOnly(2026, 3, 3), new TimeOnly(10, 0), new TimeOnly(11, 0), China.Zone, Now);
        Assert.Equal("ResourceWrongKind", Assert.Throws<DomainException>(() =>
            new ServiceScenario(ServiceScenario.Catalog("MeetingRoom"), "2026-03-02 09:00:00", resource: lift, slots: slots)).Code);

        var elsewhere = new BookableResource(Guid.NewGuid(), ResourceKind.MeetingRoom, "别处", null, 30, new TimeOnly(8, 0), new TimeOnly(20, 0), null, 20);
        slots = elsewhere.SlotsFor(new DateOnly(2026, 3, 3), new TimeOnly(10, 0), new TimeOnly(11, 0), China.Zone, Now);
        Assert.Equal("ResourceOtherProperty", Assert.Throws<DomainException>(() =>
            new ServiceScenario(ServiceScenario.Catalog("MeetingRoom"), "2026-03-02 09:00:00", resource: elsewhere, slots: slots)).Code);
    }
}
