using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Repairs;

/// <summary>
/// One repair order with its clocks and a fake clock in China time, driven step by step the way
/// the desk and the technician would: open at 09:50, dispatch, arrive, complete…
/// </summary>
public sealed class RepairScenario
{
    public static readonly Actor Desk = new("desk-1", "前台王芳");
    public static readonly Actor Technician = new("tech-1", "李师傅");
    public static readonly Actor Supervisor = new("sup-1", "主管陈静");

    public RepairScenario(RepairUrgency urgency = RepairUrgency.Normal, RepairCategory? category = null,
        RepairBilling billing = RepairBilling.Warranty, DateTime? appointment = null, SlaPolicy? policy = null,
        string now = "2026-03-02 09:50:00")
    {
        Clock = China.Clock(now);
        Clocks = new ClockSet([], China.Context(policy));
        Category = category ?? NewCategory();
        Order = RepairOrder.Open("BX20260302-0001", Intake(urgency, Category, billing, appointment, Clock.UtcNow()), Desk, Clock.UtcNow(), Clocks);
    }

    public FakeTimeProvider Clock { get; }

    public ClockSet Clocks { get; }

    public RepairCategory Category { get; }

    public RepairOrder Order { get; }

    public DateTime Now => Clock.UtcNow();

    public static RepairCategory NewCategory(int? arrive = null, int? finish = null, int? finishWorkingDays = null, CallbackRule rule = CallbackRule.Other) =>
        new("水", "水管漏水", arrive, finish, finishWorkingDays, rule, 10);

    public static RepairOrder.Intake Intake(RepairUrgency urgency, RepairCategory category, RepairBilling billing, DateTime? appointment, DateTime received) =>
        new(China.PropertyId, Guid.CreateVersion7(), null, null, "张先生", "13800138000", "3栋1单元1201 厨房", "水管接口漏水", category,
            urgency, billing, null, appointment, received);

    public SlaClock ClockOf(SlaMilestone milestone) => Clocks.All.Last(c => c.Milestone == milestone);

    public RepairScenario After(int minutes)
    {
        Clock.Advance(TimeSpan.FromMinutes(minutes));
        return this;
    }

    public void Dispatch(string technicianId = "tech-1", string name = "李师傅") => Order.Dispatch(technicianId, name, Desk, Now, Clocks);

    public void Arrive() => Order.ArriveOnSite(Technician, Now, Clocks);

    public PropertyPortal.Domain.Callbacks.Callback CompleteWork(decimal? charge = null, DateTime? leakTestAt = null) =>
        Order.Complete("更换三通接头", "三通 1 个", charge, leakTestAt, Technician, Now, Clocks);

    /// <summary>The order's last pause request.</summary>
    public PauseRequest? Request { get; private set; }

    /// <summary>A pause as it happens at the desk: the clerk asks, the supervisor approves at the same instant.</summary>
    public void Pause()
    {
        RequestPause();
        ApprovePause();
    }

    public PauseRequest RequestPause(PauseReason reason = PauseReason.OwnerNotHome, string? note = null, Actor? by = null) =>
        Request = Order.RequestPause(reason, note, by ?? Desk, Now, Clocks);

    public void ApprovePause(string? note = null, Actor? by = null) => Order.ApprovePause(Request!, note, by ?? Supervisor, Now, Clocks);

    /// <summary>Resumes with the order's request (or, where it has none, another order's: the state check refuses first).</summary>
    public void Resume(Actor? by = null) => Order.ResumeFromPause(Request ?? ForeignRequest(), by ?? Desk, Now, Clocks);

    private static PauseRequest ForeignRequest()
    {
        var other = new RepairScenario();
        return other.RequestPause();
    }

    /// <summary>Drives the order from its opening into <paramref name="status"/> along the normal path.</summary>
    public RepairScenario Into(RepairStatus status)
    {
        switch (status)
        {
            case RepairStatus.Accepted:
                break;
            case RepairStatus.Dispatched:
                After(1).Dispatch();
                break;
            case RepairStatus.OnSite:
                Into(RepairStatus.Dispatched).After(5).Arrive();
                break;
            case RepairStatus.AwaitingCallback:
                Into(RepairStatus.OnSite).After(20).CompleteWork();
                break;
            case RepairStatus.Closed:
                Into(RepairStatus.AwaitingCallback).After(60).Order.Close(Desk, Now);
                break;
            case RepairStatus.Paused:
                Into(RepairStatus.Dispatched).After(1).Pause();
                break;
            case RepairStatus.Cancelled:
                After(1).Order.Cancel("业主自行修好", Desk, Now, Clocks);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }

        Assert.Equal(status, Order.Status);
        return this;
    }
}
