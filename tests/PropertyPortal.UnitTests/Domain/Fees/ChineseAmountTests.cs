using PropertyPortal.Domain.Fees;

namespace PropertyPortal.UnitTests.Domain.Fees;

/// <summary>大写金额 on receipts, checked against the examples of 《支付结算办法》 and the edges a cashier meets.</summary>
public sealed class ChineseAmountTests
{
    [Theory]
    [InlineData("0.05", "伍分")]
    [InlineData("0.50", "伍角")]
    [InlineData("0", "零元整")]
    [InlineData("1", "壹元整")]
    [InlineData("10.00", "壹拾元整")]
    [InlineData("15", "壹拾伍元整")]
    [InlineData("101", "壹佰零壹元整")]
    [InlineData("1680.32", "壹仟陆佰捌拾元零叁角贰分")]
    [InlineData("325.04", "叁佰贰拾伍元零肆分")]
    [InlineData("16409.02", "壹万陆仟肆佰零玖元零贰分")]
    [InlineData("107000.53", "壹拾万柒仟元零伍角叁分")]
    [InlineData("6007.14", "陆仟零柒元壹角肆分")]
    [InlineData("1000001.20", "壹佰万零壹元贰角")]
    [InlineData("100000000", "壹亿元整")]
    [InlineData("100000001", "壹亿零壹元整")]
    [InlineData("101000000", "壹亿零壹佰万元整")]
    [InlineData("110010", "壹拾壹万零壹拾元整")]
    [InlineData("84481.32", "捌万肆仟肆佰捌拾壹元叁角贰分")]
    [InlineData("-12.30", "负壹拾贰元叁角")]
    public void Amounts_read_as_a_cashier_writes_them(string amount, string capitals) =>
        Assert.Equal(capitals, ChineseAmount.ToCapitals(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Fractions_of_a_fen_are_refused() =>
        Assert.Throws<ArgumentException>(() => ChineseAmount.ToCapitals(1.005m));
}
