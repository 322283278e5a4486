using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.Domain.Complaints;
using PropertyPortal.UnitTests.Domain.Renovations;
using PropertyPortal.UnitTests.Domain.Repairs;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Common;

/// <summary>The four case kinds write their timelines in one shape (ADR 0016).</summary>
public sealed class CaseEventTests
{
    private static readonly string Long = new('注', 1200);

    public static TheoryData<string> Kinds() => ["repair", "complaint", "renovation", "move-in"];

    /// <summary>A case of <paramref name="kind"/> whose last step recorded <see cref="Long"/> as its note, by <paramref name="by"/>.</summary>
    private static ICase WithLongNote(string kind, Actor by)
    {
        switch (kind)
        {
            case "repair":
                var repair = new RepairScenario(RepairUrgency.Urgent);
                repair.Order.Chase(Long, by, repair.Now);
                return repair.Order;
            case "complaint":
                var complaint = new ComplaintScenario();
                complaint.Complaint.AddNote(Long, by, complaint.Now);
                return complaint.Complaint;
            case "renovation":
                var renovation = new RenovationScenario();
                renovation.Renovation.Cancel(Long, by, renovation.Now, renovation.Clocks);
                return renovation.Renovation;
            default:
                var at = China.Time("2026-03-02 09:00:00");
                var moveIn = new MoveIn("RZ1", China.PropertyId, Guid.CreateVersion7(), Guid.CreateVersion7(), MoveInApplicant.Owner, null, at, null, false, by, at, new ClockSet([], China.Context()));
                moveIn.Cancel(Long, by, at, new ClockSet([], China.Context()));
                return moveIn;
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_case_event_names_the_case_s_property_and_who_acted_and_keeps_a_note_of_at_most_1000_characters(string kind)
    {
        var by = new Actor("user-7", "周主管");

        var c = WithLongNote(kind, by);

        var last = c.Timeline[^1];
        Assert.Equal((c.PropertyId, "user-7", "周主管"), (last.PropertyId, last.ActorId, last.ActorName));
        Assert.Equal(CaseEvent.NoteMaxLength, last.Note!.Length);
        Assert.StartsWith(Long[..10], last.Note, StringComparison.Ordinal);
        Assert.All(c.Timeline, e => Assert.Equal(c.PropertyId, e.PropertyId));
        Assert.IsAssignableFrom<IPropertyScoped>(last);
    }

    [Fact]
    public void A_case_s_timeline_is_its_own_list_of_events()
    {
        var s = new RepairScenario(RepairUrgency.Urgent);
        ICase order = s.Order;

        s.Order.Chase("业主催促", RepairScenario.Desk, s.Now);

        Assert.Equal(s.Order.Events.Cast<CaseEvent>(), order.Timeline);
        Assert.Equal(RepairEventKind.Chased, ((RepairOrderEvent)order.Timeline[^1]).Kind);
    }
}
