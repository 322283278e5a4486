using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.FrontDesk;

public sealed class DailyLogTests
{
    private static readonly Actor Supervisor = new("sup-1", "主管陈静");
    private static readonly Actor Desk = new("desk-1", "前台王芳");
    private static readonly DateOnly Day = China.Date("2026-03-02");
    private static readonly DateTime EveningOfDay = China.Time("2026-03-02 18:30:00");

    private static ClockSet Clocks(SlaPolicy? policy = null) => new([], China.Context(policy));

    [Fact]
    public void Handover_notes_can_be_edited_until_the_day_is_signed()
    {
        var log = new DailyLog(China.PropertyId, Day);

        log.SetHandoverNotes("3栋电梯维保中");
        log.SetHandoverNotes(" 3栋电梯维保中，明早复查 ");

        Assert.Equal("3栋电梯维保中，明早复查", log.HandoverNotes);

        log.SignOff(Supervisor, EveningOfDay, Day, Clocks());

        Assert.Equal("DailyLogSigned", Assert.Throws<DomainException>(() => log.SetHandoverNotes("改一下")).Code);
        Assert.Equal("3栋电梯维保中，明早复查", log.HandoverNotes);
    }

    [Fact]
    public void Signing_off_records_who_and_when()
    {
        var log = new DailyLog(China.PropertyId, Day);

        log.SignOff(Supervisor, EveningOfDay, Day, Clocks());

        Assert.True(log.IsSigned);
        Assert.Equal((EveningOfDay, "sup-1", "主管陈静"), (log.SignedAt, log.SignedById, log.SignedByName));
    }

    [Fact]
    public void A_past_day_can_be_signed_off_later()
    {
        var log = new DailyLog(China.PropertyId, Day);

        log.SignOff(Supervisor, China.Time("2026-03-04 09:00:00"), China.Date("2026-03-04"), Clocks());

        Assert.True(log.IsSigned);
    }

    [Fact]
    public void A_day_cannot_be_signed_off_before_it_begins()
    {
        var log = new DailyLog(China.PropertyId, China.Date("2026-03-03"));

        Assert.Equal("DailyLogInFuture", Assert.Throws<DomainException>(() => log.SignOff(Supervisor, EveningOfDay, Day, Clocks())).Code);
        Assert.False(log.IsSigned);
    }

    [Fact]
    public void A_day_cannot_be_signed_off_twice()
    {
        var log = new DailyLog(China.PropertyId, Day);
        log.SignOff(Supervisor, EveningOfDay, Day, Clocks());

        Assert.Equal("DailyLogSigned", Assert.Throws<DomainException>(() => log.SignOff(Desk, EveningOfDay.AddHours(1), Day, Clocks())).Code);
        Assert.Equal("sup-1", log.SignedById);
    }

    [Fact]
    public void Amendments_are_refused_before_the_sign_off()
    {
        var log = new DailyLog(China.PropertyId, Day);

        Assert.Equal("DailyLogNotSigned", Assert.Throws<DomainException>(() => log.Amend("补记", Desk, EveningOfDay)).Code);
        Assert.Empty(log.Amendments);
    }

    [Fact]
    public void Amendments_after_the_sign_off_record_who_when_and_what()
    {
        var log = new DailyLog(China.PropertyId, Day);
        log.SignOff(Supervisor, EveningOfDay, Day, Clocks());
        var next = China.Time("2026-03-03 08:45:00");

        log.Amend(" 补记：18:20 1201 业主来电已处理 ", Desk, next);

        var amendment = Assert.Single(log.Amendments);
        Assert.Equal((log.Id, next, "desk-1", "前台王芳", "补记：18:20 1201 业主来电已处理"),
            (amendment.DailyLogId, amendment.At, amendment.ActorId, amendment.ActorName, amendment.Text));
        Assert.Equal("Required", Assert.Throws<DomainException>(() => log.Amend(" ", Desk, next)).Code);
    }
}
