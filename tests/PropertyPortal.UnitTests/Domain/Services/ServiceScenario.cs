using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Services;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Services;

/// <summary>One service request of a catalog entry, with its clocks and a fake clock in China time.</summary>
public sealed class ServiceScenario
{
    public static readonly Actor Desk = new("desk-1", "前台王芳");
    public static readonly Actor Supervisor = new("sup-1", "主管陈静");

    public ServiceScenario(ServiceType type, string now = "2026-03-02 09:50:00", ReleaseDetails? release = null, BookableResource? resource = null,
        IReadOnlyList<DateTime>? slots = null, Guid? unitId = null)
    {
        Clock = China.Clock(now);
        Clocks = new ClockSet([], China.Context());
        Type = type;
        Request = ServiceRequest.Open(type.Kind == ServiceKind.Release ? "FX20260302-0001" : "FW20260302-0001",
            new ServiceRequest.Intake(China.PropertyId, type, unitId ?? Guid.CreateVersion7(), Guid.CreateVersion7(), null, "张先生", "13800138000", "需要办理",
                Clock.UtcNow(), null, null, resource, slots, release),
            Desk, Clock.UtcNow(), Today, Clocks);
    }

    public FakeTimeProvider Clock { get; }

    public ClockSet Clocks { get; }

    public ServiceType Type { get; }

    public ServiceRequest Request { get; }

    public DateTime Now => Clock.UtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Clock.UtcNow(), China.Zone));

    public SlaClock ClockOf(SlaMilestone milestone) => Clocks.All.Last(c => c.Milestone == milestone);

    public ServiceScenario After(TimeSpan span)
    {
        Clock.Advance(span);
        return this;
    }

    public static ServiceType Catalog(string code) => ServiceTypes[code]();

    private static readonly Dictionary<string, Func<ServiceType>> ServiceTypes = new()
    {
        ["Pass"] = () => new ServiceType("Pass", "出入证", ServiceKind.General, SlaTarget.Minutes(10), ServiceHandlerRole.FrontDesk, 10),
        ["NameBoard"] = () => new ServiceType("NameBoard", "公司名牌", ServiceKind.General, SlaTarget.WorkingDays(7), ServiceHandlerRole.FrontDesk, 40).WithFee(300m),
        ["LostAndFound"] = () => new ServiceType("LostAndFound", "失物招领", ServiceKind.LostAndFound, SlaTarget.Hours(1), ServiceHandlerRole.FrontDesk, 90),
        ["SecurityEnquiry"] = () => new ServiceType("SecurityEnquiry", "安全咨询", ServiceKind.General, SlaTarget.WorkingDays(1), ServiceHandlerRole.FrontDesk, 100),
        ["LargeItemRelease"] = () => new ServiceType("LargeItemRelease", "大件物品放行", ServiceKind.Release, SlaTarget.Minutes(10), ServiceHandlerRole.FrontDesk, 80),
        ["MeetingRoom"] = () => new ServiceType("MeetingRoom", "会议室", ServiceKind.Booking, SlaTarget.Minutes(10), ServiceHandlerRole.FrontDesk, 70).WithFee(null),
    };
}
