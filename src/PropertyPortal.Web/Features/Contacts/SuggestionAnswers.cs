using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Contacts;

/// <summary>
/// A suggestion a household made on its own page (a 业主自助 contact that became no case) answered by the desk: the household is
/// told the answer on its channel (<see cref="NotificationKinds.SuggestionAnswered"/>), as a complaint's reply is told. Only the
/// step to 已答复 sends — a later correction of the wording does not text the household again — and the message is queued in
/// the same save as the answer (the outbox), so an answer is never saved without its message or sent without its answer.
/// </summary>
public sealed class SuggestionAnswers(PortalDbContext db, Notifier notifier)
{
    /// <summary>
    /// What to queue when <paramref name="contact"/> is about to take <paramref name="outcome"/>: an action to run inside the save,
    /// or null when this is no household's suggestion being answered now.
    /// </summary>
    public async Task<Action?> PrepareAsync(Contact contact, ContactOutcome outcome, string? note, CancellationToken ct)
    {
        if (!contact.IsHouseholdSuggestion || contact.CustomerId is not { } customer || outcome != ContactOutcome.Answered || contact.Outcome == ContactOutcome.Answered)
        {
            return null;
        }

        if ((await notifier.HouseholdContactsAsync([customer], ct)).GetValueOrDefault(customer) is not { } household)
        {
            return null;
        }

        var unit = contact.UnitId is { } unitId
            ? await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Number).FirstOrDefaultAsync(ct)
            : null;
        var reply = string.IsNullOrWhiteSpace(note) ? "已处理" : note.Trim();

        // Keyed by the contact's version: answered, reopened and answered again is a second answer, and a second message.
        var key = $"suggestion-answer:{contact.Id:N}:v{contact.Version}";
        return () => notifier.EnqueueToHousehold(household, key, NotificationKinds.SuggestionAnswered, [household.Name, unit ?? "", reply], "/My",
            DeliveryPriority.Normal, batch: null);
    }
}
