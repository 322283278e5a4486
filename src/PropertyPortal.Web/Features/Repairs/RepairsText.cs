namespace PropertyPortal.Web.Features.Repairs;

/// <summary>Marker for the feature's strings (RepairsText.resx, RepairsText.en.resx).</summary>
public sealed class RepairsText;
