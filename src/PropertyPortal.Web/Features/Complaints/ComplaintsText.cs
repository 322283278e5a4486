namespace PropertyPortal.Web.Features.Complaints;

/// <summary>Marker for the complaint pages' strings (ComplaintsText.resx, .en.resx).</summary>
public sealed class ComplaintsText;
