namespace PropertyPortal.Web.Features.Buildings;

/// <summary>Marker for the Buildings feature's strings (BuildingsText.resx / BuildingsText.en.resx).</summary>
public sealed class BuildingsText;
