using PropertyPortal.Web.Features.Search;

namespace PropertyPortal.UnitTests.Features;

public sealed class SearchClassificationTests
{
    [Theory]
    [InlineData("8000", SearchKind.PhoneTail, "8000")]
    [InlineData(" 8000 ", SearchKind.PhoneTail, "8000")]
    [InlineData("13800138000", SearchKind.Phone, "13800138000")]
    [InlineData("138-0013-8000", SearchKind.Phone, "13800138000")]
    [InlineData("+86 138 0013 8000", SearchKind.Phone, "13800138000")]
    [InlineData("021-58001234", SearchKind.Phone, "02158001234")]
    [InlineData("3-2-501", SearchKind.UnitNumber, "3-2-501")]
    [InlineData("3－2－501", SearchKind.UnitNumber, "3-2-501")]
    [InlineData("a-501", SearchKind.UnitNumber, "A-501")]
    [InlineData("10-2-2101", SearchKind.UnitNumber, "10-2-2101")]
    [InlineData("501", SearchKind.UnitNumber, "501")]
    [InlineData("８０００", SearchKind.PhoneTail, "8000")]
    [InlineData("Ａ－５０１", SearchKind.UnitNumber, "A-501")]
    [InlineData("张伟", SearchKind.Name, "张伟")]
    [InlineData("华信科技", SearchKind.Name, "华信科技")]
    [InlineData("", SearchKind.Empty, "")]
    [InlineData("   ", SearchKind.Empty, "")]
    public void The_shape_of_the_input_decides_what_is_searched(string input, SearchKind kind, string needle)
    {
        var (actualKind, actualNeedle) = HouseholdSearch.Classify(input);

        Assert.Equal(kind, actualKind);
        Assert.Equal(needle, actualNeedle);
    }
}
