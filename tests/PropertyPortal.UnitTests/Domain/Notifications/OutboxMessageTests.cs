using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Notifications;

namespace PropertyPortal.UnitTests.Domain.Notifications;

/// <summary>The life of one send: claim under a lease, then sent, retried with back-off, dead, or unknown.</summary>
public sealed class OutboxMessageTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly RetryPolicy Policy = new(3, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5));

    private static OutboxMessage Sms() => new("k", "Sms", RecipientKind.Household, null, Guid.NewGuid(), Guid.NewGuid(), "PaymentNotice", "[]", null,
        DeliveryPriority.Bulk, Now, "billing:x");

    [Fact]
    public void A_new_message_is_queued_and_due_at_once()
    {
        var m = Sms();
        Assert.Equal(DeliveryState.Queued, m.State);
        Assert.True(m.IsDue(Now));
        Assert.False(m.IsDue(Now.AddTicks(-1)));
    }

    [Fact]
    public void A_household_message_must_name_its_customer_and_a_team_message_its_property()
    {
        Assert.Equal("OutboxRecipientInvalid", Assert.Throws<DomainException>(() =>
            new OutboxMessage("k", "Sms", RecipientKind.Household, null, null, Guid.NewGuid(), "K", "[]", null, DeliveryPriority.Normal, Now)).Code);
        Assert.Equal("OutboxRecipientInvalid", Assert.Throws<DomainException>(() =>
            new OutboxMessage("k", "WeChatWork", RecipientKind.Team, null, null, null, "K", "[]", null, DeliveryPriority.Urgent, Now)).Code);
    }

    [Fact]
    public void A_claim_counts_the_attempt_holds_a_lease_and_takes_the_row_out_of_the_queue()
    {
        var m = Sms();
        var token = Guid.NewGuid();
        m.Claim(token, Now, Lease);

        Assert.Equal(DeliveryState.Sending, m.State);
        Assert.Equal(token, m.ClaimToken);
        Assert.Equal(Now + Lease, m.LeaseUntil);
        Assert.Equal(1, m.Attempts);
        Assert.Null(m.NextAttemptAt);
        Assert.Equal("OutboxNotDue", Assert.Throws<DomainException>(() => m.Claim(Guid.NewGuid(), Now, Lease)).Code);
    }

    [Fact]
    public void Sent_records_the_provider_id_and_parts_and_finishes()
    {
        var m = Sms();
        m.Claim(Guid.NewGuid(), Now, Lease);
        m.Sent("biz-1", "138****8000", 2, Now.AddSeconds(1));

        Assert.Equal(DeliveryState.Sent, m.State);
        Assert.Equal("biz-1", m.ProviderMessageId);
        Assert.Equal(2, m.Segments);
        Assert.Equal(Now.AddSeconds(1), m.ProcessedAt);
        Assert.Null(m.LeaseUntil);
        Assert.False(m.IsDue(Now.AddDays(1)));
    }

    [Fact]
    public void A_retryable_failure_waits_twice_as_long_each_time_and_is_dead_when_the_attempts_are_spent()
    {
        var m = Sms();
        var at = Now;
        m.Claim(Guid.NewGuid(), at, Lease);
        m.Failed("busy", retryable: true, Policy, at);
        Assert.Equal(DeliveryState.Retrying, m.State);
        Assert.Equal(at.AddMinutes(2), m.NextAttemptAt);

        at = m.NextAttemptAt!.Value;
        m.Claim(Guid.NewGuid(), at, Lease);
        m.Failed("busy", retryable: true, Policy, at);
        Assert.Equal(at.AddMinutes(4), m.NextAttemptAt);

        at = m.NextAttemptAt!.Value;
        m.Claim(Guid.NewGuid(), at, Lease);
        m.Failed("still busy", retryable: true, Policy, at);
        Assert.Equal(DeliveryState.Dead, m.State);
        Assert.Equal(3, m.Attempts);
        Assert.Equal("still busy", m.LastError);
        Assert.Null(m.NextAttemptAt);
    }

    [Fact]
    public void A_permanent_refusal_is_dead_at_the_first_attempt()
    {
        var m = Sms();
        m.Claim(Guid.NewGuid(), Now, Lease);
        m.Failed("isv.MOBILE_NUMBER_ILLEGAL", retryable: false, Policy, Now);
        Assert.Equal(DeliveryState.Dead, m.State);
        Assert.Equal(1, m.Attempts);
    }

    [Fact]
    public void The_back_off_doubles_from_the_base_up_to_the_cap()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30));
        Assert.Equal([2, 4, 8, 16, 30, 30], Enumerable.Range(1, 6).Select(a => policy.DelayAfter(a).TotalMinutes));
    }

    [Fact]
    public void An_expired_lease_on_a_channel_that_deduplicates_is_sent_again_and_on_any_other_is_unknown()
    {
        var bell = new OutboxMessage("k", "InApp", "user-1", null, "SlaBreach", "[]", null, Now);
        bell.Claim(Guid.NewGuid(), Now, Lease);
        bell.LeaseExpired(idempotentChannel: true, Now + Lease + TimeSpan.FromTicks(1));
        Assert.Equal(DeliveryState.Queued, bell.State);
        Assert.Equal(DeliveryReason.LeaseExpiredResent, bell.LastError);

        var sms = Sms();
        sms.Claim(Guid.NewGuid(), Now, Lease);
        sms.LeaseExpired(idempotentChannel: false, Now + Lease + TimeSpan.FromTicks(1));
        Assert.Equal(DeliveryState.Unknown, sms.State);
        Assert.Equal(DeliveryReason.LeaseExpiredUnknown, sms.LastError);
        Assert.False(sms.IsDue(Now.AddDays(1)));
    }

    [Fact]
    public void A_lease_still_running_cannot_be_taken_for_expired()
    {
        var m = Sms();
        m.Claim(Guid.NewGuid(), Now, Lease);
        Assert.Equal("OutboxLeaseHeld", Assert.Throws<DomainException>(() => m.LeaseExpired(false, Now + Lease)).Code);
    }

    [Fact]
    public void A_late_answer_for_a_row_marked_unknown_is_still_recorded()
    {
        var m = Sms();
        m.Claim(Guid.NewGuid(), Now, Lease);
        m.LeaseExpired(false, Now.AddMinutes(5));
        m.Sent("biz-late", null, 1, Now.AddMinutes(6));
        Assert.Equal(DeliveryState.Sent, m.State);
        Assert.Equal("biz-late", m.ProviderMessageId);
    }

    [Fact]
    public void Quiet_hours_hold_a_due_message_without_an_attempt()
    {
        var m = Sms();
        m.Hold(Now.AddHours(9));
        Assert.Equal(DeliveryState.Held, m.State);
        Assert.Equal(0, m.Attempts);
        Assert.False(m.IsDue(Now.AddHours(9).AddTicks(-1)));
        Assert.True(m.IsDue(Now.AddHours(9)));
    }

    [Fact]
    public void Only_a_finished_send_can_be_sent_again_and_it_starts_over()
    {
        var m = Sms();
        Assert.Equal("OutboxNotFinished", Assert.Throws<DomainException>(() => m.SendAgain(Now)).Code);
        m.Claim(Guid.NewGuid(), Now, Lease);
        Assert.Equal("OutboxNotFinished", Assert.Throws<DomainException>(() => m.SendAgain(Now)).Code);
        m.Failed("x", retryable: false, Policy, Now);

        m.SendAgain(Now.AddHours(1));
        Assert.Equal(DeliveryState.Queued, m.State);
        Assert.Equal(0, m.Attempts);
        Assert.Null(m.ClaimToken);
        Assert.True(m.IsDue(Now.AddHours(1)));
    }

    [Fact]
    public void Only_an_unknown_send_can_be_confirmed_delivered()
    {
        var m = Sms();
        m.Claim(Guid.NewGuid(), Now, Lease);
        Assert.Equal("OutboxNotUnknown", Assert.Throws<DomainException>(() => m.ConfirmSent(new Actor("u", "管理员"), Now)).Code);
        m.OutcomeUnknown(DeliveryReason.With(DeliveryReason.Timeout, "Aliyun SMS"), Now);
        m.ConfirmSent(new Actor("u", "管理员"), Now.AddHours(1));
        Assert.Equal(DeliveryState.Sent, m.State);
        Assert.Equal("ConfirmedByAdmin:管理员", m.LastError);
    }

    [Fact]
    public void A_skipped_household_message_keeps_its_reason()
    {
        var m = Sms();
        m.Skip(DeliveryReason.OptedOut, Now);
        Assert.Equal(DeliveryState.Skipped, m.State);
        Assert.Equal((DeliveryReason.OptedOut, ""), DeliveryReason.Split(m.LastError!));
        Assert.Equal((null, "Aliyun 200 isv.X: y"), DeliveryReason.Split("Aliyun 200 isv.X: y"));
    }
}
