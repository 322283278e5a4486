using System.Runtime.CompilerServices;
using PropertyPortal.Domain.Common;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Sla;

/// <summary>
/// The step runner for what owns clocks without being a case — a unit in custody (its patrol clocks), the units a
/// heavy-rain order reaches: the subjects' clocks through <see cref="CaseClocks"/> (in the seam's order, started
/// clocks saved with the step), one change, one save through <see cref="Saving"/>, and a <see cref="StepResult"/>
/// the controller turns into a redirect as it does a case step's. The caller finds the subject (and answers
/// not found) first, and its change tells whom it tells through its feature's notification class; there is no
/// timeline to number, so such notices carry keys of their own.
/// </summary>
public sealed class SubjectSteps(CaseClocks caseClocks, Saving saving, TimeProvider time, ILogger<SubjectSteps> logger)
{
    /// <param name="subjectIds">The subjects whose clocks the step meets or starts (units …), all of <paramref name="propertyId"/>.</param>
    public async Task<StepResult> RunAsync(Guid propertyId, IReadOnlyCollection<Guid> subjectIds, Actor actor, Func<StepContext, Task> change, CancellationToken ct,
        [CallerMemberName] string step = "")
    {
        var context = new StepContext(await caseClocks.ForSubjectsAsync(propertyId, subjectIds, ct), actor, time.GetUtcNow().UtcDateTime);
        var saved = await saving.TryAsync(() => change(context), ct);
        if (saved.Ok)
        {
            logger.LogInformation("{Step} on {Subjects} subject(s) of property {PropertyId} by {User}", step, subjectIds.Count, propertyId, actor.Name);
        }

        return StepResult.Of(saved, null);
    }
}
