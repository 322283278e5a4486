using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>Resource keys ("Notify.{Kind}" in SharedResource) of the notifications the portal sends.</summary>
public static class NotificationKinds
{
    /// <summary>Args: case number, milestone, due (local text).</summary>
    public const string SlaWarning = nameof(SlaWarning);

    public const string SlaBreach = nameof(SlaBreach);

    /// <summary>Escalation to supervisors or managers. Args: case number, milestone, due, level.</summary>
    public const string SlaEscalated = nameof(SlaEscalated);

    /// <summary>Args: order number, location.</summary>
    public const string RepairDispatched = nameof(RepairDispatched);

    /// <summary>Args: order number, chase count.</summary>
    public const string RepairChased = nameof(RepairChased);

    /// <summary>Args: order number, attempts.</summary>
    public const string CallbackNeedsSupervisor = nameof(CallbackNeedsSupervisor);

    /// <summary>Args: order number.</summary>
    public const string CallbackAssigned = nameof(CallbackAssigned);

    /// <summary>Args: order number, score.</summary>
    public const string RepairReopened = nameof(RepairReopened);

    /// <summary>A new household's callback found something wrong or a low score. Args: move-in number, score.</summary>
    public const string MoveInCallbackDissatisfied = nameof(MoveInCallbackDissatisfied);

    /// <summary>A custody patrol found a problem or the meters past the custody limits. Args: unit, finding.</summary>
    public const string CustodyAlarm = nameof(CustodyAlarm);

    /// <summary>A supervisor ordered a heavy-rain patrol: to the property's stewards. Args: property, units, due (local text), reason, rain day.</summary>
    public const string CustodyRainPatrol = nameof(CustodyRainPatrol);

    /// <summary>A major complaint to the managers, an important one to the supervisors, at intake or re-tiering. Args: number, tier.</summary>
    public const string ComplaintEscalated = nameof(ComplaintEscalated);

    /// <summary>Args: complaint number, complainant.</summary>
    public const string ComplaintRepeat = nameof(ComplaintRepeat);

    /// <summary>Args: complaint number.</summary>
    public const string ComplaintHarm = nameof(ComplaintHarm);

    /// <summary>Args: complaint number.</summary>
    public const string ComplaintAssigned = nameof(ComplaintAssigned);

    /// <summary>Args: complaint number.</summary>
    public const string ComplaintPlanPending = nameof(ComplaintPlanPending);

    /// <summary>Args: complaint number.</summary>
    public const string ComplaintPlanDecided = nameof(ComplaintPlanDecided);

    /// <summary>Args: complaint number, score.</summary>
    public const string ComplaintReopened = nameof(ComplaintReopened);

    /// <summary>Args: number of new call and visit tasks.</summary>
    public const string DunningTasks = nameof(DunningTasks);

    /// <summary>Args: number of formal letters to send.</summary>
    public const string DunningLetters = nameof(DunningLetters);

    /// <summary>Args: number of households referred for legal action.</summary>
    public const string DunningLegal = nameof(DunningLegal);

    /// <summary>Args: renovation number.</summary>
    public const string RenovationAwaitsManager = nameof(RenovationAwaitsManager);

    /// <summary>Args: renovation number.</summary>
    public const string RenovationReturned = nameof(RenovationReturned);

    /// <summary>Args: renovation number.</summary>
    public const string RenovationApproved = nameof(RenovationApproved);

    /// <summary>A handler asks to pause a case: to the property's supervisors. Args: case number, reason (PauseReason), requester.</summary>
    public const string PauseRequested = nameof(PauseRequested);

    /// <summary>To the requester. Args: case number, approver.</summary>
    public const string PauseApproved = nameof(PauseApproved);

    /// <summary>To the requester: nothing paused. Args: case number, who refused, why.</summary>
    public const string PauseRefused = nameof(PauseRefused);

    /// <summary>The year's annual event plan is open for drafting: to the supervisors. Args: plan number, year.</summary>
    public const string AnnualPlanOpened = nameof(AnnualPlanOpened);

    /// <summary>An annual event plan to approve: to the property's general managers (the managers where it has none). Args: plan number.</summary>
    public const string AnnualPlanSubmitted = nameof(AnnualPlanSubmitted);

    /// <summary>To the supervisors. Args: plan number, approver.</summary>
    public const string AnnualPlanApproved = nameof(AnnualPlanApproved);

    /// <summary>To the supervisors. Args: plan number, comment.</summary>
    public const string AnnualPlanReturned = nameof(AnnualPlanReturned);

    /// <summary>An ad hoc event waits for the managers. Args: event number, theme.</summary>
    public const string EventProposed = nameof(EventProposed);

    /// <summary>A plan form to review: to the supervisors. Args: event number, theme.</summary>
    public const string EventPlanFilled = nameof(EventPlanFilled);

    /// <summary>A plan form to approve: to the general managers (or managers). Args: event number, theme.</summary>
    public const string EventPlanSubmitted = nameof(EventPlanSubmitted);

    /// <summary>To the organiser. Args: event number, theme.</summary>
    public const string EventApproved = nameof(EventApproved);

    /// <summary>To the organiser. Args: event number, comment.</summary>
    public const string EventReturned = nameof(EventReturned);

    /// <summary>Invitations to hand out: to the property's stewards. Args: event number, households.</summary>
    public const string EventInvitationsToDeliver = nameof(EventInvitationsToDeliver);

    /// <summary>An evaluation to review: to the managers. Args: event number.</summary>
    public const string EventEvaluationToReview = nameof(EventEvaluationToReview);

    /// <summary>An evaluation to approve: to the general managers (or managers). Args: event number.</summary>
    public const string EventEvaluationToApprove = nameof(EventEvaluationToApprove);

    /// <summary>A draft notice to approve: to the supervisors. Args: notice number, title.</summary>
    public const string NoticeDrafted = nameof(NoticeDrafted);

    /// <summary>A notice to put up on the boards: to the stewards. Args: notice number, title, households.</summary>
    public const string NoticePublished = nameof(NoticePublished);

    /// <summary>A notice to take down from the boards: to the stewards. Args: notice number, title.</summary>
    public const string NoticeWithdrawn = nameof(NoticeWithdrawn);
    // Household-facing (SMS / e-mail on the household's preferred channel; NotificationCatalog has their texts).

    /// <summary>付款通知 of a billing run. Args: household, unit, month, amount, due date.</summary>
    public const string PaymentNotice = nameof(PaymentNotice);

    /// <summary>The dunning ladder's first reminder. Args: household, unit, overdue amount, oldest due date.</summary>
    public const string DunningReminder = nameof(DunningReminder);

    /// <summary>The second reminder. Args as <see cref="DunningReminder"/>.</summary>
    public const string DunningSecondReminder = nameof(DunningSecondReminder);

    // Household-facing kinds sent by the features' mappings (RepairNotifications, ComplaintNotifications,
    // RenovationNotifications, MoveInNotifications, NoticeNotifications, EventNotifications).

    /// <summary>Args: household, order number, category.</summary>
    public const string RepairAccepted = nameof(RepairAccepted);

    /// <summary>Args: household, order number, technician, technician's phone.</summary>
    public const string RepairTechnicianAssigned = nameof(RepairTechnicianAssigned);

    /// <summary>Args: household, order number.</summary>
    public const string RepairCompleted = nameof(RepairCompleted);

    /// <summary>Args: household, case number.</summary>
    public const string CallbackRequest = nameof(CallbackRequest);

    /// <summary>Args: household, complaint number, reply.</summary>
    public const string ComplaintReplied = nameof(ComplaintReplied);

    /// <summary>The desk's answer to a suggestion the household made on its own page. Args: household, unit, answer.</summary>
    public const string SuggestionAnswered = nameof(SuggestionAnswered);

    /// <summary>Args: household, renovation number.</summary>
    public const string RenovationApprovedForHousehold = nameof(RenovationApprovedForHousehold);

    /// <summary>Args: household, unit, booked time.</summary>
    public const string MoveInBooked = nameof(MoveInBooked);

    /// <summary>Args: household, unit, steward, steward's phone.</summary>
    public const string StewardIntroduction = nameof(StewardIntroduction);

    /// <summary>停水停电 notice, exempt from quiet hours. Args: property, what, from, until.</summary>
    public const string OutageNotice = nameof(OutageNotice);

    /// <summary>Any other published notice (消杀, 收费, 安全 …) to its audience's households. Args: property, title, number.</summary>
    public const string NoticeToHousehold = nameof(NoticeToHousehold);

    /// <summary>An event's invitation to a household. Args: property, theme, time, place.</summary>
    public const string EventInvitation = nameof(EventInvitation);

    /// <summary>A household's SMS sign-in code (to the account's number, never to staff). Args: code (a protected secret), minutes.</summary>
    public const string ResidentSignInCode = nameof(ResidentSignInCode);

    /// <summary>A household reported something on its own page: to the property's front desk. Args: case number, unit, what.</summary>
    public const string ResidentReported = nameof(ResidentReported);

    /// <summary>A household asks for a change of its record (members, phone, channel): to the front desk. Args: household, unit.</summary>
    public const string ResidentChangeRequested = nameof(ResidentChangeRequested);
}

/// <summary>
/// Queues notifications in the outbox of the caller's DbContext: they are saved in the same
/// transaction as the change that caused them, and delivered afterwards by the dispatcher. The dedup
/// key makes queueing the same fact twice impossible.
/// Staff: one row per user and channel (the configured default channels, or the ones a caller names —
/// an escalation level that goes by SMS or WeChat Work); a WeChat Work message goes once to the
/// property's team chat, not once per person. Households: one row per household and fact, on the
/// channel their preference maps to (<see cref="NotificationChannels.ForHousehold"/>), or a skipped row
/// saying why not (opted out, prefers letters, no number); nothing at all when no household channel
/// (SMS, e-mail) is configured.
/// </summary>
public sealed class Notifier(PortalDbContext db, TimeProvider time, NotificationChannels channels)
{
    public void Enqueue(string dedupKey, string kind, IEnumerable<object?> args, string? link, Guid? propertyId, IEnumerable<string?> recipientUserIds,
        IEnumerable<string>? via = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var json = Serialize(args);
        var users = recipientUserIds.OfType<string>().Distinct().ToList();
        foreach (var channel in (via ?? channels.Enabled).Distinct(StringComparer.Ordinal))
        {
            if (channel == NotificationChannels.WeChatWork)
            {
                if (propertyId is { } property && users.Count > 0)
                {
                    db.OutboxMessages.Add(new OutboxMessage($"{dedupKey}:team:{channel}", channel, RecipientKind.Team, null, null, property, kind, json, link,
                        DeliveryPriority.Urgent, now));
                }

                continue;
            }

            foreach (var user in users)
            {
                db.OutboxMessages.Add(new OutboxMessage($"{dedupKey}:{user}:{channel}", channel, user, propertyId, kind, json, link, now));
            }
        }
    }

    /// <summary>
    /// A message to one household (h-seam's per-feature mappings call this: repair accepted, technician on
    /// the way, complaint answered …). Returns false when no household channel is configured (nothing is
    /// queued). <paramref name="emergency"/> (outage, danger) goes out in quiet hours and before other sends.
    /// </summary>
    public async Task<bool> EnqueueToHouseholdAsync(Guid customerId, string dedupKey, string kind, IEnumerable<object?> args, string? link,
        CancellationToken ct, bool emergency = false, string? batch = null) =>
        await EnqueueToHouseholdsAsync([new HouseholdMessage(customerId, dedupKey, kind, [.. args], emergency, link, batch)], ct) > 0;

    /// <summary>
    /// Messages of one step to many households (a notice to a property's audience, an event's invitations): their contacts are read
    /// in one query per thousand households instead of one each. Returns how many were queued: none when no household channel is
    /// configured or the households are unknown.
    /// </summary>
    public async Task<int> EnqueueToHouseholdsAsync(IReadOnlyList<HouseholdMessage> messages, CancellationToken ct)
    {
        if (messages.Count == 0 || !channels.HouseholdMessaging)
        {
            return 0;
        }

        var contacts = await HouseholdContactsAsync([.. messages.Select(m => m.CustomerId)], ct);
        var queued = 0;
        foreach (var m in messages)
        {
            if ((contacts.GetValueOrDefault(m.CustomerId) ?? Unsaved(m.CustomerId)) is { } contact
                && EnqueueToHousehold(contact, m.DedupKey, m.Kind, m.Args, m.Link, m.Emergency ? DeliveryPriority.Urgent : DeliveryPriority.Normal, m.Batch, m.Emergency))
            {
                queued++;
            }
        }

        return queued;
    }

    /// <summary>The bulk form: the caller loaded the contacts once (<see cref="HouseholdContactsAsync"/>) for a run of households.</summary>
    public bool EnqueueToHousehold(HouseholdContact household, string dedupKey, string kind, IEnumerable<object?> args, string? link,
        DeliveryPriority priority, string? batch, bool bypassQuietHours = false)
    {
        if (!channels.HouseholdMessaging)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (channel, reason) = channels.ForHousehold(household);
        var message = new OutboxMessage($"{dedupKey}:c{household.CustomerId:N}", channel ?? NotificationChannels.None, RecipientKind.Household, null,
            household.CustomerId, household.PropertyId, kind, Serialize(args), link, priority, now, batch, bypassQuietHours || NotificationCatalog.Find(kind)?.QuietHoursExempt == true);
        if (reason is not null)
        {
            message.Skip(reason, now);
        }

        db.OutboxMessages.Add(message);
        return true;
    }

    /// <summary>
    /// An SMS to a household's own sign-in account (its number, whatever the household's preferred channel: the person asked for
    /// it on the phone in their hand). Urgent and outside quiet hours; false when SMS is not configured (nothing is queued).
    /// </summary>
    public bool EnqueueToResident(Domain.Residents.ResidentAccount account, string dedupKey, string kind, IEnumerable<object?> args)
    {
        if (!channels.IsAvailable(NotificationChannels.Sms))
        {
            return false;
        }

        db.OutboxMessages.Add(new OutboxMessage($"{dedupKey}:{NotificationChannels.Sms}", NotificationChannels.Sms, RecipientKind.Resident, account.Id.ToString(), null,
            account.PropertyId, kind, Serialize(args), null, DeliveryPriority.Urgent, time.GetUtcNow().UtcDateTime, bypassQuietHours: true));
        return true;
    }

    /// <summary>What the outbox needs to know of households: preferred channel, whether there is a number or address, opt-out.</summary>
    public async Task<IReadOnlyDictionary<Guid, HouseholdContact>> HouseholdContactsAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken ct)
    {
        var result = new Dictionary<Guid, HouseholdContact>(customerIds.Count);
        foreach (var chunk in customerIds.Distinct().Chunk(1000))
        {
            var rows = await db.Customers.AsNoTracking().Where(c => chunk.Contains(c.Id))
                .Select(c => new HouseholdContact(c.Id, c.PropertyId, c.Name, c.PreferredChannel, c.Phone != null, c.Email != null, c.MessagesOptedOut))
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                result[row.CustomerId] = row;
            }
        }

        return result;
    }

    private static string Serialize(IEnumerable<object?> args) => JsonSerializer.Serialize(args.Select(a => a?.ToString() ?? ""));

    /// <summary>Enabled users holding <paramref name="role"/> who can see the property (assigned to it, or company-wide).</summary>
    public async Task<IReadOnlyList<string>> UsersInRoleForPropertyAsync(string role, Guid propertyId, CancellationToken ct)
    {
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync(ct);
        return await (from u in db.Users
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      where ur.RoleId == roleId && !u.IsDisabled
                            && (u.AllProperties || db.UserProperties.Any(p => p.UserId == u.Id && p.PropertyId == propertyId))
                      select u.Id).ToListAsync(ct);
    }

    public Task<IReadOnlyList<string>> SupervisorsOfAsync(Guid propertyId, CancellationToken ct) =>
        UsersInRoleForPropertyAsync(Roles.Supervisor, propertyId, ct);

    public Task<IReadOnlyList<string>> ManagersOfAsync(Guid propertyId, CancellationToken ct) =>
        UsersInRoleForPropertyAsync(Roles.Manager, propertyId, ct);

    /// <summary>Enabled administrators: company-wide by role, whatever properties they are assigned.</summary>
    public async Task<IReadOnlyList<string>> AdminsAsync(CancellationToken ct)
    {
        var roleId = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).FirstOrDefaultAsync(ct);
        return await (from u in db.Users
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      where ur.RoleId == roleId && !u.IsDisabled
                      select u.Id).ToListAsync(ct);
    }

    /// <summary>The name a household message greets: the customer's (the one whose number or address it goes to).</summary>
    public async Task<string> HouseholdNameAsync(Guid customerId, CancellationToken ct) =>
        Unsaved(customerId)?.Name ?? await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";

    /// <summary>A household registered in the same change as the case that tells it (a new owner booked for a move-in): not in the database yet.</summary>
    private HouseholdContact? Unsaved(Guid customerId) =>
        db.Customers.Local.FirstOrDefault(c => c.Id == customerId && db.Entry(c).State == EntityState.Added) is { } c
            ? new HouseholdContact(c.Id, c.PropertyId, c.Name, c.PreferredChannel, c.Phone != null, c.Email != null, c.MessagesOptedOut)
            : null;

    /// <summary>The number a household is given for a member of staff (a technician, a steward): theirs on record, else the property's service centre.</summary>
    public async Task<string> StaffPhoneAsync(string? userId, Guid propertyId, CancellationToken ct) =>
        (userId is null ? null : await db.Users.Where(u => u.Id == userId).Select(u => u.PhoneNumber).FirstOrDefaultAsync(ct))
        ?? await db.Properties.Where(p => p.Id == propertyId).Select(p => p.Phone).FirstOrDefaultAsync(ct) ?? "";
}

/// <summary>One household's message of a step: who, under which key, what.</summary>
public sealed record HouseholdMessage(Guid CustomerId, string DedupKey, string Kind, IReadOnlyList<object?> Args, bool Emergency, string? Link = null, string? Batch = null);

/// <summary>A household as the outbox sees it.</summary>
public sealed record HouseholdContact(Guid CustomerId, Guid PropertyId, string Name, ContactChannel Preferred, bool HasPhone, bool HasEmail, bool OptedOut);

/// <summary>
/// The channels notifications go out on. Staff: Notifications:Channels (default the bell only), or what a
/// caller names (an escalation level's channel). Households: SMS or e-mail by their preference, when
/// configured. Names are checked at start-up (<see cref="MessagingOptionsValidator"/>).
/// </summary>
public sealed class NotificationChannels(IOptions<MessagingOptions> options)
{
    public const string InApp = "InApp";
    public const string Email = "Email";
    public const string Sms = "Sms";
    public const string WeChatWork = "WeChatWork";

    /// <summary>The channel of a household row that is not sent (skipped).</summary>
    public const string None = "None";

    public static readonly IReadOnlyList<string> Built = [InApp, Email, Sms, WeChatWork];

    private readonly MessagingOptions _options = options.Value;

    /// <summary>The default channels of staff notifications.</summary>
    public IReadOnlyList<string> Enabled => _options.StaffChannels;

    /// <summary>Whether any channel that reaches a household is configured (SMS or e-mail).</summary>
    public bool HouseholdMessaging => _options.Sms.Configured || _options.Email.Configured;

    /// <summary>Whether <paramref name="channel"/> can be used now: built and configured (for an escalation level's channel).</summary>
    public bool IsAvailable(string channel) => Built.Contains(channel, StringComparer.Ordinal) && IsConfigured(_options, channel);

    public static bool IsConfigured(MessagingOptions options, string channel) => channel switch
    {
        InApp or WeChatWork => true,
        Email => options.Email.Configured,
        Sms => options.Sms.Configured,
        _ => false,
    };

    public static string HowToConfigure(string channel) => channel switch
    {
        Email => "set Notifications:Email:Host, Port, Security, From (and UserName, Password) — see README, Notifications.",
        Sms => "set Notifications:Sms:Provider (Aliyun), AccessKeyId, AccessKeySecret, SignName and Templates — see README, Notifications.",
        _ => "see README, Notifications.",
    };

    /// <summary>
    /// The channel a household's message goes on, or why it is not sent. SMS, a phone call or WeChat
    /// preferred → SMS to their mobile (a call or a personal WeChat cannot be automated); e-mail preferred →
    /// e-mail, else SMS; letters preferred → not sent (their notice is printed). Opted out → not sent.
    /// </summary>
    public (string? Channel, string? SkipReason) ForHousehold(HouseholdContact h)
    {
        if (h.OptedOut)
        {
            return (null, DeliveryReason.OptedOut);
        }

        if (h.Preferred == ContactChannel.Letter)
        {
            return (null, DeliveryReason.PrefersLetters);
        }

        var sms = _options.Sms.Configured && h.HasPhone;
        var email = _options.Email.Configured && h.HasEmail;
        return h.Preferred == ContactChannel.Email
            ? (email ? Email : sms ? Sms : null, email || sms ? null : DeliveryReason.NoAddress)
            : (sms ? Sms : email ? Email : null, sms || email ? null : _options.Sms.Configured ? DeliveryReason.NoMobile : DeliveryReason.NoAddress);
    }
}
