using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Web.Features.Sla;

namespace PropertyPortal.Web.Features.MoveOuts;

/// <summary>
/// Who is told what by the move-out feature — the one place it decides it: no one. A move-out is opened and
/// completed at the counter with the household there (a supervisor's override is given in person); one not done
/// within the property's minutes is told by its clock (the sweep tells the clerk who opened it, then the ladder).
/// </summary>
public sealed class MoveOutNotifications : ICaseNotifications<MoveOut>
{
    public Task<IReadOnlyList<Notice>> ForAsync(MoveOut moveOut, IReadOnlyList<CaseEvent> fresh, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Notice>>([]);
}
