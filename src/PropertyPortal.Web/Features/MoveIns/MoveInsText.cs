namespace PropertyPortal.Web.Features.MoveIns;

/// <summary>Marker for the move-in pages' strings (MoveInsText.resx, .en.resx).</summary>
public sealed class MoveInsText;
