using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Web.Infrastructure.Persistence.Configurations;

/// <summary>
/// Money columns are stored as whole fen (分) in a 64-bit integer on both databases: sums and
/// comparisons run in SQL exactly (SQLite has no decimal type and would sum text), and yuan to 2 places
/// round-trips without loss.
/// </summary>
internal static class Fen
{
    public static readonly ValueConverter<decimal, long> Converter = new(v => (long)(v * 100m), v => v / 100m);

    public static PropertyBuilder<decimal> AsFen(this PropertyBuilder<decimal> p) => p.HasConversion(Converter);
}

internal sealed class FeeItemConfiguration : IEntityTypeConfiguration<FeeItem>
{
    public void Configure(EntityTypeBuilder<FeeItem> b)
    {
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.Ignore(x => x.IsMonthly);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Rates).WithOne().HasForeignKey(r => r.FeeItemId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Rates).HasField("_rates").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.Name }).IsUnique();
    }
}

internal sealed class FeeRateConfiguration : IEntityTypeConfiguration<FeeRate>
{
    public void Configure(EntityTypeBuilder<FeeRate> b)
    {
        b.Property(x => x.Amount).HasPrecision(14, 4);
        b.HasIndex(x => new { x.FeeItemId, x.EffectiveFrom }).IsUnique();
    }
}

internal sealed class FeePolicyConfiguration : IEntityTypeConfiguration<FeePolicy>
{
    public void Configure(EntityTypeBuilder<FeePolicy> b)
    {
        b.Ignore(x => x.Ladder);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.PropertyId).IsUnique();
    }
}

internal sealed class ChargeConfiguration : IEntityTypeConfiguration<Charge>
{
    public void Configure(EntityTypeBuilder<Charge> b)
    {
        b.Property(x => x.Description).HasMaxLength(100).IsRequired();
        b.Property(x => x.SourceKey).HasMaxLength(120).IsRequired();
        b.Property(x => x.CreatedById).HasMaxLength(64);
        b.Property(x => x.CreatedByName).HasMaxLength(100);
        b.Property(x => x.ReversedByName).HasMaxLength(100);
        b.Property(x => x.ReversalReason).HasMaxLength(500);
        b.Property(x => x.Amount).AsFen();
        b.Property(x => x.Paid).AsFen();
        b.Property(x => x.Released).AsFen();
        b.Property(x => x.DeductionNote).HasMaxLength(1000);
        b.Property(x => x.UnitPrice).HasPrecision(14, 4);
        b.Ignore(x => x.IsReversed);
        b.Ignore(x => x.Outstanding);
        b.Ignore(x => x.Held);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FeeItem>().WithMany().HasForeignKey(x => x.FeeItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.SourceKey).IsUnique();
        b.HasIndex(x => new { x.UnitId, x.DueDate });
        b.HasIndex(x => new { x.PropertyId, x.Period });
        b.HasIndex(x => new { x.PropertyId, x.DueDate });

        // The monthly report and dashboard (FeesReportSection, MoveInOutReportSection; docs/benchmarks.md): the months'
        // bills summed from the index alone, the bills open now (a few per cent of all) without reading the paid ones,
        // and a property's deposits without its monthly bills.
        b.HasIndex(x => new { x.PropertyId, x.Period, x.Kind, x.ReversedAt, x.Amount }, "IX_Charges_Billed");
        b.HasIndex(x => new { x.PropertyId, x.DueDate, x.CreatedAt }, "IX_Charges_Open").HasFilter("\"Paid\" < \"Amount\"");
        b.HasIndex(x => new { x.PropertyId, x.Kind });
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.Property(x => x.PayerName).HasMaxLength(100).IsRequired();
        b.Property(x => x.Reference).HasMaxLength(64);
        b.Property(x => x.ReceiptNumber).HasMaxLength(32).IsRequired();
        b.Property(x => x.CashierId).HasMaxLength(64);
        b.Property(x => x.CashierName).HasMaxLength(100);
        b.Property(x => x.InvoiceNumber).HasMaxLength(64);
        b.Property(x => x.InvoicedByName).HasMaxLength(100);
        b.Property(x => x.ReversedByName).HasMaxLength(100);
        b.Property(x => x.ReversalReason).HasMaxLength(500);
        b.Property(x => x.Amount).AsFen();
        b.Ignore(x => x.IsReversed);
        b.Ignore(x => x.Signed);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Allocations).WithOne().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Allocations).HasField("_allocations").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.Sequence }).IsUnique();
        b.HasIndex(x => new { x.PropertyId, x.ReceiptNumber }).IsUnique();
        b.HasIndex(x => new { x.UnitId, x.ReceivedAt });
        b.HasIndex(x => new { x.PropertyId, x.ReceivedAt });
    }
}

internal sealed class PaymentAllocationConfiguration : IEntityTypeConfiguration<PaymentAllocation>
{
    public void Configure(EntityTypeBuilder<PaymentAllocation> b)
    {
        b.Property(x => x.Amount).AsFen();
        b.HasOne<Charge>().WithMany().HasForeignKey(x => x.ChargeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ChargeId);
    }
}

internal sealed class ReceiptSequenceConfiguration : IEntityTypeConfiguration<ReceiptSequence>
{
    public void Configure(EntityTypeBuilder<ReceiptSequence> b)
    {
        b.HasKey(x => x.PropertyId);
        b.Property(x => x.PropertyId).ValueGeneratedNever();
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BillingRunConfiguration : IEntityTypeConfiguration<BillingRun>
{
    public void Configure(EntityTypeBuilder<BillingRun> b)
    {
        b.Property(x => x.LastRunByName).HasMaxLength(100);
        b.Property(x => x.NoticesDeliveredByName).HasMaxLength(100);
        b.Property(x => x.AmountBilled).AsFen();
        b.Ignore(x => x.BillingPeriod);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PropertyId, x.Period }).IsUnique();
    }
}

internal sealed class PaymentNoticeConfiguration : IEntityTypeConfiguration<PaymentNotice>
{
    public void Configure(EntityTypeBuilder<PaymentNotice> b)
    {
        b.Property(x => x.Balance).AsFen();
        b.HasOne<BillingRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.RunId, x.UnitId }).IsUnique();
        b.HasIndex(x => x.UnitId);
    }
}

internal sealed class MeterReadingConfiguration : IEntityTypeConfiguration<MeterReading>
{
    public void Configure(EntityTypeBuilder<MeterReading> b)
    {
        b.Property(x => x.RecordedByName).HasMaxLength(100);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.UnitId, x.Meter, x.Period }).IsUnique();
        b.HasIndex(x => new { x.PropertyId, x.Period });
    }
}

internal sealed class DunningCaseConfiguration : IEntityTypeConfiguration<DunningCase>
{
    public void Configure(EntityTypeBuilder<DunningCase> b)
    {
        b.Property(x => x.DisputeReason).HasMaxLength(500);
        b.Property(x => x.LastNote).HasMaxLength(200);
        b.Ignore(x => x.IsOpen);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Steps).HasField("_steps").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.State });
        b.HasIndex(x => new { x.UnitId, x.State });
    }
}

internal sealed class DunningStepConfiguration : IEntityTypeConfiguration<DunningStep>
{
    public void Configure(EntityTypeBuilder<DunningStep> b)
    {
        b.Property(x => x.DoneByName).HasMaxLength(100);
        b.Property(x => x.Outcome).HasMaxLength(500);
        b.Property(x => x.TrackingNumber).HasMaxLength(64);
        b.Property(x => x.BalanceAtStart).AsFen();
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.BaseDate);
        b.HasIndex(x => new { x.CaseId, x.Stage }).IsUnique();
        b.HasIndex(x => new { x.PropertyId, x.DoneAt });
    }
}
