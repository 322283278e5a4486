using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Web.Features.Import;

public enum ImportBatchStatus { Previewed, Imported, Discarded }

/// <summary>
/// An uploaded registry sheet, kept in the database between preview and confirmation so that any
/// app instance behind the load balancer can finish it.
/// </summary>
public sealed class ImportBatch : IPropertyScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PropertyId { get; set; }
    public string FileName { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public int RowCount { get; set; }
    public ImportBatchStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? ImportedAt { get; set; }

    /// <summary>What the import did, e.g. counts of created/updated/unchanged rows (JSON).</summary>
    public string? Summary { get; set; }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.Property(x => x.FileName).HasMaxLength(260).IsRequired();
        b.Property(x => x.CreatedBy).HasMaxLength(256).IsRequired();
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.CreatedAt);
    }
}
