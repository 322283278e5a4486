using PropertyPortal.Domain.Registry;

namespace PropertyPortal.UnitTests.Domain;

/// <summary>Units in the order a steward walks them: building, entrance, floor and room — not as strings sort.</summary>
public sealed class UnitOrderTests
{
    [Fact]
    public void Unit_numbers_sort_by_building_entrance_and_room()
    {
        string[] shuffled = ["3-2-101", "10-1-101", "3-1-1102", "3-1-201", "3-1-101", "3-1-102", "2-2-1101"];

        var ordered = shuffled.OrderBy(Unit.OrderKey, StringComparer.Ordinal).ToArray();

        Assert.Equal(["2-2-1101", "3-1-101", "3-1-102", "3-1-201", "3-1-1102", "3-2-101", "10-1-101"], ordered);
    }

    [Fact]
    public void Office_numbers_and_leading_zeros_sort_as_numbers()
    {
        string[] shuffled = ["A-1203", "B-501", "A-0502", "a-501", "A-20"];

        var ordered = shuffled.OrderBy(Unit.OrderKey, StringComparer.Ordinal).ToArray();

        Assert.Equal(["A-20", "a-501", "A-0502", "A-1203", "B-501"], ordered);
    }
}
