using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Sla;

public sealed class SlaPolicyTests
{
    [Fact]
    public void The_default_policy_follows_the_spec()
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);

        Assert.Equal((3, 15, 10, 15), (policy.WorkOrderIssueMinutes, policy.PhoneReplyMinutes, policy.EmergencyOnSiteMinutes, policy.UrgentOnSiteMinutes));
        Assert.Equal((2, 3, 2, 3), (policy.CallbackSafetyDays, policy.CallbackLeakDays, policy.CallbackOtherDays, policy.CallbackMaxAttempts));
        Assert.Equal(new SlaLadder(80, 15, 60), policy.Ladder);
    }

    [Fact]
    public void An_updated_policy_gives_its_ladder_to_new_clocks()
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);

        policy.Update(5, 20, 8, 12, 70, 10, 30, 1, 4, 7, 2);

        Assert.Equal(new SlaLadder(70, 10, 30), policy.Ladder);
        Assert.Equal(2, policy.CallbackMaxAttempts);
    }

    [Theory]
    [InlineData(0, 80, 15, 60)] // a target of zero
    [InlineData(3, 0, 15, 60)] // warning at 0 %
    [InlineData(3, 100, 15, 60)] // warning at 100 %
    [InlineData(3, 80, -1, 60)] // supervisor before the breach
    [InlineData(3, 80, 30, 29)] // manager before the supervisor
    public void A_policy_that_makes_no_sense_is_refused(int issueMinutes, int warningPercent, int supervisorAfter, int managerAfter)
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);

        var ex = Assert.Throws<DomainException>(() => policy.Update(issueMinutes, 15, 10, 15, warningPercent, supervisorAfter, managerAfter, 2, 3, 2, 3));

        Assert.Equal("SlaPolicyInvalid", ex.Code);
    }

    [Fact]
    public void Supervisor_and_manager_may_be_told_at_the_same_time()
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);

        policy.Update(3, 15, 10, 15, 80, 30, 30, 2, 3, 2, 3);

        Assert.Equal(new SlaLadder(80, 30, 30), policy.Ladder);
    }
}
