using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Settings;

namespace PropertyPortal.UnitTests.Features;

public sealed class CalendarListParserTests
{
    [Fact]
    public void A_holiday_range_and_a_make_up_day_are_read_with_their_names()
    {
        var list = CalendarListParser.Parse("2027-01-01~2027-01-03 元旦\r\n\r\n2027-01-09　调休　元旦 调休\n", 2027);

        Assert.True(list.IsValid);
        Assert.Equal(
            [new CalendarEntry(1, new(2027, 1, 1), new(2027, 1, 3), CalendarDayKind.Holiday, "元旦"),
             new CalendarEntry(3, new(2027, 1, 9), new(2027, 1, 9), CalendarDayKind.MakeUpWorkday, "元旦 调休")],
            list.Entries);
        Assert.Equal([("2027-01-01", "2027-01-03", "元旦")], list.Holidays);
    }

    [Fact]
    public void Spaces_around_a_full_width_tilde_are_accepted()
    {
        var list = CalendarListParser.Parse("2027-10-01 ～ 2027-10-07 国庆节", 2027);

        Assert.Equal(new DateOnly(2027, 10, 7), Assert.Single(list.Entries).To);
    }

    [Theory]
    [InlineData("2027-04-05 清明节", "Format")]
    [InlineData("2027/04/05~2027/04/06 清明节", "BadDate")]
    [InlineData("2027-02-30~2027-03-01 春节", "BadDate")]
    [InlineData("2026-12-31~2027-01-01 元旦", "WrongYear")]
    [InlineData("2027-01-03~2027-01-01 元旦", "Backwards")]
    [InlineData("2027-01-01~2027-02-01 元旦", "TooLong")]
    [InlineData("2027-01-01~2027-01-03", "NameMissing")]
    [InlineData("2027-01-04 调休", "NameMissing")]
    [InlineData("2027-01-04 调休 周一不行", "NotWeekend")]
    [InlineData("元旦 2027-01-01", "Format")]
    public void A_line_that_is_not_exactly_one_of_the_two_forms_is_an_error_with_its_line_number(string line, string code)
    {
        var list = CalendarListParser.Parse("2027-05-01~2027-05-05 劳动节\n" + line, 2027);

        var error = Assert.Single(list.Errors);
        Assert.Equal((2, code), (error.Line, error.Code));
        Assert.Equal(2, error.Args[0]);
    }

    [Fact]
    public void A_date_given_twice_names_the_line_it_first_appeared_on()
    {
        var list = CalendarListParser.Parse("2027-01-01~2027-01-03 元旦\n2027-01-02 调休 重复", 2027);

        var error = Assert.Single(list.Errors);
        Assert.Equal("Duplicate", error.Code);
        Assert.Equal([2, "2027-01-02", 1], error.Args);
    }

    [Fact]
    public void Empty_text_is_an_error()
    {
        Assert.Equal("Empty", Assert.Single(CalendarListParser.Parse(" \n \n", 2027).Errors).Code);
    }
}
