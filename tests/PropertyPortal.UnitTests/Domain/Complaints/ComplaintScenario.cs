using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Complaints;

/// <summary>One complaint with its clocks and a fake clock in China time, driven as the desk would.</summary>
public sealed class ComplaintScenario
{
    public static readonly Actor Desk = new("desk-1", "前台王芳");
    public static readonly Actor Supervisor = new("sup-1", "主管陈静");
    public static readonly Actor Manager = new("mgr-1", "王经理");

    public ComplaintScenario(ComplaintTier tier = ComplaintTier.Minor, string now = "2026-03-02 09:00:00", bool written = false,
        DateTime? deadline = null, bool harm = false, SlaPolicy? policy = null)
    {
        Clock = China.Clock(now);
        Clocks = new ClockSet([], China.Context(policy));
        Category = new ComplaintCategory("物业管理服务", 10);
        Complaint = Complaint.Open("TS20260302-0001", Intake(tier, Now, written, deadline, harm), Desk, Now, Clocks);
    }

    public FakeTimeProvider Clock { get; }

    public ClockSet Clocks { get; }

    public ComplaintCategory Category { get; }

    public Complaint Complaint { get; }

    public DateTime Now => Clock.UtcNow();

    public Complaint.Intake Intake(ComplaintTier tier, DateTime received, bool written = false, DateTime? deadline = null, bool harm = false) =>
        new(China.PropertyId, Guid.CreateVersion7(), Guid.CreateVersion7(), null, "张先生", "13800138000", "3栋1单元1201", null,
            ComplaintChannel.Phone, Category, "保安", "秩序部", "夜间巡逻噪音大", "希望调整巡逻路线", deadline, written, tier, harm, received, null);

    public SlaClock ClockOf(SlaMilestone milestone) => Clocks.All.Last(c => c.Milestone == milestone);

    public ComplaintScenario After(TimeSpan span)
    {
        Clock.Advance(span);
        return this;
    }

    public ComplaintScenario AfterMinutes(int minutes) => After(TimeSpan.FromMinutes(minutes));

    public void Reply(bool written = false) => Complaint.RecordReply(ReplyChannel.Phone, "已致电致歉并说明处理安排", written, Desk, Now, Clocks);

    /// <summary>Plan → (Manager approves a major one) → customer agrees → resolved → result told.</summary>
    public void ResolveAndTell()
    {
        Complaint.ProposePlan("调整夜间巡逻路线，避开住宅楼下", Desk, Now, Clocks);
        if (Complaint.Status == ComplaintStatus.PlanPendingApproval)
        {
            Complaint.ApprovePlan(null, Manager, Now, Clocks);
        }

        Complaint.RecordAgreement(ReplyChannel.Phone, null, Desk, Now, Clocks);
        Complaint.Resolve("已调整巡逻路线", Desk, Now, Clocks);
        Complaint.NotifyResult(ReplyChannel.Phone, "业主表示满意", Desk, Now, Clocks);
    }
}
