namespace PropertyPortal.Web.Features.Units;

/// <summary>Marker for the Units feature's strings (UnitsText.resx / UnitsText.en.resx).</summary>
public sealed class UnitsText;
