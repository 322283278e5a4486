namespace PropertyPortal.Web.Features.Services;

/// <summary>Marker for the feature's strings (ServicesText.resx, ServicesText.en.resx).</summary>
public sealed class ServicesText;
