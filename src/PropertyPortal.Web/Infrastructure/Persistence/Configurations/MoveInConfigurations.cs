using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Web.Infrastructure.Persistence.Configurations;

internal sealed class MoveInConfiguration : IEntityTypeConfiguration<MoveIn>
{
    public void Configure(EntityTypeBuilder<MoveIn> b)
    {
        b.Property(x => x.Number).HasMaxLength(24).IsRequired();
        b.Property(x => x.AgentName).HasMaxLength(100);
        b.Property(x => x.ReceivedByName).HasMaxLength(100);
        b.Property(x => x.InspectorName).HasMaxLength(50);
        b.Property(x => x.SignedOffBy).HasMaxLength(50);
        b.Property(x => x.CompletedByName).HasMaxLength(100);
        b.Property(x => x.StewardId).HasMaxLength(450);
        b.Property(x => x.StewardName).HasMaxLength(100);
        b.Property(x => x.OverrideReason).HasMaxLength(500);
        b.Property(x => x.OverrideByName).HasMaxLength(100);
        b.Property(x => x.CancelReason).HasMaxLength(500);
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.Missing);
        b.Ignore(x => x.ChecklistComplete);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<MoveInBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Checks).WithOne().HasForeignKey(e => e.MoveInId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Checks).HasField("_checks").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Defects).WithOne().HasForeignKey(e => e.MoveInId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Defects).HasField("_defects").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.MoveInId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.PropertyId, x.Status, x.AppointmentAt });
        b.HasIndex(x => x.UnitId);
        b.HasIndex(x => x.BatchId);
    }
}

internal sealed class MoveInCheckConfiguration : IEntityTypeConfiguration<MoveInCheck>
{
    public void Configure(EntityTypeBuilder<MoveInCheck> b)
    {
        b.Property(x => x.DoneByName).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(200);
        b.HasIndex(x => new { x.MoveInId, x.Item }).IsUnique();
    }
}

internal sealed class MoveInDefectConfiguration : IEntityTypeConfiguration<MoveInDefect>
{
    public void Configure(EntityTypeBuilder<MoveInDefect> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Location).HasMaxLength(100).IsRequired();
        b.Property(x => x.Description).HasMaxLength(500).IsRequired();
        b.HasOne<Domain.Repairs.RepairOrder>().WithMany().HasForeignKey(x => x.RepairOrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MoveInEventConfiguration : IEntityTypeConfiguration<MoveInEvent>
{
    public void Configure(EntityTypeBuilder<MoveInEvent> b)
    {
        CaseEventColumns.Configure(b);
    }
}

internal sealed class MoveInBatchConfiguration : IEntityTypeConfiguration<MoveInBatch>
{
    public void Configure(EntityTypeBuilder<MoveInBatch> b)
    {
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.CreatedByName).HasMaxLength(100);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PropertyId, x.Day });
    }
}

internal sealed class CustodyPatrolConfiguration : IEntityTypeConfiguration<CustodyPatrol>
{
    public void Configure(EntityTypeBuilder<CustodyPatrol> b)
    {
        b.Property(x => x.ByName).HasMaxLength(100);
        b.Property(x => x.Finding).HasMaxLength(1000).IsRequired();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.UnitId, x.At });
    }
}

internal sealed class MoveOutEventConfiguration : IEntityTypeConfiguration<MoveOutEvent>
{
    public void Configure(EntityTypeBuilder<MoveOutEvent> b)
    {
        CaseEventColumns.Configure(b);
    }
}

internal sealed class RainPatrolOrderConfiguration : IEntityTypeConfiguration<RainPatrolOrder>
{
    public void Configure(EntityTypeBuilder<RainPatrolOrder> b)
    {
        b.Property(x => x.Reason).HasMaxLength(RainPatrolOrder.ReasonMaxLength).IsRequired();
        b.Property(x => x.OrderedById).HasMaxLength(64);
        b.Property(x => x.OrderedByName).HasMaxLength(100).IsRequired();
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);

        // One order per property, rain day and phase: a second press is a duplicate, not a second round of clocks.
        b.HasIndex(x => new { x.PropertyId, x.RainDate, x.Phase }).IsUnique();
    }
}
