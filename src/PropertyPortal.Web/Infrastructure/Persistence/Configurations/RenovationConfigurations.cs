using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Renovations;

namespace PropertyPortal.Web.Infrastructure.Persistence.Configurations;

internal sealed class RenovationConfiguration : IEntityTypeConfiguration<Renovation>
{
    public void Configure(EntityTypeBuilder<Renovation> b)
    {
        b.Property(x => x.Number).HasMaxLength(24).IsRequired();
        b.Property(x => x.ApplicantName).HasMaxLength(50).IsRequired();
        b.Property(x => x.ApplicantPhone).HasMaxLength(32);
        b.Property(x => x.ContractorName).HasMaxLength(100).IsRequired();
        b.Property(x => x.ContractorLicence).HasMaxLength(64);
        b.Property(x => x.ContractorPhone).HasMaxLength(32);
        b.Property(x => x.Description).HasMaxLength(2000).IsRequired();
        b.Property(x => x.WorkingHours).HasMaxLength(100).IsRequired();
        b.Property(x => x.ReturnReason).HasMaxLength(1000);
        b.Property(x => x.DecidedBy).HasMaxLength(100);
        b.Property(x => x.PermitNumber).HasMaxLength(32);
        b.Property(x => x.AcceptedBy).HasMaxLength(100);
        b.Ignore(x => x.WorksRunning);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.RenovationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Passes).WithOne().HasForeignKey(e => e.RenovationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Passes).HasField("_passes").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Permits).WithOne().HasForeignKey(e => e.RenovationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Permits).HasField("_permits").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Patrols).WithOne().HasForeignKey(e => e.RenovationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Patrols).HasField("_patrols").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.PropertyId, x.Status });
        b.HasIndex(x => x.UnitId);
    }
}

internal sealed class RenovationEventConfiguration : IEntityTypeConfiguration<RenovationEvent>
{
    public void Configure(EntityTypeBuilder<RenovationEvent> b)
    {
        CaseEventColumns.Configure(b);
    }
}

internal sealed class RenovationPassConfiguration : IEntityTypeConfiguration<RenovationPass>
{
    public void Configure(EntityTypeBuilder<RenovationPass> b)
    {
        b.Property(x => x.PassNumber).HasMaxLength(32).IsRequired();
        b.Property(x => x.WorkerName).HasMaxLength(50).IsRequired();
        b.Property(x => x.IdLast4).HasMaxLength(4);
    }
}

internal sealed class RenovationPermitConfiguration : IEntityTypeConfiguration<RenovationPermit>
{
    public void Configure(EntityTypeBuilder<RenovationPermit> b) => b.Property(x => x.Note).HasMaxLength(200);
}

internal sealed class RenovationPatrolConfiguration : IEntityTypeConfiguration<RenovationPatrol>
{
    public void Configure(EntityTypeBuilder<RenovationPatrol> b)
    {
        b.Property(x => x.ByName).HasMaxLength(100);
        b.Property(x => x.Finding).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Violation).HasMaxLength(1000);
        b.Property(x => x.NoticeIssuedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.RenovationId, x.At });
    }
}

internal sealed class MoveOutConfiguration : IEntityTypeConfiguration<Domain.MoveInOut.MoveOut>
{
    public void Configure(EntityTypeBuilder<Domain.MoveInOut.MoveOut> b)
    {
        b.Property(x => x.Number).HasMaxLength(24).IsRequired();
        b.Property(x => x.Items).HasMaxLength(2000).IsRequired();
        b.Property(x => x.KeyStorage).HasMaxLength(100);
        b.Property(x => x.ReceivedByName).HasMaxLength(100);
        b.Property(x => x.OverrideReason).HasMaxLength(500);
        b.Property(x => x.OverrideByName).HasMaxLength(100);
        b.Property(x => x.CompletedByName).HasMaxLength(100);
        b.Property(x => x.OwedAtCompletion).HasConversion(Fen.Converter);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.MoveOutId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.Number }).IsUnique();
        b.HasIndex(x => x.UnitId);
    }
}
