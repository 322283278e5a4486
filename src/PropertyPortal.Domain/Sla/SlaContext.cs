namespace PropertyPortal.Domain.Sla;

/// <summary>What a case needs to start and move its clocks: the property's policy and the business calendar.</summary>
public sealed record SlaContext(SlaPolicy Policy, BusinessCalendar Calendar)
{
    /// <summary>The property-wide ladder (milestones without a ladder of their own).</summary>
    public SlaLadder Ladder => Policy.Ladder;

    /// <summary>The ladder a new clock of <paramref name="milestone"/> copies (see <see cref="SlaPolicy.LadderFor"/>).</summary>
    public SlaLadder LadderFor(SlaMilestone milestone, Repairs.RepairUrgency? urgency = null) => Policy.LadderFor(milestone, urgency);
}

/// <summary>
/// The clocks of one case (order, callback…), loaded with it. Domain methods of the case meet,
/// pause, resume and start clocks through it; <see cref="Started"/> are the new ones. A set made by the
/// application's clock seam passes <paramref name="onStart"/>, which registers each new clock for saving
/// the moment it starts, so no caller has to remember to add them.
/// </summary>
public sealed class ClockSet(IEnumerable<SlaClock> clocks, SlaContext context, Action<SlaClock>? onStart = null)
{
    private readonly List<SlaClock> _clocks = [.. clocks];
    private readonly List<SlaClock> _started = [];

    public SlaContext Context { get; } = context;

    public IReadOnlyList<SlaClock> All => _clocks;

    public IReadOnlyList<SlaClock> Started => _started;

    public SlaClock? Open(SlaMilestone milestone) => _clocks.LastOrDefault(c => c.Milestone == milestone && c.IsOpen);

    /// <summary>
    /// Starts a clock with the ladder of its milestone; a repair order passes its <paramref name="urgency"/> (a 特急 arrival escalates differently).
    /// A clock whose ladder is not the property's to set passes its own <paramref name="ladder"/> (the calendar's).
    /// </summary>
    public SlaClock Start(Guid propertyId, SlaSubject subject, Guid subjectId, SlaMilestone milestone, string? assigneeId, SlaTarget target, DateTime startUtc,
        Repairs.RepairUrgency? urgency = null, SlaLadder? ladder = null)
    {
        var clock = new SlaClock(propertyId, subject, subjectId, milestone, assigneeId, target, startUtc, Context.Calendar, ladder ?? Context.LadderFor(milestone, urgency));
        _clocks.Add(clock);
        _started.Add(clock);
        onStart?.Invoke(clock);
        return clock;
    }

    public void Meet(SlaMilestone milestone, DateTime nowUtc) => Open(milestone)?.Meet(nowUtc);

    /// <summary>Meets every open clock of the milestone (several notices may be open at once).</summary>
    public void MeetAll(SlaMilestone milestone, DateTime nowUtc)
    {
        foreach (var c in _clocks.Where(c => c.Milestone == milestone && c.IsOpen))
        {
            c.Meet(nowUtc);
        }
    }

    public void Pause(SlaMilestone milestone, DateTime nowUtc) => Open(milestone)?.Pause(nowUtc);

    public void Resume(SlaMilestone milestone, DateTime nowUtc) => Open(milestone)?.Resume(nowUtc);

    public void Cancel(SlaMilestone milestone) => Open(milestone)?.Cancel();

    public void PauseAll(DateTime nowUtc) => _clocks.ForEach(c => c.Pause(nowUtc));

    public void ResumeAll(DateTime nowUtc) => _clocks.ForEach(c => c.Resume(nowUtc));

    public void CancelAll() => _clocks.ForEach(c => c.Cancel());

    public void Reassign(string? assigneeId, params SlaMilestone[] milestones)
    {
        foreach (var c in _clocks.Where(c => c.IsOpen && milestones.Contains(c.Milestone)))
        {
            c.Reassign(assigneeId);
        }
    }
}
