using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Reports;

namespace PropertyPortal.UnitTests.Domain.Reports;

public sealed class MonthlyReportSignOffTests
{
    private static readonly Guid Property = Guid.CreateVersion7();
    private static readonly Actor Supervisor = new("u-sup", "李主管");
    private static readonly Actor Manager = new("u-mgr", "王经理");
    private static readonly DateTime Now = new(2026, 7, 1, 2, 0, 0, DateTimeKind.Utc);

    private static MonthlyReportSignOff SignJune(DateOnly today) =>
        MonthlyReportSignOff.Sign(Property, 2026, 6, " 六月正常 ", "{}", Supervisor, Now, today);

    [Fact]
    public void A_month_can_be_signed_from_the_first_day_after_it_and_not_before()
    {
        Assert.Equal("ReportMonthNotOver", Assert.Throws<DomainException>(() => SignJune(new DateOnly(2026, 6, 30))).Code);
        var signed = SignJune(new DateOnly(2026, 7, 1));
        Assert.Equal(("六月正常", "李主管", Now), (signed.Commentary, signed.SignedByName, signed.SignedAt));
    }

    [Fact]
    public void A_commentary_is_required_and_at_most_2000_characters()
    {
        var today = new DateOnly(2026, 7, 1);
        Assert.Equal("Required", Assert.Throws<DomainException>(() => MonthlyReportSignOff.Sign(Property, 2026, 6, "  ", "{}", Supervisor, Now, today)).Code);
        Assert.Equal("ReportCommentaryTooLong", Assert.Throws<DomainException>(() => MonthlyReportSignOff.Sign(Property, 2026, 6, new string('长', 2001), "{}", Supervisor, Now, today)).Code);
        Assert.Equal(2000, MonthlyReportSignOff.Sign(Property, 2026, 6, new string('长', 2000), "{}", Supervisor, Now, today).Commentary.Length);
    }

    [Fact]
    public void The_countersignature_is_another_persons_and_given_once()
    {
        var signed = SignJune(new DateOnly(2026, 7, 1));
        Assert.Equal("ReportCountersignSelf", Assert.Throws<DomainException>(() => signed.Countersign(Supervisor, Now)).Code);
        Assert.False(signed.IsCountersigned);
        signed.Countersign(Manager, Now.AddHours(1));
        Assert.Equal(("王经理", (DateTime?)Now.AddHours(1)), (signed.CountersignedByName, signed.CountersignedAt));
        Assert.Equal("ReportCountersigned", Assert.Throws<DomainException>(() => signed.Countersign(new Actor("u-other", "赵经理"), Now)).Code);
    }
}
