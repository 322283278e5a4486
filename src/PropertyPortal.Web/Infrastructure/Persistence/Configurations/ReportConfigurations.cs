using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Reports;

namespace PropertyPortal.Web.Infrastructure.Persistence.Configurations;

internal sealed class MonthlyReportSignOffConfiguration : IEntityTypeConfiguration<MonthlyReportSignOff>
{
    public void Configure(EntityTypeBuilder<MonthlyReportSignOff> b)
    {
        b.Property(x => x.Commentary).HasMaxLength(MonthlyReportSignOff.CommentaryMaxLength).IsRequired();
        b.Property(x => x.Snapshot).IsRequired();
        b.Property(x => x.SignedById).HasMaxLength(64);
        b.Property(x => x.SignedByName).HasMaxLength(100).IsRequired();
        b.Property(x => x.CountersignedById).HasMaxLength(64);
        b.Property(x => x.CountersignedByName).HasMaxLength(100);
        b.Ignore(x => x.IsCountersigned);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);

        // One signature per property and month: the second of two made at the same moment is refused here.
        b.HasIndex(x => new { x.PropertyId, x.Year, x.Month }).IsUnique();
    }
}
