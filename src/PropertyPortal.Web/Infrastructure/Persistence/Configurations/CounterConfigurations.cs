using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Web.Infrastructure.Persistence.Configurations;

internal sealed class CounterVisitConfiguration : IEntityTypeConfiguration<CounterVisit>
{
    public void Configure(EntityTypeBuilder<CounterVisit> b)
    {
        b.Property(x => x.Number).HasMaxLength(24).IsRequired();
        b.Property(x => x.VisitorName).HasMaxLength(100).IsRequired();
        b.Property(x => x.HandlerId).HasMaxLength(64);
        b.Property(x => x.HandlerName).HasMaxLength(100);
        b.Property(x => x.Answer).HasMaxLength(1000);
        b.Property(x => x.AbandonReason).HasMaxLength(500);
        b.Ignore(x => x.IsOpen);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.VisitId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.Number }).IsUnique();

        // The unit's open visit (one at a time) and the household's story.
        b.HasIndex(x => new { x.UnitId, x.Status });
        b.HasIndex(x => new { x.CustomerId, x.ArrivedAt });

        // A contact is served by one visit.
        b.HasIndex(x => x.ContactId).IsUnique();
    }
}

internal sealed class CounterVisitEventConfiguration : IEntityTypeConfiguration<CounterVisitEvent>
{
    public void Configure(EntityTypeBuilder<CounterVisitEvent> b)
    {
        CaseEventColumns.Configure(b);
        b.HasIndex(x => new { x.VisitId, x.At });
    }
}

internal sealed class CalendarReminderSettingConfiguration : IEntityTypeConfiguration<CalendarReminderSetting>
{
    public void Configure(EntityTypeBuilder<CalendarReminderSetting> b) => b.ToTable("CalendarReminderSettings");
}
