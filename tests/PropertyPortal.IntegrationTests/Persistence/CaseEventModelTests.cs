using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Persistence;

/// <summary>What the case step runner relies on in the EF model, for every case kind there is (building the model needs no database).</summary>
public sealed class CaseEventModelTests
{
    [Fact]
    public void Every_case_keeps_its_timeline_where_the_step_runner_loads_it_in_rows_of_one_shape()
    {
        var o = new DbContextOptionsBuilder<SqlitePortalDbContext>();
        PersistenceSetup.ConfigureSqlite(o, "Data Source=:memory:");
        using var db = new SqlitePortalDbContext(o.Options);

        var cases = db.Model.GetEntityTypes().Where(t => typeof(ICase).IsAssignableFrom(t.ClrType)).ToList();
        Assert.Equal(["AnnualEventPlan", "CommunityEvent", "Complaint", "CounterVisit", "MoveIn", "MoveOut", "PublicNotice", "Renovation", "RepairOrder", "ServiceRequest"], cases.Select(t => t.ClrType.Name).Order());
        foreach (var c in cases)
        {
            var events = c.FindNavigation(CaseSteps<RepairOrder>.EventsNavigation)?.TargetEntityType;
            Assert.True(events is not null && typeof(CaseEvent).IsAssignableFrom(events.ClrType), $"{c.ClrType.Name} keeps no timeline in {CaseSteps<RepairOrder>.EventsNavigation}.");
            Assert.Equal(CaseEvent.NoteMaxLength, events.FindProperty(nameof(CaseEvent.Note))!.GetMaxLength());
            Assert.Equal((64, 100), (events.FindProperty(nameof(CaseEvent.ActorId))!.GetMaxLength(), events.FindProperty(nameof(CaseEvent.ActorName))!.GetMaxLength()));
            Assert.False(events.FindProperty(nameof(CaseEvent.PropertyId))!.IsNullable);
        }
    }
}
