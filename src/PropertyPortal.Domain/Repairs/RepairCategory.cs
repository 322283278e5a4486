using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Repairs;

/// <summary>
/// A kind of repair with its own arrive/finish targets (002 L97–L109), company-wide, edited by an
/// admin. Targets are copied onto an order when it is opened, so editing the table never rewrites
/// the history of orders already taken.
/// </summary>
public sealed class RepairCategory : Entity
{
    private RepairCategory() { }

    public RepairCategory(string group, string name, int? arriveMinutes, int? finishMinutes, int? finishWorkingDays, CallbackRule callbackRule, int sortOrder)
    {
        Update(group, name, arriveMinutes, finishMinutes, finishWorkingDays, callbackRule, sortOrder, true);
    }

    /// <summary>水 / 电 / 门窗 / 空调 / 弱电 / 公共设施 / 其他.</summary>
    public string Group { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int? ArriveMinutes { get; private set; }
    public int? FinishMinutes { get; private set; }
    public int? FinishWorkingDays { get; private set; }
    public CallbackRule CallbackRule { get; private set; }
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; }

    public void Update(string group, string name, int? arriveMinutes, int? finishMinutes, int? finishWorkingDays, CallbackRule callbackRule, int sortOrder, bool isActive)
    {
        if (arriveMinutes is < 1 || finishMinutes is < 1 || finishWorkingDays is < 1)
        {
            throw new DomainException("CategoryTargetInvalid", "Targets must be positive.");
        }

        if (finishMinutes is not null && finishWorkingDays is not null)
        {
            throw new DomainException("CategoryTwoFinishTargets", "A finish target is in minutes or in working days, not both.");
        }

        Group = Guard.Required(group, nameof(Group));
        Name = Guard.Required(name, nameof(Name));
        ArriveMinutes = arriveMinutes;
        FinishMinutes = finishMinutes;
        FinishWorkingDays = finishWorkingDays;
        CallbackRule = callbackRule;
        SortOrder = sortOrder;
        IsActive = isActive;
    }
}
