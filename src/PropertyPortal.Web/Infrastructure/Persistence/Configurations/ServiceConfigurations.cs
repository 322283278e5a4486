using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Web.Infrastructure.Persistence.Configurations;

// Cases (contacts, repair orders, callbacks), their clocks and notifications. Indexes follow the
// reads: the sweep reads clocks by NextCheckAt only; queues read by property/assignee and state.

internal sealed class SlaClockConfiguration : IEntityTypeConfiguration<SlaClock>
{
    public void Configure(EntityTypeBuilder<SlaClock> b)
    {
        b.Property(x => x.AssigneeId).HasMaxLength(64);
        b.Property(x => x.SupervisorChannel).HasMaxLength(32);
        b.Property(x => x.ManagerChannel).HasMaxLength(32);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.Ladder);
        b.HasIndex(x => x.NextCheckAt);
        b.HasIndex(x => new { x.SubjectId, x.Milestone });
        b.HasIndex(x => new { x.PropertyId, x.State, x.DueAt });
        b.HasIndex(x => new { x.AssigneeId, x.State, x.DueAt });

        // Pages that list one kind of clock (a renovation's patrols, a custody unit's) soonest first: a seek, not a walk of
        // every running clock in due order until enough of that kind turn up (34 ms on SQLite at 100,000 running clocks).
        b.HasIndex(x => new { x.Milestone, x.State, x.DueAt });

        // Queues without a property (a user's queue over all their properties): the property filter is
        // "@all OR PropertyId IN (…)", which SQLite cannot seek through, so it needs a way in by due time.
        // PropertyId last makes it covering for counts over the user's properties.
        b.HasIndex(x => new { x.State, x.DueAt, x.PropertyId });

        // One patrol clock per renovation and window of the day (its start is the window's), whichever instance's job starts it.
        b.HasIndex(x => new { x.SubjectId, x.Milestone, x.StartedAt }).IsUnique()
            .HasFilter("\"Milestone\" = 'RenovationPatrol'").HasDatabaseName("IX_SlaClocks_RenovationPatrolWindow");
    }
}

internal sealed class SlaEventConfiguration : IEntityTypeConfiguration<SlaEvent>
{
    public void Configure(EntityTypeBuilder<SlaEvent> b)
    {
        b.HasKey(x => x.Id);
        b.HasOne<SlaClock>().WithMany().HasForeignKey(x => x.ClockId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ClockId, x.Kind }).IsUnique();
        b.HasIndex(x => new { x.PropertyId, x.FiredAt });
        b.HasIndex(x => x.SubjectId);
    }
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> b)
    {
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.PropertyId).IsUnique();
        b.Ignore(x => x.Ladder);
        b.HasMany(x => x.Ladders).WithOne().HasForeignKey(r => r.PolicyId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Ladders).HasField("_ladders").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SlaLadderRuleConfiguration : IEntityTypeConfiguration<SlaLadderRule>
{
    public void Configure(EntityTypeBuilder<SlaLadderRule> b)
    {
        b.Property(x => x.SupervisorChannel).HasMaxLength(32);
        b.Property(x => x.ManagerChannel).HasMaxLength(32);
        b.Ignore(x => x.Ladder);
        b.HasIndex(x => new { x.PolicyId, x.Milestone, x.Urgency }).IsUnique();
    }
}

internal sealed class PauseRequestConfiguration : IEntityTypeConfiguration<PauseRequest>
{
    public void Configure(EntityTypeBuilder<PauseRequest> b)
    {
        b.Property(x => x.CaseNumber).HasMaxLength(24).IsRequired();
        b.Property(x => x.Note).HasMaxLength(200);
        b.Property(x => x.RequestedById).HasMaxLength(64).IsRequired();
        b.Property(x => x.RequestedByName).HasMaxLength(100).IsRequired();
        b.Property(x => x.DecidedById).HasMaxLength(64);
        b.Property(x => x.DecidedByName).HasMaxLength(100);
        b.Property(x => x.DecisionNote).HasMaxLength(200);
        b.Property(x => x.EndedByName).HasMaxLength(100);
        b.Ignore(x => x.IsOpen);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);

        // The supervisor's list: a property's pending requests, oldest first; a case's requests for its page.
        b.HasIndex(x => new { x.PropertyId, x.State, x.RequestedAt });
        b.HasIndex(x => x.SubjectId);
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.Property(x => x.Name).HasMaxLength(50);
        b.HasIndex(x => x.Date).IsUnique();
    }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> b)
    {
        b.Property(x => x.Source).HasMaxLength(200);
        b.HasIndex(x => x.Year).IsUnique();
    }
}

internal sealed class ServiceHoursSettingConfiguration : IEntityTypeConfiguration<ServiceHoursSetting>
{
    public void Configure(EntityTypeBuilder<ServiceHoursSetting> b)
    {
        b.Ignore(x => x.Workday);
        b.Ignore(x => x.RestDay);
    }
}

internal sealed class RepairCategoryConfiguration : IEntityTypeConfiguration<RepairCategory>
{
    public void Configure(EntityTypeBuilder<RepairCategory> b)
    {
        b.Property(x => x.Group).HasMaxLength(20).IsRequired();
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.HasIndex(x => new { x.Group, x.Name }).IsUnique();
    }
}

internal sealed class RepairOrderConfiguration : IEntityTypeConfiguration<RepairOrder>
{
    public void Configure(EntityTypeBuilder<RepairOrder> b)
    {
        b.Property(x => x.Number).HasMaxLength(24).IsRequired();
        b.Property(x => x.ReporterName).HasMaxLength(50).IsRequired();
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.Location).HasMaxLength(100).IsRequired();
        b.Property(x => x.Description).HasMaxLength(1000).IsRequired();
        b.Property(x => x.AcceptedById).HasMaxLength(64);
        b.Property(x => x.AcceptedByName).HasMaxLength(100);
        b.Property(x => x.TechnicianId).HasMaxLength(64);
        b.Property(x => x.TechnicianName).HasMaxLength(100);
        b.Property(x => x.WorkDone).HasMaxLength(1000);
        b.Property(x => x.Materials).HasMaxLength(500);
        b.Property(x => x.CancelReason).HasMaxLength(200);
        b.Ignore(x => x.IsOpen);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RepairCategory>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.RepairOrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.PropertyId, x.Status, x.ReceivedAt });
        b.HasIndex(x => new { x.PropertyId, x.ReceivedAt });

        // The register, newest first, for users of several properties (see SlaClock's State+DueAt index).
        b.HasIndex(x => x.ReceivedAt);
        b.HasIndex(x => new { x.TechnicianId, x.Status });

        // The board's chased orders: few orders are ever chased, so ChaseCount > 0 is selective.
        b.HasIndex(x => x.ChaseCount);
        b.HasIndex(x => x.UnitId);
        b.HasIndex(x => x.CustomerId);
    }
}

internal sealed class RepairOrderEventConfiguration : IEntityTypeConfiguration<RepairOrderEvent>
{
    public void Configure(EntityTypeBuilder<RepairOrderEvent> b)
    {
        CaseEventColumns.Configure(b);
        b.HasIndex(x => new { x.RepairOrderId, x.At });
    }
}

internal sealed class CallbackConfiguration : IEntityTypeConfiguration<Callback>
{
    public void Configure(EntityTypeBuilder<Callback> b)
    {
        b.Property(x => x.ContactName).HasMaxLength(50);
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.Subject).HasMaxLength(100);
        b.Property(x => x.AssigneeId).HasMaxLength(64);
        b.Property(x => x.AssigneeName).HasMaxLength(100);
        b.Property(x => x.Comment).HasMaxLength(500);
        b.Property(x => x.CompletedByName).HasMaxLength(100);
        b.Ignore(x => x.CallsForRework);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RepairOrder>().WithMany().HasForeignKey(x => x.RepairOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PropertyPortal.Domain.Complaints.Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PropertyPortal.Domain.MoveInOut.MoveIn>().WithMany().HasForeignKey(x => x.MoveInId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Attempts).WithOne().HasForeignKey(a => a.CallbackId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Attempts).HasField("_attempts").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.Status, x.DueAt });
        b.HasIndex(x => new { x.AssigneeId, x.Status, x.DueAt });
        b.HasIndex(x => new { x.NeedsSupervisor, x.Status });
        b.HasIndex(x => x.RepairOrderId);
        b.HasIndex(x => x.ComplaintId);
        b.HasIndex(x => x.CustomerId);
    }
}

internal sealed class CallbackAttemptConfiguration : IEntityTypeConfiguration<CallbackAttempt>
{
    public void Configure(EntityTypeBuilder<CallbackAttempt> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.ActorName).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(500);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.Property(x => x.LoggedById).HasMaxLength(64);
        b.Property(x => x.LoggedByName).HasMaxLength(100);
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.Subject).HasMaxLength(200).IsRequired();
        b.Property(x => x.Details).HasMaxLength(2000);
        b.Property(x => x.OutcomeNote).HasMaxLength(500);
        b.Ignore(x => x.IsBackdated);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PropertyId, x.ReceivedAt });
        b.HasIndex(x => x.CustomerId);
        b.HasIndex(x => x.UnitId);

        // The desk's 业主自助 tile finds the households' own reports among every contact (a few, against 200,000 on the bench).
        b.HasIndex(x => new { x.Source, x.ReceivedAt });
    }
}

internal sealed class DailyLogConfiguration : IEntityTypeConfiguration<DailyLog>
{
    public void Configure(EntityTypeBuilder<DailyLog> b)
    {
        b.Property(x => x.HandoverNotes).HasMaxLength(4000);
        b.Property(x => x.SignedById).HasMaxLength(64);
        b.Property(x => x.SignedByName).HasMaxLength(100);
        b.Ignore(x => x.IsSigned);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Amendments).WithOne().HasForeignKey(a => a.DailyLogId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Amendments).HasField("_amendments").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PropertyId, x.Date }).IsUnique();
    }
}

internal sealed class DailyLogAmendmentConfiguration : IEntityTypeConfiguration<DailyLogAmendment>
{
    public void Configure(EntityTypeBuilder<DailyLogAmendment> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.ActorId).HasMaxLength(64);
        b.Property(x => x.ActorName).HasMaxLength(100);
        b.Property(x => x.Text).HasMaxLength(2000);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.DedupKey).HasMaxLength(200).IsRequired();
        b.Property(x => x.Channel).HasMaxLength(16).IsRequired();
        b.Property(x => x.Recipient).HasMaxLength(16);
        b.Property(x => x.RecipientUserId).HasMaxLength(64);
        b.Property(x => x.Kind).HasMaxLength(64).IsRequired();
        b.Property(x => x.Args).HasMaxLength(2000);
        b.Property(x => x.Link).HasMaxLength(200);
        b.Property(x => x.Batch).HasMaxLength(64);
        b.Property(x => x.Priority).HasConversion<int>();
        b.Property(x => x.ProviderMessageId).HasMaxLength(100);
        b.Property(x => x.Address).HasMaxLength(100);
        b.Property(x => x.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);

        // Two dispatchers (two instances) claiming or recording the same row: only one update matches.
        b.Property(x => x.State).HasMaxLength(16).IsConcurrencyToken();
        b.Property(x => x.ClaimToken).IsConcurrencyToken();
        b.Ignore(x => x.IdempotencyKey);
        b.HasIndex(x => x.DedupKey).IsUnique();

        // The dispatcher's read: due rows, most urgent first.
        b.HasIndex(x => new { x.Priority, x.NextAttemptAt });
        b.HasIndex(x => new { x.State, x.LeaseUntil });
        b.HasIndex(x => new { x.Batch, x.State });
        b.HasIndex(x => x.CustomerId);
    }
}

internal sealed class OutboxAttemptConfiguration : IEntityTypeConfiguration<OutboxAttempt>
{
    public void Configure(EntityTypeBuilder<OutboxAttempt> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Outcome).HasMaxLength(16);
        b.Property(x => x.Detail).HasMaxLength(OutboxMessage.MaxErrorLength);
        b.Property(x => x.ByName).HasMaxLength(100);
        b.HasIndex(x => x.MessageId);
    }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> b)
    {
        b.Property(x => x.Kind).HasMaxLength(64).IsRequired();
        b.Property(x => x.Subject).HasMaxLength(MessageTemplate.MaxSubject).IsRequired();
        b.Property(x => x.Text).HasMaxLength(MessageTemplate.MaxText).IsRequired();
        b.Property(x => x.UpdatedByName).HasMaxLength(100);
        b.HasIndex(x => x.Kind).IsUnique();
    }
}

internal sealed class TeamChatConfiguration : IEntityTypeConfiguration<TeamChat>
{
    public void Configure(EntityTypeBuilder<TeamChat> b)
    {
        b.Property(x => x.WebhookKey).HasMaxLength(64).IsRequired();
        b.Property(x => x.UpdatedByName).HasMaxLength(100);
        b.Ignore(x => x.MaskedKey);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.PropertyId).IsUnique();
    }
}

internal sealed class MessagingSettingsConfiguration : IEntityTypeConfiguration<MessagingSettings>
{
    public void Configure(EntityTypeBuilder<MessagingSettings> b) => b.Ignore(x => x.QuietHours);
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.UserId).HasMaxLength(64).IsRequired();
        b.Property(x => x.Kind).HasMaxLength(64).IsRequired();
        b.Property(x => x.Args).HasMaxLength(2000);
        b.Property(x => x.Link).HasMaxLength(200);
        b.HasIndex(x => x.OutboxMessageId).IsUnique();
        b.HasIndex(x => new { x.UserId, x.ReadAt });
        b.HasIndex(x => new { x.UserId, x.Id });
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.Property(x => x.OwnerType).HasMaxLength(32).IsRequired();
        b.Property(x => x.FileName).HasMaxLength(200).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(100).IsRequired();
        b.Property(x => x.StorageKey).HasMaxLength(200).IsRequired();
        b.Property(x => x.UploadedByName).HasMaxLength(100);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OwnerType, x.OwnerId });
    }
}
