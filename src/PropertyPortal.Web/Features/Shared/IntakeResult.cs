using PropertyPortal.Web.Features.Sla;

namespace PropertyPortal.Web.Features.Shared;

/// <summary>A message for one field of an intake form ("" for the top of the form).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// How an intake ended: the case opened (<see cref="StepResult.CaseId"/>, <see cref="StepResult.Number"/>),
/// a form to show again with its <see cref="Errors"/>, or not found (a unit, contact or property the user may not see).
/// </summary>
public sealed record IntakeResult(StepResult Step, IReadOnlyList<FieldError> Errors)
{
    public static readonly IntakeResult NotFound = new(StepResult.NotFound, []);

    public bool Opened => Step.Done;

    public static IntakeResult Invalid(IReadOnlyList<FieldError> errors) => new(new StepResult(StepStatus.Refused), errors);

    /// <summary>A save that did not go through: a duplicate beside <paramref name="duplicateField"/>, anything else at the top.</summary>
    public static IntakeResult Of(StepResult step, string duplicateField) =>
        step.Done ? new(step, []) : new(step, [new FieldError(step.Status == StepStatus.Duplicate ? duplicateField : "", step.Message ?? "")]);
}
