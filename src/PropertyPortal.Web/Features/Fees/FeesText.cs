namespace PropertyPortal.Web.Features.Fees;

/// <summary>Marker for the fee pages' strings (FeesText.resx, .en.resx).</summary>
public sealed class FeesText;
