namespace PropertyPortal.Web.Features.Board;

/// <summary>Marker for the feature's strings (BoardText.resx, BoardText.en.resx).</summary>
public sealed class BoardText;
