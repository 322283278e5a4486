namespace PropertyPortal.Web.Features.Fees;

/// <summary>Marker for the counter visit's and the reprinted bill's strings (CounterText.resx, .en.resx).</summary>
public sealed class CounterText;
