using PropertyPortal.Domain.Registry;

namespace PropertyPortal.UnitTests.Domain;

public sealed class PhoneTests
{
    [Theory]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("138-0013-8000", "13800138000")]
    [InlineData("+86 138 0013 8000", "13800138000")]
    [InlineData("8613800138000", "13800138000")]
    [InlineData("021-62005678", "02162005678")]
    [InlineData("  13800138000 ", "13800138000")]
    public void Phone_numbers_are_stored_as_digits_without_the_country_code(string typed, string stored) =>
        Assert.Equal(stored, Phone.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("无")]
    public void A_phone_without_digits_is_no_phone(string? typed) => Assert.Null(Phone.Normalize(typed));

    [Fact]
    public void A_number_that_merely_starts_with_86_keeps_its_digits() =>
        Assert.Equal("86123456", Phone.Normalize("86123456"));

    [Theory]
    [InlineData("13800138000", "8000")]
    [InlineData("1234", "1234")]
    [InlineData("123", null)]
    [InlineData(null, null)]
    public void Last4_is_what_the_counter_searches_by(string? normalized, string? last4) =>
        Assert.Equal(last4, Phone.Last4(normalized));

    [Theory]
    [InlineData("13800138000", true)]
    [InlineData("021-6200 5678", true)]
    [InlineData("1234567", true)]
    [InlineData("123456", false)]
    [InlineData("1234567890123456", false)]
    [InlineData(null, false)]
    [InlineData("abc", false)]
    public void Valid_phones_have_7_to_15_digits(string? typed, bool valid) =>
        Assert.Equal(valid, Phone.IsValid(typed));
}
