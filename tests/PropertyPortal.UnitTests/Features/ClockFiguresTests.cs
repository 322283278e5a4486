using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Reports;
using static PropertyPortal.Web.Features.Reports.ClockFigures;

namespace PropertyPortal.UnitTests.Features;

public sealed class ClockFiguresTests
{
    private static readonly DateTime T0 = new(2026, 6, 2, 1, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Case = Guid.CreateVersion7();

    [Fact]
    public void A_reopened_case_counts_its_last_resolution_whatever_order_the_database_returned_the_clocks_in()
    {
        var first = new ClockRow(Case, SlaMilestone.Resolution, SlaClockState.Met, T0, T0.AddDays(2), 600);
        var reopened = new ClockRow(Case, SlaMilestone.Resolution, SlaClockState.Met, T0.AddDays(1), T0.AddDays(3), -4320);

        Assert.Equal(reopened, Assert.Single(PickPerCase([reopened, first], SlaMilestone.Resolution, last: true)));
        Assert.Equal(reopened, Assert.Single(PickPerCase([first, reopened], SlaMilestone.Resolution, last: true)));
        Assert.Equal(first, Assert.Single(PickPerCase([reopened, first], SlaMilestone.Resolution, last: false)));
    }

    [Fact]
    public void A_cancelled_clock_is_never_the_one_counted()
    {
        var cancelled = new ClockRow(Case, SlaMilestone.ComplaintReply, SlaClockState.Cancelled, T0, T0.AddHours(1), null);
        var met = new ClockRow(Case, SlaMilestone.ComplaintReply, SlaClockState.Met, T0.AddMinutes(5), T0.AddHours(1), 10);

        Assert.Equal(met, Assert.Single(PickPerCase([cancelled, met], SlaMilestone.ComplaintReply, last: false)));
    }

    [Fact]
    public void Met_at_the_due_instant_is_on_time_and_an_open_clock_past_due_is_late_by_the_minutes_since()
    {
        var now = T0.AddHours(3);
        var (decided, onTime, late) = Of(
        [
            new(Guid.NewGuid(), SlaMilestone.OnSite, SlaClockState.Met, T0, T0.AddHours(1), 0),
            new(Guid.NewGuid(), SlaMilestone.OnSite, SlaClockState.Met, T0, T0.AddHours(1), -7),
            new(Guid.NewGuid(), SlaMilestone.OnSite, SlaClockState.Running, T0, T0.AddHours(2), null),
            new(Guid.NewGuid(), SlaMilestone.OnSite, SlaClockState.Running, T0, now, null),
        ], now);

        Assert.Equal((3, 1), (decided, onTime));
        Assert.Equal(new[] { 7, 60 }, late.Order());
    }

    [Fact]
    public void Percentiles_are_nearest_rank_and_absent_without_values()
    {
        int[] values = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];

        Assert.Equal(5m, Percentile(values, 50));
        Assert.Equal(9m, Percentile(values, 90));
        Assert.Equal(10m, Percentile(values, 100));
        Assert.Null(Percentile([], 50));
        Assert.Null(Rate(0, 0));
        Assert.Equal(0.6667m, Rate(2, 3));
    }

    [Fact]
    public void A_period_is_a_china_month_and_knows_its_neighbours()
    {
        Assert.True(ReportPeriod.TryParse("2026-01", Case, out var january));
        Assert.Equal(new DateTime(2025, 12, 31, 16, 0, 0, DateTimeKind.Utc), january.FromUtc);
        Assert.Equal(new DateTime(2026, 1, 31, 16, 0, 0, DateTimeKind.Utc), january.ToUtc);
        Assert.Equal(("2025-12", "2025-01", 202601), (january.Previous.Text, january.LastYear.Text, january.Yyyymm));
        Assert.False(ReportPeriod.TryParse("2026-13", Case, out _));
        Assert.False(ReportPeriod.TryParse("june", Case, out _));
    }
}
