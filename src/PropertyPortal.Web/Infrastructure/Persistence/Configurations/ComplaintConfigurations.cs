using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Web.Infrastructure.Persistence.Configurations;

internal sealed class ComplaintCategoryConfiguration : IEntityTypeConfiguration<ComplaintCategory>
{
    public void Configure(EntityTypeBuilder<ComplaintCategory> b)
    {
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.Property(x => x.Number).HasMaxLength(24).IsRequired();
        b.Property(x => x.ComplainantName).HasMaxLength(50).IsRequired();
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.Location).HasMaxLength(100);
        b.Property(x => x.AgainstPerson).HasMaxLength(50);
        b.Property(x => x.AgainstDepartment).HasMaxLength(50);
        b.Property(x => x.Content).HasMaxLength(2000).IsRequired();
        b.Property(x => x.Demand).HasMaxLength(1000);
        b.Property(x => x.InvalidReason).HasMaxLength(500);
        b.Property(x => x.OwnerId).HasMaxLength(64);
        b.Property(x => x.OwnerName).HasMaxLength(100);
        b.Property(x => x.ResponsibleDepartment).HasMaxLength(50);
        b.Property(x => x.HandlerId).HasMaxLength(64);
        b.Property(x => x.HandlerName).HasMaxLength(100);
        b.Property(x => x.Plan).HasMaxLength(2000);
        b.Property(x => x.PlanDecidedBy).HasMaxLength(100);
        b.Property(x => x.PlanComments).HasMaxLength(1000);
        b.Property(x => x.EscalationAcknowledgedBy).HasMaxLength(100);
        b.Property(x => x.Resolution).HasMaxLength(2000);
        b.Ignore(x => x.IsOpen);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ComplaintCategory>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.PropertyId, x.Status, x.ReceivedAt });
        b.HasIndex(x => new { x.PropertyId, x.ReceivedAt });
        b.HasIndex(x => x.ReceivedAt);

        // The repeat check: same household, same category, recent.
        b.HasIndex(x => new { x.CustomerId, x.CategoryId, x.ReceivedAt });
        b.HasIndex(x => x.UnitId);

        // The desk's 业主自助 complaints tile: the households' own complaints, not every complaint of the property.
        b.HasIndex(x => new { x.Channel, x.Status });
    }
}

internal sealed class ComplaintEventConfiguration : IEntityTypeConfiguration<ComplaintEvent>
{
    public void Configure(EntityTypeBuilder<ComplaintEvent> b)
    {
        CaseEventColumns.Configure(b);
        b.HasIndex(x => new { x.ComplaintId, x.At });
    }
}
