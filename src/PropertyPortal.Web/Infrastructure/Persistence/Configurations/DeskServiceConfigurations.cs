using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Services;
using PropertyPortal.Domain.Visits;

namespace PropertyPortal.Web.Infrastructure.Persistence.Configurations;

// The front desk's service catalog and requests, bookable resources, lost and found, stewards' visits and the
// satisfaction survey. Two unique indexes carry rules: a resource's slot is held once (BookingSlots), and a
// household is in one survey sample a calendar year (SurveySamples).

internal sealed class ServiceTypeConfiguration : IEntityTypeConfiguration<ServiceType>
{
    public void Configure(EntityTypeBuilder<ServiceType> b)
    {
        b.Property(x => x.Code).HasMaxLength(40).IsRequired();
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.Property(x => x.Description).HasMaxLength(500);
        b.Ignore(x => x.Target);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> b)
    {
        b.Property(x => x.Number).HasMaxLength(24).IsRequired();
        b.Property(x => x.TypeName).HasMaxLength(50).IsRequired();
        b.Property(x => x.RequesterName).HasMaxLength(50).IsRequired();
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.Description).HasMaxLength(1000);
        b.Property(x => x.AcceptedById).HasMaxLength(64);
        b.Property(x => x.AcceptedByName).HasMaxLength(100);
        b.Property(x => x.HandlerId).HasMaxLength(64);
        b.Property(x => x.HandlerName).HasMaxLength(100);
        b.Property(x => x.DecidedById).HasMaxLength(64);
        b.Property(x => x.DecidedByName).HasMaxLength(100);
        b.Property(x => x.DecisionNote).HasMaxLength(200);
        b.Property(x => x.CompletedByName).HasMaxLength(100);
        b.Property(x => x.CompletionNote).HasMaxLength(500);
        b.Property(x => x.CancelReason).HasMaxLength(200);
        b.Property(x => x.ReleaseItems).HasMaxLength(2000);
        b.Property(x => x.CarrierName).HasMaxLength(50);
        b.Property(x => x.CarrierPhone).HasMaxLength(32);
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.SlipPrintable);
        b.Ignore(x => x.Release);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServiceType>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.ServiceRequestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne(x => x.Booking).WithOne().HasForeignKey<Booking>(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PropertyId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.PropertyId, x.ReceivedAt });
        b.HasIndex(x => new { x.PropertyId, x.Status, x.ReceivedAt });
        b.HasIndex(x => x.ReceivedAt);
        b.HasIndex(x => x.UnitId);
        b.HasIndex(x => x.CustomerId);
    }
}

internal sealed class ServiceRequestEventConfiguration : IEntityTypeConfiguration<ServiceRequestEvent>
{
    public void Configure(EntityTypeBuilder<ServiceRequestEvent> b)
    {
        CaseEventColumns.Configure(b);
        b.HasIndex(x => new { x.ServiceRequestId, x.At });
    }
}

internal sealed class BookableResourceConfiguration : IEntityTypeConfiguration<BookableResource>
{
    public void Configure(EntityTypeBuilder<BookableResource> b)
    {
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.Property(x => x.Location).HasMaxLength(100);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PropertyId, x.Name }).IsUnique();
    }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> b)
    {
        b.Property(x => x.ResourceName).HasMaxLength(50).IsRequired();
        b.Property(x => x.CancelReason).HasMaxLength(200);
        b.Property(x => x.CancelledByName).HasMaxLength(100);
        b.Ignore(x => x.Minutes);
        b.HasOne<BookableResource>().WithMany().HasForeignKey(x => x.ResourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Slots).WithOne().HasForeignKey(s => s.BookingId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Slots).HasField("_slots").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.ResourceId, x.StartsAt });
    }
}

internal sealed class BookingSlotConfiguration : IEntityTypeConfiguration<BookingSlot>
{
    public void Configure(EntityTypeBuilder<BookingSlot> b)
    {
        b.HasKey(x => x.Id);
        b.HasOne<BookableResource>().WithMany().HasForeignKey(x => x.ResourceId).OnDelete(DeleteBehavior.Restrict);

        // The clash guard: a slot of a resource is held by one booking, whichever desk saves first.
        b.HasIndex(x => new { x.ResourceId, x.StartsAt }).IsUnique();
    }
}

internal sealed class FoundItemConfiguration : IEntityTypeConfiguration<FoundItem>
{
    public void Configure(EntityTypeBuilder<FoundItem> b)
    {
        b.Property(x => x.Number).HasMaxLength(24).IsRequired();
        b.Property(x => x.Description).HasMaxLength(200).IsRequired();
        b.Property(x => x.FoundWhere).HasMaxLength(100).IsRequired();
        b.Property(x => x.FoundBy).HasMaxLength(50).IsRequired();
        b.Property(x => x.StoredWhere).HasMaxLength(100).IsRequired();
        b.Property(x => x.LoggedByName).HasMaxLength(100);
        b.Property(x => x.ClaimantName).HasMaxLength(50);
        b.Property(x => x.ClaimantPhone).HasMaxLength(32);
        b.Property(x => x.ClaimantIdLast4).HasMaxLength(4);
        b.Property(x => x.HandedOverByName).HasMaxLength(100);
        b.Property(x => x.DisposalNote).HasMaxLength(200);
        b.Property(x => x.DisposedByName).HasMaxLength(100);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PropertyId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.PropertyId, x.Status, x.FoundAt });
    }
}

internal sealed class ServiceSettingsConfiguration : IEntityTypeConfiguration<ServiceSettings>
{
    public void Configure(EntityTypeBuilder<ServiceSettings> b)
    {
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.PropertyId).IsUnique();
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> b)
    {
        b.Property(x => x.StewardId).HasMaxLength(64).IsRequired();
        b.Property(x => x.StewardName).HasMaxLength(100).IsRequired();
        b.Property(x => x.Topics).HasMaxLength(1000).IsRequired();
        b.Property(x => x.RecordedByName).HasMaxLength(100);
        b.Ignore(x => x.Period);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Findings).WithOne().HasForeignKey(f => f.VisitId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Findings).HasField("_findings").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.VisitedOn });
        b.HasIndex(x => new { x.StewardId, x.VisitedOn });
        b.HasIndex(x => new { x.CustomerId, x.VisitedOn });
    }
}

internal sealed class VisitFindingConfiguration : IEntityTypeConfiguration<VisitFinding>
{
    public void Configure(EntityTypeBuilder<VisitFinding> b)
    {
        b.Property(x => x.Text).HasMaxLength(500).IsRequired();
        b.Property(x => x.FollowedUpByName).HasMaxLength(100);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VisitQuotaConfiguration : IEntityTypeConfiguration<VisitQuota>
{
    public void Configure(EntityTypeBuilder<VisitQuota> b)
    {
        b.Property(x => x.Key).HasMaxLength(64).IsRequired();
        b.Property(x => x.StewardId).HasMaxLength(64);
        b.Property(x => x.StewardName).HasMaxLength(100);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PropertyId, x.Period, x.Key }).IsUnique();
    }
}

internal sealed class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> b)
    {
        b.Property(x => x.Text).HasMaxLength(200).IsRequired();
        b.Property(x => x.Category).HasMaxLength(20).IsRequired();
    }
}

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> b)
    {
        b.Property(x => x.DrawnByName).HasMaxLength(100);
        b.Ignore(x => x.Short);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Samples).WithOne().HasForeignKey(s => s.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Samples).HasField("_samples").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.Year, x.Quarter }).IsUnique();
    }
}

internal sealed class SurveySampleConfiguration : IEntityTypeConfiguration<SurveySample>
{
    public void Configure(EntityTypeBuilder<SurveySample> b)
    {
        b.Property(x => x.AnsweredByName).HasMaxLength(100);
        b.Property(x => x.Comment).HasMaxLength(500);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Answers).WithOne().HasForeignKey(a => a.SampleId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Answers).HasField("_answers").UsePropertyAccessMode(PropertyAccessMode.Field);

        // Never a household twice in a calendar year (004 §七), whatever two supervisors draw at once.
        b.HasIndex(x => new { x.CustomerId, x.Year }).IsUnique();
        b.HasIndex(x => new { x.SurveyId, x.Status });
    }
}

internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> b)
    {
        b.HasKey(x => x.Id);
        b.Ignore(x => x.Points);
        b.HasOne<SurveyQuestion>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SampleId, x.QuestionId }).IsUnique();
    }
}
