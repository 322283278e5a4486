using System.Text;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Features.Import;

namespace PropertyPortal.UnitTests.Features;

public sealed class RegistrySheetParserTests
{
    private const string Header = "楼栋编号,楼栋名称,房号,楼层,建筑面积,房屋类型,房屋状态,住户姓名,住户类型,证件类型,证件号码,联系电话,备用电话,身份,入住日期";

    [Fact]
    public void A_sheet_saved_by_chinese_excel_in_gb18030_reads_the_same_as_utf8()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = Header + "\n3,3号楼,3-1-101,1,89.50,住宅,,张伟,个人,身份证,,13801234567,,租户,2021-06-18\n";

        var sheet = RegistrySheetParser.Parse(Encoding.GetEncoding("GB18030").GetBytes(text));

        Assert.True(sheet.IsValid, string.Join("; ", sheet.Errors.Select(e => e.Row + ":" + e.Key)));
        var row = Assert.Single(sheet.Rows);
        Assert.Equal("3-1-101", row.UnitNumber);
        Assert.Equal(89.50m, row.Area);
        Assert.Equal(UnitType.Residence, row.Type);
        Assert.Equal("张伟", row.Household!.Name);
        Assert.Equal(OccupancyRole.Tenant, row.Household.Role);
        Assert.Equal(new DateOnly(2021, 6, 18), row.Household.StartDate);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_sheet_row_number_and_duplicates_are_caught()
    {
        var text = Header + "\n"
            + "3,3号楼,3-1-101,1,89.50,住宅,,,,,,,,,\n"      // row 2: fine
            + "3,3号楼,3-1-102,1,-5,住宅,,,,,,,,,\n"          // row 3: area
            + "3,3号楼,3-1-101,1,89.50,住宅,,,,,,,,,\n"       // row 4: duplicate of row 2
            + "3,3号楼,3-1-201,二楼,89.50,住宅,,,,,,,,,\n";   // row 5: floor

        var sheet = RegistrySheetParser.Parse(Encoding.UTF8.GetBytes(text));

        Assert.False(sheet.IsValid);
        Assert.Equal([3, 4, 5], sheet.Errors.Select(e => e.Row).Distinct().Order().ToArray());
        Assert.Equal(4, sheet.DataRowCount);
    }
}
