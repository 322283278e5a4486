using PropertyPortal.Web.Features.Fees;

namespace PropertyPortal.UnitTests.Features;

public sealed class ReceiptLinesTests
{
    [Fact]
    public void Months_of_one_fee_item_become_one_line_with_their_range()
    {
        var lines = ReceiptLines.ByItem(
        [
            ("公共能耗分摊 2026-09", 60m), ("物业管理费 2026-09", 2841.60m), ("公共能耗分摊 2026-10", 60m),
            ("物业管理费 2026-10", 2841.60m), ("物业管理费 2026-11", 2841.60m), ("有偿维修费 更换门锁", 120m),
        ]);

        Assert.Equal(
        [
            ("公共能耗分摊 2026-09～2026-10", 120m), ("物业管理费 2026-09～2026-11", 8524.80m), ("有偿维修费 更换门锁", 120m),
        ], lines);
    }

    [Fact]
    public void A_single_month_keeps_its_month() =>
        Assert.Equal([("物业管理费 2026-11", 356.40m)], ReceiptLines.ByItem([("物业管理费 2026-11", 356.40m)]));
}
