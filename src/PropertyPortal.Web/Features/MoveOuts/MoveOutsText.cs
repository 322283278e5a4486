namespace PropertyPortal.Web.Features.MoveOuts;

/// <summary>Marker for the move-out pages' strings (MoveOutsText.resx, .en.resx).</summary>
public sealed class MoveOutsText;
