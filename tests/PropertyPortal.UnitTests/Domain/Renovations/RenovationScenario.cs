using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Renovations;

/// <summary>
/// One renovation with its clocks and a time in China, driven step by step the way the desk,
/// engineering, the Manager and the steward would: submitted Mon 2026-03-02 09:00, works 03-09 to 04-30.
/// </summary>
public sealed class RenovationScenario
{
    public static readonly Actor Desk = new("u1", "张三");
    public static readonly Actor Engineer = new("u2", "李工");
    public static readonly Actor Manager = new("u3", "王经理");

    public static readonly DateOnly StartDate = new(2026, 3, 9);
    public static readonly DateOnly EndDate = new(2026, 4, 30);

    /// <param name="policy">The property's SLA policy (the spec's defaults when null): a test of a configured limit passes its own.</param>
    public RenovationScenario(RenovationScope scope = RenovationScope.SimplePartition, bool structural = false, int workers = 3,
        string now = "2026-03-02 09:00:00", string? received = null, SlaPolicy? policy = null)
    {
        Now = China.Time(now);
        Clocks = new ClockSet([], China.Context(policy));
        Renovation = Renovation.Submit("ZX20260302-0001", Application(scope, structural, workers, received is null ? Now : China.Time(received)), Desk, Now, Clocks);
    }

    public DateTime Now { get; private set; }

    public ClockSet Clocks { get; }

    public Renovation Renovation { get; }

    public static RenovationApplication Application(RenovationScope scope = RenovationScope.SimplePartition, bool structural = false, int workers = 3,
        DateTime? received = null, DateOnly? start = null, DateOnly? end = null, bool documentsChecked = true) =>
        new(China.PropertyId, Guid.CreateVersion7(), null, "张先生", "13800138000", false, documentsChecked, "安居装饰", "91310000MA1", "13900139000",
            scope, structural, "客厅加隔墙", start ?? StartDate, end ?? EndDate, workers, "08:00-12:00,14:00-18:00",
            received ?? China.Time("2026-03-02 09:00:00"));

    /// <summary>The latest clock of a milestone, open or not.</summary>
    public SlaClock ClockOf(SlaMilestone milestone) => Clocks.All.Last(c => c.Milestone == milestone);

    public IReadOnlyList<SlaClock> ClocksOf(SlaMilestone milestone) => [.. Clocks.All.Where(c => c.Milestone == milestone)];

    /// <summary>The review steps' clocks (customer service, engineering, the Manager's decision) in the order they started.</summary>
    public IReadOnlyList<SlaClock> ReviewClocks => [.. Clocks.All.Where(c => c.Milestone is SlaMilestone.RenovationServiceReview
        or SlaMilestone.RenovationEngineeringReview or SlaMilestone.RenovationDecision)];

    public RenovationScenario After(TimeSpan span)
    {
        Now += span;
        return this;
    }

    public RenovationScenario AfterMinutes(int minutes) => After(TimeSpan.FromMinutes(minutes));

    public RenovationScenario At(string local)
    {
        Now = China.Time(local);
        return this;
    }

    /// <summary>Drives the renovation from its submission into <paramref name="status"/> along the normal path.</summary>
    public RenovationScenario Into(RenovationStatus status)
    {
        var r = Renovation;
        switch (status)
        {
            case RenovationStatus.Submitted:
                break;
            case RenovationStatus.ServiceReviewed:
                AfterMinutes(60).Renovation.ServiceReview("资料齐全", Desk, Now, Clocks);
                break;
            case RenovationStatus.EngineeringReviewed:
                Into(RenovationStatus.ServiceReviewed).AfterMinutes(60).Renovation.EngineeringReview("不涉及管线", Engineer, Now, Clocks);
                break;
            case RenovationStatus.Approved:
                Into(RenovationStatus.EngineeringReviewed).AfterMinutes(60).Renovation.Approve(null, Manager, Now, Clocks);
                break;
            case RenovationStatus.Returned:
                AfterMinutes(60).Renovation.Return("图纸不全", Desk, Now, Clocks);
                break;
            case RenovationStatus.InProgress:
                Into(RenovationStatus.Approved).AfterMinutes(60);
                r.SignAgreement(Desk, Now);
                r.IssuePermit("XK-0001", true, Desk, Now);
                break;
            case RenovationStatus.Rectifying:
                Into(RenovationStatus.InProgress).At("2026-03-10 10:00:00");
                r.Patrol("阳台堆放建材", "占用公共通道", Now.AddDays(1), Desk, Now, Clocks);
                break;
            case RenovationStatus.InspectionBooked:
                Into(RenovationStatus.InProgress).At("2026-04-28 10:00:00");
                r.BookInspection(China.Time("2026-04-30 10:00:00"), Desk, Now, Clocks);
                break;
            case RenovationStatus.Accepted:
                Into(RenovationStatus.InspectionBooked).At("2026-04-30 10:00:00");
                r.InspectorArrived(Engineer, Now, Clocks);
                AfterMinutes(30).Renovation.Inspect(true, "验收合格", null, Engineer, Now, Clocks);
                break;
            case RenovationStatus.Closed:
                Into(RenovationStatus.Accepted).AfterMinutes(60).Renovation.RefundProcessed(Desk, Now, Clocks);
                AfterMinutes(60).Renovation.Close(true, Desk, Now, Clocks);
                break;
            case RenovationStatus.Cancelled:
                AfterMinutes(60).Renovation.Cancel("业主放弃装修", Desk, Now, Clocks);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }

        Assert.Equal(status, r.Status);
        return this;
    }

    public static string CodeOf(Action act) => Assert.Throws<DomainException>(act).Code;
}
