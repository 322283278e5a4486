using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Web.Infrastructure.Persistence.Configurations;

// One configuration per entity. Foreign keys are declared without navigations: the domain
// entities reference each other by id, and reads project what they need.

internal sealed class PropertyConfiguration : IEntityTypeConfiguration<Property>
{
    public void Configure(EntityTypeBuilder<Property> b)
    {
        b.Property(x => x.Code).HasMaxLength(16).IsRequired();
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.PayeeName).HasMaxLength(100);
        b.Property(x => x.BankName).HasMaxLength(100);
        b.Property(x => x.BankAccount).HasMaxLength(40);
        b.Property(x => x.CounterHours).HasMaxLength(100);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> b)
    {
        b.Property(x => x.Code).HasMaxLength(16).IsRequired();
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.Property(x => x.Notes).HasMaxLength(500);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PropertyId, x.Code }).IsUnique();
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.Property(x => x.Number).HasMaxLength(32).IsRequired();
        b.Property(x => x.Notes).HasMaxLength(500);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PropertyId, x.Number }).IsUnique();
        b.HasIndex(x => x.Number);
        b.HasIndex(x => x.BuildingId);
    }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.IdNumber).HasMaxLength(32);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.PhoneLast4).HasMaxLength(4);
        b.Property(x => x.Phone2).HasMaxLength(20);
        b.Property(x => x.Phone2Last4).HasMaxLength(4);
        b.Property(x => x.Email).HasMaxLength(100);
        b.Property(x => x.EmergencyContactName).HasMaxLength(50);
        b.Property(x => x.EmergencyContactPhone).HasMaxLength(20);
        b.Property(x => x.Notes).HasMaxLength(1000);
        b.Property(x => x.MessagesConsentChangedByName).HasMaxLength(100);
        b.Property(x => x.MessagesConsentNote).HasMaxLength(200);
        b.Ignore(x => x.MaskedIdNumber);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PropertyId, x.Name });
        b.HasIndex(x => x.Name);
        b.HasIndex(x => x.Phone);
        b.HasIndex(x => x.PhoneLast4);
        b.HasIndex(x => x.Phone2);
        b.HasIndex(x => x.Phone2Last4);
        b.HasIndex(x => new { x.PropertyId, x.IdNumber });
    }
}

internal sealed class OccupancyConfiguration : IEntityTypeConfiguration<Occupancy>
{
    public void Configure(EntityTypeBuilder<Occupancy> b)
    {
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.UnitId);
        b.HasIndex(x => x.CustomerId);
    }
}

internal sealed class HouseholdMemberConfiguration : IEntityTypeConfiguration<HouseholdMember>
{
    public void Configure(EntityTypeBuilder<HouseholdMember> b)
    {
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.Relation).HasMaxLength(32);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.Notes).HasMaxLength(500);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.CustomerId);
    }
}

internal sealed class OfficeKeyConfiguration : IEntityTypeConfiguration<OfficeKey>
{
    public void Configure(EntityTypeBuilder<OfficeKey> b)
    {
        b.Property(x => x.Label).HasMaxLength(100).IsRequired();
        b.Property(x => x.StorageLocation).HasMaxLength(100);
        b.Property(x => x.LentTo).HasMaxLength(100);
        b.Property(x => x.Notes).HasMaxLength(500);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.UnitId);
    }
}
