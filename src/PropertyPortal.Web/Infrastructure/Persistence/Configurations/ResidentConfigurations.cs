using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Residents;

namespace PropertyPortal.Web.Infrastructure.Persistence.Configurations;

internal sealed class ResidentAccountConfiguration : IEntityTypeConfiguration<ResidentAccount>
{
    public void Configure(EntityTypeBuilder<ResidentAccount> b)
    {
        b.Property(x => x.Phone).HasMaxLength(20).IsRequired();
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(x => x.Phone).IsUnique();
        b.HasIndex(x => x.CustomerId);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<HouseholdMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ResidentSignInCodeConfiguration : IEntityTypeConfiguration<ResidentSignInCode>
{
    public void Configure(EntityTypeBuilder<ResidentSignInCode> b)
    {
        b.Property(x => x.Phone).HasMaxLength(20).IsRequired();
        b.Property(x => x.Ip).HasMaxLength(64).IsRequired();
        b.Property(x => x.Salt).HasMaxLength(32).IsRequired();
        b.Property(x => x.Hash).HasMaxLength(64).IsRequired();

        // The rate limits count a number's and an address's rows of the last day; verification reads a number's newest.
        b.HasIndex(x => new { x.Phone, x.CreatedAt });
        b.HasIndex(x => new { x.Ip, x.CreatedAt });
    }
}

internal sealed class InvitationTryConfiguration : IEntityTypeConfiguration<InvitationTry>
{
    public void Configure(EntityTypeBuilder<InvitationTry> b)
    {
        // The limit counts an address's tries of the last hour.
        b.Property(x => x.Ip).HasMaxLength(64).IsRequired();
        b.HasIndex(x => new { x.Ip, x.At });
    }
}

internal sealed class HouseholdInvitationConfiguration : IEntityTypeConfiguration<HouseholdInvitation>
{
    public void Configure(EntityTypeBuilder<HouseholdInvitation> b)
    {
        b.Property(x => x.Code).HasMaxLength(HouseholdInvitation.Length).IsRequired();
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.CustomerId);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HouseholdChangeRequestConfiguration : IEntityTypeConfiguration<HouseholdChangeRequest>
{
    public void Configure(EntityTypeBuilder<HouseholdChangeRequest> b)
    {
        b.Property(x => x.RequestedByName).HasMaxLength(100).IsRequired();
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.Members).HasMaxLength(HouseholdChangeRequest.MaxMembersText);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.DecidedByName).HasMaxLength(100);
        b.Property(x => x.DecisionNote).HasMaxLength(500);
        b.HasIndex(x => new { x.PropertyId, x.State, x.RequestedAt });
        b.HasIndex(x => x.CustomerId);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
