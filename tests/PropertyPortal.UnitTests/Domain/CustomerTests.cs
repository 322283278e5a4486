using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.UnitTests.Domain;

public sealed class CustomerTests
{
    private static readonly Guid PropertyId = Guid.CreateVersion7();

    [Theory]
    [InlineData("310101199001011234", "310***********1234")]
    [InlineData("91310000MA1FL0XX1A", "913***********XX1A")]
    [InlineData("E12345678", "E****5678")]
    [InlineData("1234", "****")]
    [InlineData("12", "**")]
    public void Id_numbers_are_masked_to_the_first_and_last_characters(string number, string masked) =>
        Assert.Equal(masked, Customer.Mask(number));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_id_number_masks_to_nothing(string? number) => Assert.Null(Customer.Mask(number));

    [Fact]
    public void A_new_customer_keeps_normalized_phones_and_their_last_four_digits()
    {
        var customer = new Customer(PropertyId, CustomerKind.Person, " 王伟 ", "+86 138-0013-8000");

        Assert.Equal("王伟", customer.Name);
        Assert.Equal("13800138000", customer.Phone);
        Assert.Equal("8000", customer.PhoneLast4);
        Assert.Null(customer.Phone2Last4);
        Assert.Equal(ContactChannel.Phone, customer.PreferredChannel);
    }

    [Fact]
    public void A_customer_needs_a_name()
    {
        var ex = Assert.Throws<DomainException>(() => new Customer(PropertyId, CustomerKind.Person, "  ", null));

        Assert.Equal("Required", ex.Code);
    }

    [Fact]
    public void An_id_number_is_stored_upper_case_and_shown_masked()
    {
        var customer = new Customer(PropertyId, CustomerKind.Person, "李娜", null);

        customer.SetIdDocument(null, " 31010119900101123x ");

        Assert.Equal(IdDocumentType.IdCard, customer.IdDocumentType);
        Assert.Equal("31010119900101123X", customer.IdNumber);
        Assert.Equal("310***********123X", customer.MaskedIdNumber);
    }

    [Fact]
    public void Clearing_the_id_number_clears_its_type()
    {
        var customer = new Customer(PropertyId, CustomerKind.Company, "华信科技", null);
        customer.SetIdDocument(IdDocumentType.BusinessLicence, "91310000MA1FL0XX1A");

        customer.SetIdDocument(IdDocumentType.BusinessLicence, " ");

        Assert.Null(customer.IdDocumentType);
        Assert.Null(customer.IdNumber);
    }

    [Fact]
    public void Updating_a_customer_normalizes_every_phone_and_trims_the_text()
    {
        var customer = new Customer(PropertyId, CustomerKind.Person, "张三", "13800138000");

        customer.Update(CustomerKind.Person, "张三丰", "139 1234 5678", "021-5800 1234", " a@b.cn ", IdDocumentType.Passport, "e1234567",
            "张四", "137-0000-1111", ContactChannel.WeChat, "  ");

        Assert.Equal("13912345678", customer.Phone);
        Assert.Equal("5678", customer.PhoneLast4);
        Assert.Equal("02158001234", customer.Phone2);
        Assert.Equal("1234", customer.Phone2Last4);
        Assert.Equal("a@b.cn", customer.Email);
        Assert.Equal("E1234567", customer.IdNumber);
        Assert.Equal("13700001111", customer.EmergencyContactPhone);
        Assert.Equal(ContactChannel.WeChat, customer.PreferredChannel);
        Assert.Null(customer.Notes);
    }
}
