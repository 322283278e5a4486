using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.UnitTests.Domain;

public sealed class UnitRulesTests
{
    private static Unit NewUnit() => new(Guid.CreateVersion7(), Guid.CreateVersion7(), "3-2-501", 5, 89.5m, UnitType.Residence);

    [Fact]
    public void A_new_unit_is_vacant_and_its_number_is_normalized()
    {
        var unit = new Unit(Guid.CreateVersion7(), Guid.CreateVersion7(), " a－1 — 501 ", 5, 89.5m, UnitType.Residence);

        Assert.Equal("A-1-501", unit.Number);
        Assert.Equal(UnitStatus.Vacant, unit.Status);
        Assert.Equal(0, unit.Version);
    }

    [Theory]
    [InlineData(-10)]
    [InlineData(0)]
    [InlineData(200)]
    public void Floors_from_minus_10_to_200_are_accepted(int floor)
    {
        var unit = NewUnit();

        unit.SetDetails(floor, 50m, UnitType.Parking, null, null);

        Assert.Equal(floor, unit.Floor);
    }

    [Theory]
    [InlineData(-11)]
    [InlineData(201)]
    public void Floors_outside_minus_10_to_200_are_refused(int floor)
    {
        var unit = NewUnit();

        var ex = Assert.Throws<DomainException>(() => unit.SetDetails(floor, 50m, UnitType.Office, null, null));

        Assert.Equal("FloorOutOfRange", ex.Code);
        Assert.Equal(5, unit.Floor);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("100000.01")]
    public void An_area_that_is_not_positive_or_not_realistic_is_refused(string area)
    {
        var unit = NewUnit();

        var ex = Assert.Throws<DomainException>(() => unit.SetDetails(5, decimal.Parse(area, System.Globalization.CultureInfo.InvariantCulture), UnitType.Office, null, null));

        Assert.Equal("AreaOutOfRange", ex.Code);
        Assert.Equal(89.5m, unit.Area);
    }

    [Fact]
    public void The_largest_realistic_area_is_accepted_and_areas_are_rounded_to_cents()
    {
        var unit = NewUnit();

        unit.SetDetails(5, Unit.MaxArea, UnitType.Office, null, null);
        Assert.Equal(Unit.MaxArea, unit.Area);

        unit.SetDetails(5, 128.365m, UnitType.Office, null, null);
        Assert.Equal(128.36m, unit.Area);
    }

    [Fact]
    public void A_unit_is_in_warranty_up_to_and_including_the_last_day()
    {
        var unit = NewUnit();
        unit.SetDetails(5, 89.5m, UnitType.Residence, new DateOnly(2027, 6, 30), null);

        Assert.True(unit.IsInWarranty(new DateOnly(2027, 6, 30)));
        Assert.False(unit.IsInWarranty(new DateOnly(2027, 7, 1)));
        unit.SetDetails(5, 89.5m, UnitType.Residence, null, null);
        Assert.False(unit.IsInWarranty(new DateOnly(2020, 1, 1)));
    }
}

public sealed class BuildingAndPropertyRulesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void A_building_has_1_to_200_floors(int floors)
    {
        var ex = Assert.Throws<DomainException>(() => new Building(Guid.CreateVersion7(), "1", "1号楼", floors));

        Assert.Equal("FloorsOutOfRange", ex.Code);
    }

    [Fact]
    public void A_building_may_leave_its_floors_unknown() =>
        Assert.Null(new Building(Guid.CreateVersion7(), "A", "A座").Floors);

    [Fact]
    public void A_property_code_is_upper_case_and_a_property_is_its_own_scope()
    {
        var property = new Property(" chhy ", "翠湖花园", PropertyKind.Residential);

        Assert.Equal("CHHY", property.Code);
        Assert.True(property.IsActive);
        Assert.Equal(property.Id, ((IPropertyScoped)property).PropertyId);
    }
}

public sealed class OccupancyRulesTests
{
    private static readonly DateOnly Start = new(2026, 3, 1);

    private static Occupancy NewOccupancy(DateOnly? end = null) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), OccupancyRole.Tenant, Start, end);

    [Fact]
    public void An_occupancy_cannot_end_before_it_starts()
    {
        var ex = Assert.Throws<DomainException>(() => NewOccupancy(Start.AddDays(-1)));

        Assert.Equal("EndBeforeStart", ex.Code);
    }

    [Fact]
    public void Ending_an_occupancy_before_its_start_is_refused_and_changes_nothing()
    {
        var occupancy = NewOccupancy();

        Assert.Throws<DomainException>(() => occupancy.End(Start.AddDays(-1)));

        Assert.Null(occupancy.EndDate);
    }

    [Fact]
    public void An_occupancy_may_start_and_end_on_the_same_day()
    {
        var occupancy = NewOccupancy();

        occupancy.End(Start);

        Assert.Equal(Start, occupancy.EndDate);
        Assert.True(occupancy.IsCurrent(Start));
        Assert.False(occupancy.IsCurrent(Start.AddDays(1)));
    }

    [Fact]
    public void An_occupancy_is_current_from_its_start_while_it_has_no_end()
    {
        var occupancy = NewOccupancy();

        Assert.False(occupancy.IsCurrent(Start.AddDays(-1)));
        Assert.True(occupancy.IsCurrent(Start));
        Assert.True(occupancy.IsCurrent(Start.AddYears(10)));
    }

    [Fact]
    public void Changing_an_occupancy_checks_the_dates_against_the_new_start()
    {
        var occupancy = NewOccupancy(Start.AddMonths(6));

        Assert.Throws<DomainException>(() => occupancy.Change(OccupancyRole.Owner, Start.AddMonths(7), Start.AddMonths(6)));
        occupancy.Change(OccupancyRole.Owner, Start.AddMonths(1), null);

        Assert.Equal(OccupancyRole.Owner, occupancy.Role);
        Assert.Null(occupancy.EndDate);
    }
}

public sealed class OfficeKeyRulesTests
{
    private static OfficeKey NewKey() => new(Guid.CreateVersion7(), Guid.CreateVersion7(), "A-501 大门钥匙", 2, "钥匙柜 01 号", new DateOnly(2026, 1, 5));

    [Fact]
    public void A_received_key_is_held_by_the_office()
    {
        var key = NewKey();

        Assert.Equal(KeyStatus.Held, key.Status);
        Assert.Null(key.LentTo);
    }

    [Fact]
    public void A_held_key_can_be_lent_and_comes_back_held()
    {
        var key = NewKey();

        key.Lend(" 刘师傅 ");
        Assert.Equal(KeyStatus.Lent, key.Status);
        Assert.Equal("刘师傅", key.LentTo);

        key.ReturnToOffice();
        Assert.Equal(KeyStatus.Held, key.Status);
        Assert.Null(key.LentTo);
    }

    [Fact]
    public void A_lent_key_cannot_be_lent_again()
    {
        var key = NewKey();
        key.Lend("刘师傅");

        var ex = Assert.Throws<DomainException>(() => key.Lend("陈管家"));

        Assert.Equal("KeyNotHeld", ex.Code);
        Assert.Equal("刘师傅", key.LentTo);
    }

    [Fact]
    public void A_key_must_be_lent_to_someone()
    {
        var key = NewKey();

        Assert.Equal("Required", Assert.Throws<DomainException>(() => key.Lend(" ")).Code);
        Assert.Equal(KeyStatus.Held, key.Status);
    }

    [Fact]
    public void Only_a_lent_key_can_come_back()
    {
        var ex = Assert.Throws<DomainException>(() => NewKey().ReturnToOffice());

        Assert.Equal("KeyNotLent", ex.Code);
    }

    [Fact]
    public void A_held_or_lent_key_can_be_handed_back_to_the_owner_once()
    {
        var held = NewKey();
        var lent = NewKey();
        lent.Lend("刘师傅");

        held.HandBackToOwner();
        lent.HandBackToOwner();

        Assert.Equal(KeyStatus.Returned, held.Status);
        Assert.Equal(KeyStatus.Returned, lent.Status);
        Assert.Null(lent.LentTo);
        Assert.Equal("KeyAlreadyReturned", Assert.Throws<DomainException>(held.HandBackToOwner).Code);
    }

    [Fact]
    public void A_key_handed_back_can_be_neither_lent_nor_returned_to_the_office()
    {
        var key = NewKey();
        key.HandBackToOwner();

        Assert.Equal("KeyNotHeld", Assert.Throws<DomainException>(() => key.Lend("刘师傅")).Code);
        Assert.Equal("KeyNotLent", Assert.Throws<DomainException>(key.ReturnToOffice).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void A_key_bundle_has_1_to_100_keys(int count)
    {
        Assert.Equal("KeyCountOutOfRange", Assert.Throws<DomainException>(() => new OfficeKey(Guid.CreateVersion7(), Guid.CreateVersion7(), "钥匙", count, null, new DateOnly(2026, 1, 1))).Code);
        Assert.Equal("KeyCountOutOfRange", Assert.Throws<DomainException>(() => NewKey().Update("钥匙", count, null, null)).Code);
    }
}
