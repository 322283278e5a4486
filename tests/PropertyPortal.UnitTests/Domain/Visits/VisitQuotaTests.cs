using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Domain.Visits;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Visits;

/// <summary>
/// 002 L76, 004 §管家2: a month's visits counted in households (a household visited twice counts once), the quota's
/// clock running to the last instant of the month (China time) and met the moment the quota is reached.
/// </summary>
public sealed class VisitQuotaTests
{
    private static readonly Actor Steward = new("stw-1", "陈管家");

    [Fact]
    public void A_household_visited_twice_in_the_month_counts_once_and_last_months_visits_not_at_all()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var visits = new[] { (a, new DateOnly(2026, 3, 2)), (a, new DateOnly(2026, 3, 20)), (b, new DateOnly(2026, 3, 31)), (b, new DateOnly(2026, 2, 28)) };

        Assert.Equal(2, VisitQuotaRules.Households(visits, 202603));
        Assert.Equal(1, VisitQuotaRules.Households(visits, 202602));
    }

    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(9, 10, 90)]
    [InlineData(10, 10, 100)]
    [InlineData(14, 10, 100)]
    [InlineData(10, 30, 33)]
    [InlineData(3, 0, 100)]
    public void Progress_is_a_whole_percentage_capped_at_100(int households, int target, int percent) =>
        Assert.Equal(percent, VisitQuotaRules.Percent(households, target));

    [Fact]
    public void The_months_clock_is_due_at_midnight_China_time_when_the_next_month_begins_and_breaches_one_second_later()
    {
        var clocks = new ClockSet([], China.Context());
        var quota = VisitQuota.ForProperty(China.PropertyId, 202603, 10);

        var clock = quota.StartClock(clocks, China.Zone);

        Assert.Equal((SlaSubject.VisitQuota, SlaMilestone.VisitQuota), (clock.Subject, clock.Milestone));
        Assert.Equal("2026-03-01 00:00:00", China.Local(clock.StartedAt));
        Assert.Equal("2026-04-01 00:00:00", China.Local(clock.DueAt));
        Assert.False(clock.IsBreachedAt(China.Time("2026-04-01 00:00:00")));
        Assert.True(clock.IsBreachedAt(China.Time("2026-04-01 00:00:01")));
    }

    [Fact]
    public void Nine_households_leave_the_clock_running_the_tenth_meets_it_once()
    {
        var clocks = new ClockSet([], China.Context());
        var quota = VisitQuota.ForSteward(China.PropertyId, 202603, Steward.UserId!, Steward.Name, 10);
        var clock = quota.StartClock(clocks, China.Zone);
        var reached = China.Time("2026-03-28 16:00:00");

        Assert.False(quota.Count(9, reached.AddHours(-1), clocks));
        Assert.Equal(SlaClockState.Running, clock.State);
        Assert.True(quota.Count(10, reached, clocks));
        Assert.False(quota.Count(11, reached.AddHours(1), clocks));

        Assert.Equal(SlaClockState.Met, clock.State);
        Assert.Equal(reached, quota.ReachedAt);
        Assert.Equal(Steward.UserId, clock.AssigneeId);
        Assert.False(clock.IsBreachedAt(China.Time("2026-04-01 00:00:01")));
    }

    [Fact]
    public void A_quota_below_one_household_is_refused() =>
        Assert.Equal("VisitQuotaInvalid", Assert.Throws<DomainException>(() => VisitQuota.ForProperty(China.PropertyId, 202603, 0)).Code);

    [Fact]
    public void A_visit_is_recorded_after_it_happened_within_a_month_with_at_most_10_findings()
    {
        var now = China.Time("2026-03-20 10:00:00");
        var today = new DateOnly(2026, 3, 20);
        Visit Make(DateOnly on, int findings) => new(China.PropertyId, Guid.NewGuid(), null, Steward.UserId!, Steward.Name, on, VisitChannel.InPerson, "回访",
            [.. Enumerable.Range(1, findings).Select(i => $"问题{i}")], Steward, now, today);

        var visit = Make(today, 2);
        Assert.Equal(202603, visit.Period);
        Assert.Equal(["问题1", "问题2"], visit.Findings.Select(f => f.Text));
        Assert.Equal("VisitInFuture", Assert.Throws<DomainException>(() => Make(today.AddDays(1), 0)).Code);
        Assert.Equal("VisitTooLate", Assert.Throws<DomainException>(() => Make(today.AddDays(-Visit.MaxDaysLate - 1), 0)).Code);
        Assert.Equal("VisitTooManyFindings", Assert.Throws<DomainException>(() => Make(today, Visit.MaxFindings + 1)).Code);
    }

    [Fact]
    public void A_finding_turns_into_one_case_only()
    {
        var now = China.Time("2026-03-20 10:00:00");
        var visit = new Visit(China.PropertyId, Guid.NewGuid(), null, Steward.UserId!, Steward.Name, new DateOnly(2026, 3, 20), VisitChannel.Phone, "回访",
            ["楼道灯不亮"], Steward, now, new DateOnly(2026, 3, 20));
        var finding = visit.Findings[0];
        var contact = Guid.NewGuid();

        Assert.Equal("FindingFollowUpNone", Assert.Throws<DomainException>(() => finding.TurnInto(FindingFollowUp.None, contact, Steward, now)).Code);
        finding.TurnInto(FindingFollowUp.RepairOrder, contact, Steward, now);
        Assert.Equal((FindingFollowUp.RepairOrder, contact), (finding.FollowUp, finding.ContactId));
        Assert.Equal("FindingAlreadyFollowedUp",
            Assert.Throws<DomainException>(() => finding.TurnInto(FindingFollowUp.Complaint, Guid.NewGuid(), Steward, now)).Code);
    }
}
