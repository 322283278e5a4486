namespace PropertyPortal.Web.Features.Reports;

/// <summary>Marker for the report pages' strings (ReportsText.resx, .en.resx).</summary>
public sealed class ReportsText;
