namespace PropertyPortal.Web.Features.Import;

/// <summary>Marker for the import feature's strings (ImportText.resx, ImportText.en.resx).</summary>
public sealed class ImportText;
