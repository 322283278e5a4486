namespace PropertyPortal.Web.Features.Visits;

/// <summary>Marker for the feature's strings (VisitsText.resx, VisitsText.en.resx).</summary>
public sealed class VisitsText;
