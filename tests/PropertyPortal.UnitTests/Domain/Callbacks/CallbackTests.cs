using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.Domain.Repairs;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Callbacks;

public sealed class CallbackTests
{
    private static readonly Actor Caller = new("cs-1", "客服刘洋");

    private static (RepairScenario Repair, Callback Callback) Awaiting(RepairUrgency urgency = RepairUrgency.Normal)
    {
        var s = new RepairScenario(urgency).Into(RepairStatus.OnSite);
        var callback = s.After(20).CompleteWork();
        s.After(24 * 60);
        return (s, callback);
    }

    [Fact]
    public void A_customer_reached_who_says_fixed_and_scores_eight_closes_the_order()
    {
        var (s, callback) = Awaiting();

        var reopen = callback.RecordReached(true, true, null, 8, "师傅很认真", Caller, s.Now, s.Clocks, s.Order);

        Assert.False(reopen);
        Assert.Equal((CallbackStatus.Done, true, 8, "师傅很认真", 1), (callback.Status, callback.Fixed, callback.Score, callback.Comment, callback.AttemptCount));
        Assert.Equal((s.Now, "客服刘洋"), (callback.CompletedAt, callback.CompletedByName));
        Assert.Equal(CallbackOutcome.Reached, Assert.Single(callback.Attempts).Outcome);
        Assert.Equal((RepairStatus.Closed, s.Now), (s.Order.Status, s.Order.ClosedAt));
        Assert.Equal(SlaClockState.Met, s.ClockOf(SlaMilestone.Callback).State);
        Assert.Equal(
            [(RepairEventKind.CallbackRecorded, "8/10 师傅很认真"), (RepairEventKind.Closed, null)],
            s.Order.Events.TakeLast(2).Select(e => (e.Kind, e.Note)));
    }

    [Fact]
    public void A_customer_who_says_not_fixed_reopens_the_order()
    {
        var (s, callback) = Awaiting();

        var reopen = callback.RecordReached(false, true, null, 8, null, Caller, s.Now, s.Clocks, s.Order);

        Assert.True(reopen);
        Assert.True(callback.CallsForRework);
        Assert.Equal((RepairStatus.Dispatched, 1), (s.Order.Status, s.Order.ReopenCount));
        Assert.Equal("not fixed", s.Order.Events[^1].Note);
        Assert.Equal(SlaClockState.Met, s.ClockOf(SlaMilestone.Callback).State);
        Assert.Equal(s.Now, s.Clocks.Open(SlaMilestone.OnSite)!.StartedAt);
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    [InlineData(1, true)]
    [InlineData(10, false)]
    public void A_score_of_five_or_below_reopens_the_order_even_when_fixed(int score, bool reopens)
    {
        var (s, callback) = Awaiting();

        Assert.Equal(reopens, callback.RecordReached(true, false, null, score, null, Caller, s.Now, s.Clocks, s.Order));
        Assert.Equal(reopens ? RepairStatus.Dispatched : RepairStatus.Closed, s.Order.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void A_score_outside_one_to_ten_is_refused(int score)
    {
        var (s, callback) = Awaiting();

        Assert.Equal("ScoreOutOfRange", Assert.Throws<DomainException>(() => callback.RecordReached(true, true, null, score, null, Caller, s.Now, s.Clocks, s.Order)).Code);
        Assert.Equal(CallbackStatus.Open, callback.Status);
        Assert.Equal(RepairStatus.AwaitingCallback, s.Order.Status);
    }

    [Fact]
    public void An_unreachable_customer_goes_to_the_supervisor_exactly_once_after_the_policys_attempts()
    {
        var (s, callback) = Awaiting();
        var max = s.Clocks.Context.Policy.CallbackMaxAttempts;

        var escalations = Enumerable.Range(1, max + 2)
            .Select(i => callback.RecordUnreachable($"第{i}次无人接听", max, Caller, s.After(60).Now))
            .ToList();

        Assert.Equal([false, false, true, false, false], escalations);
        Assert.True(callback.NeedsSupervisor);
        Assert.Equal((CallbackStatus.Open, 5), (callback.Status, callback.AttemptCount));
        Assert.All(callback.Attempts, a => Assert.Equal(CallbackOutcome.Unreachable, a.Outcome));
        Assert.Equal("第1次无人接听", callback.Attempts[0].Note);
        Assert.Equal(RepairStatus.AwaitingCallback, s.Order.Status);
    }

    [Fact]
    public void Reaching_the_customer_at_last_clears_the_supervisor_flag()
    {
        var (s, callback) = Awaiting();
        for (var i = 0; i < 3; i++)
        {
            callback.RecordUnreachable(null, 3, Caller, s.After(60).Now);
        }

        callback.RecordReached(true, true, true, 9, null, Caller, s.After(60).Now, s.Clocks, s.Order);

        Assert.False(callback.NeedsSupervisor);
        Assert.Equal(4, callback.AttemptCount);
        Assert.Equal(RepairStatus.Closed, s.Order.Status);
    }

    [Fact]
    public void Assigning_the_callback_clears_the_supervisor_flag_and_moves_its_clock()
    {
        var (s, callback) = Awaiting();
        for (var i = 0; i < 3; i++)
        {
            callback.RecordUnreachable(null, 3, Caller, s.After(60).Now);
        }

        callback.Assign("cs-2", "客服周敏", s.Clocks);

        Assert.False(callback.NeedsSupervisor);
        Assert.Equal(("cs-2", "客服周敏"), (callback.AssigneeId, callback.AssigneeName));
        Assert.Equal("cs-2", s.ClockOf(SlaMilestone.Callback).AssigneeId);
    }

    [Fact]
    public void A_customer_who_declines_the_callback_closes_the_order()
    {
        var (s, callback) = Awaiting();

        callback.RecordRefused("业主不愿回访", Caller, s.Now, s.Clocks, s.Order);

        Assert.Equal((CallbackStatus.Refused, "业主不愿回访"), (callback.Status, callback.Comment));
        Assert.Equal(CallbackOutcome.Refused, Assert.Single(callback.Attempts).Outcome);
        Assert.Equal(RepairStatus.Closed, s.Order.Status);
        Assert.Equal(SlaClockState.Met, s.ClockOf(SlaMilestone.Callback).State);
        Assert.Equal("refused", s.Order.Events[^2].Note);
    }

    [Fact]
    public void A_callback_can_be_recorded_only_once()
    {
        var (s, callback) = Awaiting();
        callback.RecordReached(true, true, null, 8, null, Caller, s.Now, s.Clocks, s.Order);

        Assert.Equal("CallbackClosed", Assert.Throws<DomainException>(() => callback.RecordReached(true, true, null, 9, null, Caller, s.Now, s.Clocks, s.Order)).Code);
        Assert.Equal("CallbackClosed", Assert.Throws<DomainException>(() => callback.RecordRefused(null, Caller, s.Now, s.Clocks, s.Order)).Code);
        Assert.Equal("CallbackClosed", Assert.Throws<DomainException>(() => callback.RecordUnreachable(null, 3, Caller, s.Now)).Code);
        Assert.Equal("CallbackClosed", Assert.Throws<DomainException>(() => callback.Assign("cs-2", "客服周敏", s.Clocks)).Code);
        Assert.Equal(8, callback.Score);
    }

    [Fact]
    public void A_callback_made_on_the_due_instant_is_on_time_and_a_second_later_is_late()
    {
        var (s, onTime) = Awaiting();
        onTime.RecordReached(true, true, null, 8, null, Caller, onTime.DueAt, s.Clocks, s.Order);
        Assert.Equal(0, s.ClockOf(SlaMilestone.Callback).MinutesEarly);

        var (late, lateCallback) = Awaiting();
        lateCallback.RecordReached(true, true, null, 8, null, Caller, lateCallback.DueAt.AddSeconds(1), late.Clocks, late.Order);
        Assert.Equal(-1, late.ClockOf(SlaMilestone.Callback).MinutesEarly);
    }
}
