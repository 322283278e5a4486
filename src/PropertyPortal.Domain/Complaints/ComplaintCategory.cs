using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Complaints;

/// <summary>投诉类别: data an admin edits. Defaults: the five of 001 L100 and two subjects of 000 L258/L264.</summary>
public sealed class ComplaintCategory : Entity
{
    public static readonly IReadOnlyList<string> Defaults =
    [
        "物业管理服务", "物业服务收费", "社区文化活动组织", "突发事件处理", "毗邻关系处理", "房屋及附属设施", "员工服务态度",
    ];

    private ComplaintCategory() { }

    public ComplaintCategory(string name, int sortOrder) => Update(name, sortOrder, true);

    public string Name { get; private set; } = "";
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; }

    public void Update(string name, int sortOrder, bool isActive)
    {
        Name = Guard.Required(name, nameof(Name));
        SortOrder = sortOrder;
        IsActive = isActive;
    }
}
