using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;

namespace PropertyPortal.UnitTests.Domain.Fees;

public sealed class DunningLadderTests
{
    private static readonly DunningLadder Ladder = DunningLadder.Default;
    private static readonly Actor Steward = new("u1", "张三");
    private static readonly DateTime Now = new(2027, 1, 31, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>The oldest overdue bill was due on this day.</summary>
    private static readonly DateOnly D = new(2027, 1, 31);

    private static DunningCase NewCase() => new(FeeLedger.PropertyId, Guid.CreateVersion7(), null, D, Now);

    private static DunningStep Fire(DunningCase c, DunningStage stage, DateOnly today) =>
        c.Fire(stage, 500m, today, Utc(today));

    private static void Complete(DunningStep step, DateOnly today) =>
        step.Complete("已电话提醒", step.Stage == DunningStage.Letter ? "SF1234567890" : null, 500m, today, Steward, Utc(today));

    private static DateTime Utc(DateOnly day) => day.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);

    // ---- Waits at their exact boundaries ----

    [Fact]
    public void The_reminder_is_due_30_days_after_the_oldest_due_date_not_29()
    {
        var c = NewCase();

        Assert.Equal(D.AddDays(30), c.NextStepDate(Ladder));
        Assert.Null(c.StepDue(D, Ladder));
        Assert.Null(c.StepDue(D.AddDays(29), Ladder));
        Assert.Equal(DunningStage.Reminder, c.StepDue(D.AddDays(30), Ladder));
        Assert.Equal(DunningStage.Reminder, c.StepDue(D.AddDays(45), Ladder));
        Assert.Null(c.Stage);
    }

    [Fact]
    public void The_second_reminder_is_due_15_days_after_the_day_the_reminder_was_given()
    {
        var c = NewCase();
        var r = D.AddDays(33); // the job ran three days late

        var step = Fire(c, DunningStage.Reminder, r);

        Assert.Equal((DunningStage.Reminder, r, 500m), (step.Stage, step.CreatedOn, step.BalanceAtStart));
        Assert.True(step.IsOpen);
        Assert.Equal(DunningStage.Reminder, c.Stage);
        Assert.Equal(r.AddDays(15), c.NextStepDate(Ladder));
        Assert.Null(c.StepDue(r.AddDays(14), Ladder));
        Assert.Equal(DunningStage.SecondReminder, c.StepDue(r.AddDays(15), Ladder));
    }

    [Fact]
    public void The_letter_is_due_90_days_after_the_reminder_not_after_the_second_reminder()
    {
        var c = NewCase();
        var r = D.AddDays(30);
        Fire(c, DunningStage.Reminder, r);
        Fire(c, DunningStage.SecondReminder, r.AddDays(20));

        Assert.Equal(r.AddDays(90), c.NextStepDate(Ladder));
        Assert.Null(c.StepDue(r.AddDays(89), Ladder));
        Assert.Equal(DunningStage.Letter, c.StepDue(r.AddDays(90), Ladder));
    }

    [Fact]
    public void Completing_the_reminder_call_later_moves_the_waits_that_count_from_it()
    {
        var c = NewCase();
        var r = D.AddDays(30);
        var reminder = Fire(c, DunningStage.Reminder, r);

        Complete(reminder, r.AddDays(3));

        Assert.Equal(r.AddDays(3), reminder.BaseDate);
        Assert.Equal(r.AddDays(18), c.NextStepDate(Ladder));
        Assert.Null(c.StepDue(r.AddDays(17), Ladder));

        var second = Fire(c, DunningStage.SecondReminder, r.AddDays(18));
        Complete(second, r.AddDays(25));

        // Still 90 days from the reminder call, not from the second reminder.
        Assert.Equal(r.AddDays(93), c.NextStepDate(Ladder));
        Assert.Null(c.StepDue(r.AddDays(92), Ladder));
        Assert.Equal(DunningStage.Letter, c.StepDue(r.AddDays(93), Ladder));
    }

    [Fact]
    public void A_visit_follows_the_letter_by_14_days_the_manager_the_visit_by_30_and_nothing_follows_the_manager()
    {
        var c = NewCase();
        var r = D.AddDays(30);
        Fire(c, DunningStage.Reminder, r);
        Fire(c, DunningStage.SecondReminder, r.AddDays(15));
        var l = r.AddDays(90);
        var letter = Fire(c, DunningStage.Letter, l);

        Assert.Equal(l.AddDays(14), c.NextStepDate(Ladder));
        Complete(letter, l.AddDays(2));
        Assert.Equal("SF1234567890", letter.TrackingNumber);
        Assert.Equal(l.AddDays(16), c.NextStepDate(Ladder));
        Assert.Null(c.StepDue(l.AddDays(15), Ladder));
        Assert.Equal(DunningStage.Visit, c.StepDue(l.AddDays(16), Ladder));

        var v = l.AddDays(16);
        Fire(c, DunningStage.Visit, v);
        Assert.Equal(v.AddDays(30), c.NextStepDate(Ladder));
        Assert.Null(c.StepDue(v.AddDays(29), Ladder));
        Assert.Equal(DunningStage.Legal, c.StepDue(v.AddDays(30), Ladder));

        Fire(c, DunningStage.Legal, v.AddDays(30));
        Assert.Equal(DunningStage.Legal, c.Stage);
        Assert.Null(c.NextStepDate(Ladder));
        Assert.Null(c.StepDue(v.AddDays(3650), Ladder));
        Assert.Equal(
            new[] { DunningStage.Reminder, DunningStage.SecondReminder, DunningStage.Letter, DunningStage.Visit, DunningStage.Legal },
            c.Steps.Select(s => s.Stage));
    }

    [Fact]
    public void Each_wait_of_a_custom_ladder_is_used_for_its_own_stage()
    {
        var ladder = new DunningLadder(10, 20, 40, 50, 60);
        var c = NewCase();
        var expected = new List<DateOnly>();
        var day = D;

        Assert.Equal(D.AddDays(10), c.NextStepDate(ladder));
        foreach (var stage in Enum.GetValues<DunningStage>())
        {
            var due = c.NextStepDate(ladder)!.Value;
            expected.Add(due);
            Assert.Null(c.StepDue(due.AddDays(-1), ladder));
            Assert.Equal(stage, c.StepDue(due, ladder));
            Fire(c, stage, due);
            day = due;
        }

        var r = D.AddDays(10);
        Assert.Equal(new[] { r, r.AddDays(20), r.AddDays(40), r.AddDays(90), r.AddDays(150) }, expected);
        Assert.Null(c.NextStepDate(ladder));
        Assert.Equal(r.AddDays(150), day);
    }

    // ---- Each stage once, in order ----

    [Fact]
    public void Each_stage_fires_once_and_in_order()
    {
        var c = NewCase();
        var r = D.AddDays(30);

        Assert.Equal("DunningStageInvalid", Assert.Throws<DomainException>(() => Fire(c, DunningStage.SecondReminder, r)).Code);
        Fire(c, DunningStage.Reminder, r);

        Assert.Equal("DunningStageInvalid", Assert.Throws<DomainException>(() => Fire(c, DunningStage.Reminder, r.AddDays(1))).Code);
        Assert.Equal("DunningStageInvalid", Assert.Throws<DomainException>(() => Fire(c, DunningStage.Letter, r.AddDays(200))).Code);
        Assert.Single(c.Steps);
        Assert.Equal(DunningStage.Reminder, c.Stage);

        Fire(c, DunningStage.SecondReminder, r.AddDays(15));
        Fire(c, DunningStage.Letter, r.AddDays(90));
        Fire(c, DunningStage.Visit, r.AddDays(104));
        Fire(c, DunningStage.Legal, r.AddDays(134));
        Assert.Equal("DunningStageInvalid", Assert.Throws<DomainException>(() => Fire(c, DunningStage.Legal, r.AddDays(200))).Code);
        Assert.Equal(5, c.Steps.Count);
        Assert.Equal(Enum.GetValues<DunningStage>().Length, c.Steps.Select(s => s.Stage).Distinct().Count());
    }

    // ---- Nothing owed, tasks ----

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_stage_does_not_fire_when_nothing_is_overdue(int balance)
    {
        var c = NewCase();

        var ex = Assert.Throws<DomainException>(() => c.Fire(DunningStage.Reminder, balance, D.AddDays(30), Now));

        Assert.Equal("NothingOwed", ex.Code);
        Assert.Empty(c.Steps);
        Assert.Null(c.Stage);
        Assert.Equal(D.AddDays(30), c.NextStepDate(Ladder));
    }

    [Fact]
    public void A_task_is_not_completed_for_a_household_that_owes_nothing_now()
    {
        var c = NewCase();
        var step = Fire(c, DunningStage.Reminder, D.AddDays(30));

        var ex = Assert.Throws<DomainException>(() => step.Complete("已电话提醒", null, 0m, D.AddDays(31), Steward, Now));

        Assert.Equal("NothingOwed", ex.Code);
        Assert.True(step.IsOpen);
        Assert.Null(step.DoneOn);
    }

    [Fact]
    public void A_letter_is_completed_only_with_its_tracking_number()
    {
        var c = NewCase();
        var r = D.AddDays(30);
        Fire(c, DunningStage.Reminder, r);
        Fire(c, DunningStage.SecondReminder, r.AddDays(15));
        var letter = Fire(c, DunningStage.Letter, r.AddDays(90));

        Assert.Equal("TrackingNumberRequired",
            Assert.Throws<DomainException>(() => letter.Complete("已寄出", null, 500m, r.AddDays(91), Steward, Now)).Code);
        Assert.Equal("TrackingNumberRequired",
            Assert.Throws<DomainException>(() => letter.Complete("已寄出", "  ", 500m, r.AddDays(91), Steward, Now)).Code);
        Assert.True(letter.IsOpen);

        letter.Complete("已寄出", " SF1234567890 ", 500m, r.AddDays(91), Steward, Now);
        Assert.Equal(("SF1234567890", "已寄出", "张三", r.AddDays(91)), (letter.TrackingNumber, letter.Outcome, letter.DoneByName, letter.DoneOn));
        Assert.False(letter.IsOpen);
    }

    [Fact]
    public void A_task_is_completed_once()
    {
        var c = NewCase();
        var step = Fire(c, DunningStage.Reminder, D.AddDays(30));
        Complete(step, D.AddDays(31));

        Assert.Equal("DunningStepClosed", Assert.Throws<DomainException>(() => Complete(step, D.AddDays(40))).Code);
        Assert.Equal(D.AddDays(31), step.DoneOn);
    }

    // ---- Promise to pay ----

    [Fact]
    public void A_promise_holds_the_ladder_until_the_day_after_the_promised_date()
    {
        var c = NewCase();
        var today = D.AddDays(25);

        c.Promise(D.AddDays(40), today, Steward, Now);

        Assert.Equal(DunningState.Promised, c.State);
        Assert.Equal(D.AddDays(40), c.PromiseUntil);
        Assert.Equal(D.AddDays(41), c.NextStepDate(Ladder));
        Assert.Null(c.StepDue(D.AddDays(30), Ladder));
        Assert.Null(c.StepDue(D.AddDays(40), Ladder));
        Assert.Equal(DunningStage.Reminder, c.StepDue(D.AddDays(41), Ladder));
    }

    [Fact]
    public void A_step_due_on_the_promised_date_itself_waits_a_day()
    {
        var c = NewCase();

        c.Promise(D.AddDays(30), D.AddDays(25), Steward, Now);

        Assert.Equal(D.AddDays(31), c.NextStepDate(Ladder));
        Assert.Null(c.StepDue(D.AddDays(30), Ladder));
    }

    [Fact]
    public void A_promise_ending_before_the_step_is_due_changes_nothing()
    {
        var c = NewCase();

        c.Promise(D.AddDays(29), D.AddDays(25), Steward, Now);

        Assert.Equal(D.AddDays(30), c.NextStepDate(Ladder));
        Assert.Equal(DunningStage.Reminder, c.StepDue(D.AddDays(30), Ladder));
    }

    [Fact]
    public void A_promise_mid_ladder_holds_the_next_stage_and_firing_it_ends_the_promise()
    {
        var c = NewCase();
        var r = D.AddDays(30);
        Fire(c, DunningStage.Reminder, r);

        c.Promise(r.AddDays(40), r.AddDays(5), Steward, Now);
        Assert.Equal(r.AddDays(41), c.NextStepDate(Ladder));
        Assert.Null(c.StepDue(r.AddDays(15), Ladder));
        Assert.Contains("PROMISE", c.LastNote, StringComparison.Ordinal);

        Fire(c, DunningStage.SecondReminder, r.AddDays(41));
        Assert.Equal(DunningState.Active, c.State);
        Assert.Null(c.PromiseUntil);
        Assert.Equal(r.AddDays(90), c.NextStepDate(Ladder));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(181)]
    public void A_promise_is_for_a_day_after_today_and_within_180_days(int daysAhead)
    {
        var c = NewCase();
        var today = D.AddDays(25);

        var ex = Assert.Throws<DomainException>(() => c.Promise(today.AddDays(daysAhead), today, Steward, Now));

        Assert.Equal("PromiseDateInvalid", ex.Code);
        Assert.Equal(DunningState.Active, c.State);
        Assert.Null(c.PromiseUntil);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(180)]
    public void A_promise_for_tomorrow_or_in_180_days_is_accepted(int daysAhead)
    {
        var c = NewCase();
        var today = D.AddDays(25);

        c.Promise(today.AddDays(daysAhead), today, Steward, Now);

        Assert.Equal(today.AddDays(daysAhead), c.PromiseUntil);
    }

    // ---- Dispute ----

    [Fact]
    public void A_dispute_pauses_the_ladder_and_resolving_it_resumes_where_it_was()
    {
        var c = NewCase();
        var r = D.AddDays(30);
        Fire(c, DunningStage.Reminder, r);
        var complaint = Guid.CreateVersion7();

        c.Dispute(" 楼上漏水未修 ", complaint, null, Steward, Now);

        Assert.Equal(DunningState.Disputed, c.State);
        Assert.Equal(("楼上漏水未修", complaint), (c.DisputeReason, c.DisputeComplaintId));
        Assert.Null(c.NextStepDate(Ladder));
        Assert.Null(c.StepDue(r.AddDays(15), Ladder));
        Assert.Null(c.StepDue(r.AddDays(3650), Ladder));
        Assert.Equal("DunningStageInvalid", Assert.Throws<DomainException>(() => Fire(c, DunningStage.SecondReminder, r.AddDays(15))).Code);

        c.ResolveDispute(Steward, Now);

        Assert.Equal(DunningState.Active, c.State);
        Assert.Equal(r.AddDays(15), c.NextStepDate(Ladder));
        Assert.Equal(DunningStage.SecondReminder, c.StepDue(r.AddDays(15), Ladder));
    }

    [Fact]
    public void A_dispute_replaces_a_promise()
    {
        var c = NewCase();
        c.Promise(D.AddDays(60), D.AddDays(25), Steward, Now);

        c.Dispute("账单有误", null, Guid.CreateVersion7(), Steward, Now);
        c.ResolveDispute(Steward, Now);

        Assert.Null(c.PromiseUntil);
        Assert.Equal(D.AddDays(30), c.NextStepDate(Ladder));
    }

    [Fact]
    public void Only_a_disputed_case_is_resolved_and_a_dispute_needs_a_reason()
    {
        var c = NewCase();

        Assert.Equal("NotDisputed", Assert.Throws<DomainException>(() => c.ResolveDispute(Steward, Now)).Code);
        Assert.Equal("Required", Assert.Throws<DomainException>(() => c.Dispute(" ", null, null, Steward, Now)).Code);
        Assert.Equal(DunningState.Active, c.State);

        c.Dispute("账单有误", null, null, Steward, Now);
        c.ResolveDispute(Steward, Now);
        Assert.Equal("NotDisputed", Assert.Throws<DomainException>(() => c.ResolveDispute(Steward, Now)).Code);
    }

    // ---- Settled ----

    [Fact]
    public void Settling_withdraws_the_open_tasks_and_stops_the_ladder()
    {
        var c = NewCase();
        var r = D.AddDays(30);
        var reminder = Fire(c, DunningStage.Reminder, r);
        Complete(reminder, r);
        var second = Fire(c, DunningStage.SecondReminder, r.AddDays(15));
        var settledAt = Utc(r.AddDays(16));

        c.Settle(settledAt);

        Assert.Equal(DunningState.Settled, c.State);
        Assert.False(c.IsOpen);
        Assert.Equal(settledAt, c.SettledAt);
        Assert.Equal(settledAt, second.WithdrawnAt);
        Assert.False(second.IsOpen);
        Assert.Null(reminder.WithdrawnAt);
        Assert.Null(c.NextStepDate(Ladder));
        Assert.Null(c.StepDue(r.AddDays(90), Ladder));
        Assert.Null(c.StepDue(r.AddDays(3650), Ladder));

        Assert.Equal("DunningStageInvalid", Assert.Throws<DomainException>(() => Fire(c, DunningStage.Letter, r.AddDays(90))).Code);
        Assert.Equal("DunningStepClosed", Assert.Throws<DomainException>(() => Complete(second, r.AddDays(17))).Code);
        Assert.Equal("DunningSettled", Assert.Throws<DomainException>(() => c.Promise(r.AddDays(30), r.AddDays(17), Steward, Now)).Code);
        Assert.Equal("DunningSettled", Assert.Throws<DomainException>(() => c.Dispute("账单有误", null, null, Steward, Now)).Code);

        c.Settle(settledAt.AddDays(1));
        Assert.Equal(settledAt, c.SettledAt);
    }
}
