using System.Xml.Linq;
using PropertyPortal.UnitTests.TestSupport;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.UnitTests.Resources;

/// <summary>
/// The change history (操作记录) and the home page's recent changes name each record by resource
/// <c>Entity.{type}</c>: a type the audit trail writes without a label showed "Entity.DunningStep" to users.
/// The types are read from the real EF model, so a new audited entity fails here until it is named.
/// </summary>
public sealed class AuditLabelTests
{
    private static readonly string Shared = Path.Combine(RepositoryPaths.Web, "Resources", "SharedResource");

    public static TheoryData<string> Cultures() => new(".resx", ".en.resx");

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_audited_entity_type_has_a_name_in_both_languages(string suffix)
    {
        var keys = Keys(Shared + suffix);
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        var audited = db.Model.GetEntityTypes()
            .Select(t => AuditInterceptor.AuditedName(t.ClrType))
            .OfType<string>()
            .Distinct()
            .ToList();

        // The model certainly audits these; an empty or tiny list would mean the reflection went wrong.
        Assert.Contains("DunningStep", audited);
        Assert.Contains("AppUser", audited);
        Assert.Contains(AuditInterceptor.UserRoleEntityType, audited);
        Assert.Empty(audited.Where(name => !keys.Contains("Entity." + name)).Select(name => $"Entity.{name} is missing in SharedResource{suffix}"));
    }

    [Fact]
    public void Records_with_their_own_history_are_not_audited()
    {
        Assert.Null(AuditInterceptor.AuditedName(typeof(PropertyPortal.Domain.Sla.SlaClock)));
        Assert.Equal("RepairOrder", AuditInterceptor.AuditedName(typeof(PropertyPortal.Domain.Repairs.RepairOrder)));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void The_system_actor_has_a_name_in_both_languages(string suffix) =>
        Assert.Contains("Audit.System", Keys(Shared + suffix));

    private static HashSet<string> Keys(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
}
