namespace PropertyPortal.Web.Features.Renovations;

/// <summary>Marker for the renovation pages' strings (RenovationsText.resx, .en.resx).</summary>
public sealed class RenovationsText;
