using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPortal.Domain.Community;
using PropertyPortal.Domain.Notices;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Web.Infrastructure.Persistence.Configurations;

internal sealed class AnnualEventPlanConfiguration : IEntityTypeConfiguration<AnnualEventPlan>
{
    public void Configure(EntityTypeBuilder<AnnualEventPlan> b)
    {
        b.Property(x => x.Number).HasMaxLength(32).IsRequired();
        b.Property(x => x.ApprovedByName).HasMaxLength(100);
        b.Property(x => x.ReturnComment).HasMaxLength(1000);
        b.Ignore(x => x.Editable);
        b.Ignore(x => x.TotalBudget);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Rows).WithOne().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Rows).HasField("_rows").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Versions).WithOne().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);

        // One plan per property and year: the job that opens next year's plan may run on two instances at once.
        b.HasIndex(x => new { x.PropertyId, x.Year }).IsUnique();
        b.HasIndex(x => new { x.PropertyId, x.Number }).IsUnique();
    }
}

internal sealed class AnnualPlanRowConfiguration : IEntityTypeConfiguration<AnnualPlanRow>
{
    public void Configure(EntityTypeBuilder<AnnualPlanRow> b)
    {
        b.Property(x => x.Theme).HasMaxLength(100).IsRequired();
        b.Property(x => x.Form).HasMaxLength(50).IsRequired();
        b.Property(x => x.Content).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Budget).AsFen();
        b.Ignore(x => x.Line);
    }
}

internal sealed class AnnualPlanVersionConfiguration : IEntityTypeConfiguration<AnnualPlanVersion>
{
    public void Configure(EntityTypeBuilder<AnnualPlanVersion> b)
    {
        b.Property(x => x.RowsJson).IsRequired();
        b.Property(x => x.TotalBudget).AsFen();
        b.Property(x => x.SubmittedById).HasMaxLength(64);
        b.Property(x => x.SubmittedByName).HasMaxLength(100);
        b.Property(x => x.DecidedById).HasMaxLength(64);
        b.Property(x => x.DecidedByName).HasMaxLength(100);
        b.Property(x => x.Comment).HasMaxLength(1000);
        b.HasIndex(x => new { x.PlanId, x.Number }).IsUnique();
    }
}

internal sealed class AnnualPlanEntryConfiguration : IEntityTypeConfiguration<AnnualPlanEntry>
{
    public void Configure(EntityTypeBuilder<AnnualPlanEntry> b) => CaseEventColumns.Configure(b);
}

internal sealed class CommunityEventConfiguration : IEntityTypeConfiguration<CommunityEvent>
{
    public void Configure(EntityTypeBuilder<CommunityEvent> b)
    {
        b.Property(x => x.Number).HasMaxLength(32).IsRequired();
        b.Property(x => x.OrganiserId).HasMaxLength(64);
        b.Property(x => x.OrganiserName).HasMaxLength(100);
        b.Property(x => x.Theme).HasMaxLength(100).IsRequired();
        b.Property(x => x.Form).HasMaxLength(50).IsRequired();
        b.Property(x => x.Place).HasMaxLength(100).IsRequired();
        b.Property(x => x.Content).HasMaxLength(2000);
        b.Property(x => x.Schedule).HasMaxLength(2000);
        b.Property(x => x.DepartmentDuties).HasMaxLength(2000);
        b.Property(x => x.PartnerProposals).HasMaxLength(2000);
        b.Property(x => x.EmergencyPlan).HasMaxLength(2000);
        b.Property(x => x.EvaluationMethod).HasMaxLength(1000);
        b.Property(x => x.DayRoles).HasMaxLength(1000);
        b.Property(x => x.PoliceReference).HasMaxLength(100);
        b.Property(x => x.ReturnComment).HasMaxLength(1000);
        b.Property(x => x.SubmittedById).HasMaxLength(64);
        b.Property(x => x.ApprovedByName).HasMaxLength(100);
        b.Property(x => x.RecordSummary).HasMaxLength(2000);
        b.Property(x => x.Media).HasMaxLength(1000);
        b.Property(x => x.RecordedByName).HasMaxLength(100);
        b.Property(x => x.EvaluationSummary).HasMaxLength(2000);
        b.Property(x => x.EvaluatedByName).HasMaxLength(100);
        b.Property(x => x.ReviewNote).HasMaxLength(1000);
        b.Property(x => x.ReviewedByName).HasMaxLength(100);
        b.Property(x => x.EvaluationApprovedByName).HasMaxLength(100);
        b.Property(x => x.CancelReason).HasMaxLength(1000);
        b.Ignore(x => x.PlannedBudget);
        b.Ignore(x => x.ActualSpending);
        b.Ignore(x => x.PlanEditable);
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.Counts);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AnnualEventPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AnnualPlanRow>().WithMany().HasForeignKey(x => x.PlanRowId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Budget).WithOne().HasForeignKey(e => e.EventId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Budget).HasField("_budget").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Checks).WithOne().HasForeignKey(e => e.EventId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Checks).HasField("_checks").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.EventId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.PropertyId, x.StartsAt });
        b.HasIndex(x => x.PlanRowId);
    }
}

internal sealed class EventBudgetLineConfiguration : IEntityTypeConfiguration<EventBudgetLine>
{
    public void Configure(EntityTypeBuilder<EventBudgetLine> b)
    {
        b.Property(x => x.Item).HasMaxLength(100).IsRequired();
        b.Property(x => x.Planned).AsFen();
        b.Property(x => x.Actual).HasConversion(Fen.Converter);
    }
}

internal sealed class EventCheckConfiguration : IEntityTypeConfiguration<EventCheck>
{
    public void Configure(EntityTypeBuilder<EventCheck> b)
    {
        b.Property(x => x.Note).HasMaxLength(200);
        b.Property(x => x.DoneByName).HasMaxLength(100);
        b.HasIndex(x => new { x.EventId, x.Item }).IsUnique();
    }
}

internal sealed class EventInvitationConfiguration : IEntityTypeConfiguration<EventInvitation>
{
    public void Configure(EntityTypeBuilder<EventInvitation> b)
    {
        b.Property(x => x.Via).HasMaxLength(32).IsRequired();
        b.Property(x => x.InvitedByName).HasMaxLength(100);
        b.Property(x => x.RepliedByName).HasMaxLength(100);
        b.Ignore(x => x.Attended);
        b.HasOne<CommunityEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);

        // A household is invited once per event, even when two clerks send the same audience at once.
        b.HasIndex(x => new { x.EventId, x.CustomerId }).IsUnique();
        b.HasIndex(x => x.CustomerId);
    }
}

internal sealed class CommunityEventEntryConfiguration : IEntityTypeConfiguration<CommunityEventEntry>
{
    public void Configure(EntityTypeBuilder<CommunityEventEntry> b) => CaseEventColumns.Configure(b);
}

internal sealed class PublicWelfareHalfConfiguration : IEntityTypeConfiguration<PublicWelfareHalf>
{
    public void Configure(EntityTypeBuilder<PublicWelfareHalf> b)
    {
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);

        // The job opens each half once, however many instances run it.
        b.HasIndex(x => new { x.PropertyId, x.Year, x.Half }).IsUnique();
    }
}

internal sealed class PublicNoticeConfiguration : IEntityTypeConfiguration<PublicNotice>
{
    public void Configure(EntityTypeBuilder<PublicNotice> b)
    {
        b.Property(x => x.Number).HasMaxLength(32).IsRequired();
        b.Property(x => x.Title).HasMaxLength(100).IsRequired();
        b.Property(x => x.Body).HasMaxLength(4000).IsRequired();
        b.Property(x => x.BuildingIds).HasMaxLength(2000);
        b.Property(x => x.AuthorId).HasMaxLength(64);
        b.Property(x => x.AuthorName).HasMaxLength(100);
        b.Property(x => x.ApproverName).HasMaxLength(100);
        b.Property(x => x.PublishedByName).HasMaxLength(100);
        b.Property(x => x.WithdrawReason).HasMaxLength(500);
        b.Property(x => x.WithdrawnByName).HasMaxLength(100);
        b.Ignore(x => x.Buildings);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.PropertyId, x.Status, x.CreatedAt });
        b.HasIndex(x => new { x.Status, x.PublishedAt });
    }
}

internal sealed class NoticeDeliveryConfiguration : IEntityTypeConfiguration<NoticeDelivery>
{
    public void Configure(EntityTypeBuilder<NoticeDelivery> b)
    {
        b.Property(x => x.Via).HasMaxLength(32).IsRequired();
        b.HasOne<PublicNotice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.NoticeId, x.CustomerId }).IsUnique();
        b.HasIndex(x => x.CustomerId);
    }
}

internal sealed class PublicNoticeEntryConfiguration : IEntityTypeConfiguration<PublicNoticeEntry>
{
    public void Configure(EntityTypeBuilder<PublicNoticeEntry> b) => CaseEventColumns.Configure(b);
}
