using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Identity;

namespace PropertyPortal.Web.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(x => x.UserId).HasMaxLength(64);
        b.Property(x => x.UserName).HasMaxLength(256).IsRequired();
        b.Property(x => x.EntityType).HasMaxLength(64).IsRequired();
        b.Property(x => x.Changes).IsRequired();
        b.HasIndex(x => new { x.EntityType, x.EntityId });
        b.HasIndex(x => x.EntityId);
        b.HasIndex(x => x.At);
        b.HasIndex(x => x.PropertyId);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.Property(x => x.FriendlyName).HasMaxLength(200);
        b.Property(x => x.Xml).IsRequired();
    }
}

internal sealed class UserPropertyConfiguration : IEntityTypeConfiguration<UserProperty>
{
    public void Configure(EntityTypeBuilder<UserProperty> b)
    {
        b.HasKey(x => new { x.UserId, x.PropertyId });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.PropertyId);
    }
}

internal sealed class SchedulerHeartbeatConfiguration : IEntityTypeConfiguration<SchedulerHeartbeat>
{
    public void Configure(EntityTypeBuilder<SchedulerHeartbeat> b)
    {
        b.Property(x => x.Id).HasMaxLength(64);
        b.Property(x => x.InstanceName).HasMaxLength(200).IsRequired();
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(100).IsRequired();
    }
}
