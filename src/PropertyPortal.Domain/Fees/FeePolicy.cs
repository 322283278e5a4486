using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Fees;

/// <summary>
/// A property's billing and dunning settings, defaults from the seed documents: bills on the 1st, due
/// at the end of the month, payment notices delivered by the 10th (002 L46), custody units at 70 %
/// (000 L208), remittance invoices in 3 working days (002 L45), and the dunning ladder (000 L232–L236):
/// reminder call once a bill is 30 days overdue, a second reminder 15 days later, a formal letter when
/// still unpaid 3 months after the call, a visit 14 days after the letter, the manager 30 days after that.
/// </summary>
public sealed class FeePolicy : Entity, IPropertyScoped
{
    private FeePolicy() { }

    public FeePolicy(Guid propertyId) => PropertyId = propertyId;

    public Guid PropertyId { get; private set; }

    /// <summary>Day of the month the billing job bills the month (1–28).</summary>
    public int BillingDay { get; private set; } = 1;

    /// <summary>A month's bill is due this many days after the month's first day (0–60; 0 = the 1st).</summary>
    public int DueDays { get; private set; } = 30;

    /// <summary>付款通知书 delivered by this day of the month (002 L46).</summary>
    public int NoticeDay { get; private set; } = 10;

    public int CustodyPercent { get; private set; } = 70;
    public int InvoiceWorkingDays { get; private set; } = 3;
    public bool AutoBilling { get; private set; } = true;

    public int ReminderAfterDays { get; private set; } = 30;
    public int SecondReminderAfterDays { get; private set; } = 15;
    public int LetterAfterDays { get; private set; } = 90;
    public int VisitAfterDays { get; private set; } = 14;
    public int LegalAfterDays { get; private set; } = 30;

    public DunningLadder Ladder => new(ReminderAfterDays, SecondReminderAfterDays, LetterAfterDays, VisitAfterDays, LegalAfterDays);

    public DateOnly DueDateOf(BillingPeriod period) => period.FirstDay.AddDays(DueDays);

    public void Update(int billingDay, int dueDays, int noticeDay, int custodyPercent, int invoiceWorkingDays, bool autoBilling, DunningLadder ladder)
    {
        Check(billingDay is >= 1 and <= 28 && noticeDay is >= 1 and <= 28 && billingDay <= noticeDay, "FeeDaysInvalid");
        Check(dueDays is >= 0 and <= 60 && custodyPercent is >= 0 and <= 100 && invoiceWorkingDays is >= 1 and <= 30, "FeeSettingOutOfRange");
        Check(ladder.ReminderAfterDays is >= 1 and <= 365 && ladder.SecondReminderAfterDays is >= 1 and <= 365 && ladder.LetterAfterDays is >= 1 and <= 365
              && ladder.VisitAfterDays is >= 1 and <= 365 && ladder.LegalAfterDays is >= 1 and <= 365, "FeeSettingOutOfRange");
        BillingDay = billingDay;
        DueDays = dueDays;
        NoticeDay = noticeDay;
        CustodyPercent = custodyPercent;
        InvoiceWorkingDays = invoiceWorkingDays;
        AutoBilling = autoBilling;
        (ReminderAfterDays, SecondReminderAfterDays, LetterAfterDays, VisitAfterDays, LegalAfterDays) =
            (ladder.ReminderAfterDays, ladder.SecondReminderAfterDays, ladder.LetterAfterDays, ladder.VisitAfterDays, ladder.LegalAfterDays);
    }

    private static void Check(bool ok, string code)
    {
        if (!ok)
        {
            throw new DomainException(code, "A fee setting is out of range.");
        }
    }
}

/// <summary>The waits of the dunning ladder, in days: each from the step before it (the first from the oldest due date).</summary>
public sealed record DunningLadder(int ReminderAfterDays, int SecondReminderAfterDays, int LetterAfterDays, int VisitAfterDays, int LegalAfterDays)
{
    public static readonly DunningLadder Default = new(30, 15, 90, 14, 30);

    public int WaitBefore(DunningStage stage) => stage switch
    {
        DunningStage.Reminder => ReminderAfterDays,
        DunningStage.SecondReminder => SecondReminderAfterDays,
        DunningStage.Letter => LetterAfterDays,
        DunningStage.Visit => VisitAfterDays,
        DunningStage.Legal => LegalAfterDays,
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };
}
