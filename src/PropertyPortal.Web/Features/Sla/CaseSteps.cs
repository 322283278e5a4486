using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Sla;

/// <summary>A step on an existing case as the user posted it: which case, the version their page showed, who, and what their form got wrong.</summary>
public sealed record StepRequest(Guid Id, int Version, Actor Actor, string? InputErrors = null)
{
    /// <summary>The request with one more thing wrong with its input (a use case's own check of the form).</summary>
    public StepRequest WithError(string error) => this with { InputErrors = InputErrors is { } other ? other + "；" + error : error };
}

/// <summary>What a domain method of the step works with: the case's clocks (through the seam), who, and now.</summary>
public sealed record StepContext(ClockSet Clocks, Actor By, DateTime Now);

public enum StepStatus
{
    Done,
    NotFound,
    Forbidden,

    /// <summary>A broken business rule or a bad form: <see cref="StepResult.Message"/> says which.</summary>
    Refused,

    /// <summary>Someone else changed the case since the user's page was shown.</summary>
    Conflict,

    /// <summary>A unique index said no (after the number retries, for an intake).</summary>
    Duplicate,
}

/// <summary>How a case step ended: for the controller's redirect and message (the case's id and number when known).</summary>
public sealed record StepResult(StepStatus Status, string? Message = null, Guid? CaseId = null, string? Number = null)
{
    public static readonly StepResult NotFound = new(StepStatus.NotFound);
    public static readonly StepResult Forbidden = new(StepStatus.Forbidden);

    public bool Done => Status == StepStatus.Done;

    public static StepResult Refused(string message, ICase? c = null) => new(StepStatus.Refused, message, c?.Id, c?.Number);

    public static StepResult Of(SaveResult saved, ICase? c) => saved.Status switch
    {
        SaveStatus.Saved => new(StepStatus.Done, null, c?.Id, c?.Number),
        SaveStatus.Conflict => new(StepStatus.Conflict, saved.Message, c?.Id, c?.Number),
        SaveStatus.Duplicate => new(StepStatus.Duplicate, saved.Message, c?.Id, c?.Number),
        _ => new(StepStatus.Refused, saved.Message, c?.Id, c?.Number),
    };
}

/// <summary>
/// One outbox notification caused by one new timeline event: the resource kind (<c>Notify.{Kind}</c>), its
/// arguments, the page it links to and who is told. The runner derives the dedup key from the case, the
/// event's position on the timeline and the kind (the <see cref="Notifier"/> adds recipient and channel).
/// </summary>
public sealed record Notice(CaseEvent Event, string Kind, IReadOnlyList<object?> Args, string? Link, IReadOnlyCollection<string?> Recipients)
{
    /// <summary>The household (customer) told on its preferred channel instead of staff; see <see cref="ToHousehold"/>.</summary>
    public Guid? Household { get; init; }

    /// <summary>A household message that may not wait for the end of quiet hours (an emergency repair).</summary>
    public bool Emergency { get; init; }

    /// <summary>
    /// A message to the case's household (SMS or e-mail as it prefers, <see cref="Notifier.EnqueueToHousehold"/>): no link, since a
    /// household cannot open the portal's pages. Opted out, prefers letters or no number: the outbox keeps a skipped row saying why.
    /// </summary>
    public static Notice ToHousehold(CaseEvent e, string kind, Guid customerId, IReadOnlyList<object?> args, bool emergency = false) =>
        new(e, kind, args, null, []) { Household = customerId, Emergency = emergency };
}

/// <summary>
/// A feature's one place that decides who is told what: the new events of a step of its case → notices.
/// It reads the case as the step left it and may look people up (supervisors, managers of the property).
/// </summary>
public interface ICaseNotifications<in TCase> where TCase : ICase
{
    Task<IReadOnlyList<Notice>> ForAsync(TCase c, IReadOnlyList<CaseEvent> fresh, CancellationToken ct);
}

/// <summary>
/// Runs one step of a case, the same way for every case kind: load the case (tracked, with its timeline),
/// refuse what the caller may not do, expect the version the user's page showed, load its clocks through
/// <see cref="CaseClocks"/>, call the domain, map the timeline events the step added to notifications through
/// the feature's <see cref="ICaseNotifications{TCase}"/>, and save once (<see cref="Saving"/>) — the change,
/// its started clocks and its outbox rows in one transaction.
/// </summary>
public sealed class CaseSteps<TCase>(
    PortalDbContext db, CaseClocks caseClocks, ICaseNotifications<TCase> notifications, Notifier notifier, Saving saving, TimeProvider time,
    ILogger<CaseSteps<TCase>> logger)
    where TCase : Entity, ICase
{
    /// <summary>The EF navigation every case keeps its timeline in (a model test holds every case kind to it).</summary>
    public const string EventsNavigation = "Events";

    /// <inheritdoc cref="RunAsync(StepRequest, Func{TCase, StepContext, Task}, CancellationToken, Func{TCase, bool}?, Func{IQueryable{TCase}, IQueryable{TCase}}?, string)"/>
    public Task<StepResult> RunAsync(StepRequest request, Action<TCase, StepContext> change, CancellationToken ct, Func<TCase, bool>? allowed = null,
        Func<IQueryable<TCase>, IQueryable<TCase>>? load = null, [CallerMemberName] string step = "") =>
        RunAsync(request, (c, s) =>
        {
            change(c, s);
            return Task.CompletedTask;
        }, ct, allowed, load, step);

    /// <summary>Runs <paramref name="change"/> (one domain method, and what it adds) on the case <see cref="StepRequest.Id"/>.</summary>
    /// <param name="allowed">False: the caller may not do this to this case (403). Checked after the case is found, before the form's errors.</param>
    /// <param name="load">More of the case to load with it (its passes, its checklist …).</param>
    public async Task<StepResult> RunAsync(StepRequest request, Func<TCase, StepContext, Task> change, CancellationToken ct, Func<TCase, bool>? allowed = null,
        Func<IQueryable<TCase>, IQueryable<TCase>>? load = null, [CallerMemberName] string step = "")
    {
        var query = db.Set<TCase>().Include(EventsNavigation);
        var c = await (load is null ? query : load(query)).FirstOrDefaultAsync(x => x.Id == request.Id, ct);
        if (c is null)
        {
            return StepResult.NotFound;
        }

        if (allowed is not null && !allowed(c))
        {
            return StepResult.Forbidden;
        }

        if (request.InputErrors is { } errors)
        {
            return StepResult.Refused(errors, c);
        }

        db.Entry(c).Property(nameof(Entity.Version)).OriginalValue = request.Version;
        var context = new StepContext(await caseClocks.ForCaseAsync(c, ct), request.Actor, Now);
        var known = c.Timeline.Count;
        var saved = await saving.TryAsync(async () =>
        {
            await change(c, context);
            await NotifyAsync(c, known, ct);
        }, ct);
        if (saved.Ok)
        {
            logger.LogInformation("{CaseKind} {Number}: {Step} by {User}", typeof(TCase).Name, c.Number, step, request.Actor.Name);
        }

        return StepResult.Of(saved, c);
    }

    /// <summary>
    /// Opens a new case under the next free number of its property (drawn again when another desk took it at
    /// the same moment, <see cref="Saving.TryNumberedAsync"/>): <paramref name="open"/> makes the case (the
    /// runner adds it) with clocks that save themselves; its first events are mapped to notifications as any step's.
    /// </summary>
    public async Task<StepResult> OpenAsync(Guid propertyId, Actor actor, Func<Task<string>> nextNumber, Func<string, StepContext, Task<TCase>> open,
        CancellationToken ct, Func<Task>? beforeRetry = null)
    {
        var sla = await caseClocks.ContextForAsync(propertyId, ct);
        var now = Now;
        TCase? opened = null;
        var saved = await saving.TryNumberedAsync(nextNumber, async number =>
        {
            opened = await open(number, new StepContext(caseClocks.ForNewCase(sla), actor, now));
            db.Set<TCase>().Add(opened);
            await NotifyAsync(opened, 0, ct);
        }, ct, beforeRetry);
        if (saved.Ok)
        {
            logger.LogInformation("{CaseKind} {Number} ({CaseId}) opened by {User}", typeof(TCase).Name, opened!.Number, opened.Id, actor.Name);
        }

        return StepResult.Of(saved, saved.Ok ? opened : null);
    }

    /// <summary>
    /// <see cref="RunAsync(StepRequest, Func{TCase, StepContext, Task}, CancellationToken, Func{TCase, bool}?, Func{IQueryable{TCase}, IQueryable{TCase}}?, string)"/>
    /// for a step that opens numbered cases of its own (a move-in's inspection opens a repair order per defect):
    /// <paramref name="change"/> draws their numbers. A number another desk drew at the same moment fails the save
    /// on its unique index; the whole step then runs again on the case loaded afresh, up to <see cref="Saving.NumberAttempts"/> times.
    /// </summary>
    public async Task<StepResult> RunNumberedAsync(StepRequest request, Func<TCase, StepContext, Task> change, CancellationToken ct, Func<TCase, bool>? allowed = null,
        Func<IQueryable<TCase>, IQueryable<TCase>>? load = null, [CallerMemberName] string step = "")
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = await RunAsync(request, change, ct, allowed, load, step);
            if (result.Status != StepStatus.Duplicate || attempt == Saving.NumberAttempts - 1)
            {
                return result;
            }

            // Desks that clashed draw again at slightly different moments, as Saving.TryNumberedAsync does.
            await Task.Delay(Random.Shared.Next(5, 25) * (attempt + 1), ct);
        }
    }

    /// <summary>The outbox key of a notice: the case, the event's position on its timeline and the kind (recipient and channel follow).</summary>
    public static string DedupKey(ICase c, int position, string kind) =>
        $"{typeof(TCase).Name.ToLowerInvariant()}:{c.Id:N}:{position}:{kind}";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task NotifyAsync(TCase c, int known, CancellationToken ct)
    {
        var timeline = c.Timeline;
        if (timeline.Count <= known)
        {
            return;
        }

        var households = new List<HouseholdMessage>();
        foreach (var notice in await notifications.ForAsync(c, [.. timeline.Skip(known)], ct))
        {
            var position = Position(timeline, notice.Event);
            if (notice.Household is { } household)
            {
                households.Add(new HouseholdMessage(household, DedupKey(c, position, notice.Kind), notice.Kind, notice.Args, notice.Emergency));
                continue;
            }

            notifier.Enqueue(DedupKey(c, position, notice.Kind), notice.Kind, notice.Args, notice.Link, c.PropertyId, notice.Recipients);
        }

        // A step may tell one household (a repair's) or a whole audience (a notice's): their contacts are read together.
        await notifier.EnqueueToHouseholdsAsync(households, ct);
    }

    private static int Position(IReadOnlyList<CaseEvent> timeline, CaseEvent e)
    {
        for (var i = timeline.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(timeline[i], e))
            {
                return i;
            }
        }

        throw new InvalidOperationException("A notice must name an event of the case's timeline.");
    }
}
