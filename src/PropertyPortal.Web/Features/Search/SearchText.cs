namespace PropertyPortal.Web.Features.Search;

/// <summary>Marker for Features/Search/SearchText.resx.</summary>
public sealed class SearchText;
