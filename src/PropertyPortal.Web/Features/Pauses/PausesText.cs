namespace PropertyPortal.Web.Features.Pauses;

/// <summary>Marker for the feature's strings (PausesText.resx, PausesText.en.resx).</summary>
public sealed class PausesText;
