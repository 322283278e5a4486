namespace PropertyPortal.Web.Resources;

/// <summary>
/// Marker for the portal-wide strings: Resources/SharedResource.resx is the neutral (zh-CN) text,
/// SharedResource.en.resx the English. Feature folders keep their own *Text.resx beside their views.
/// </summary>
public sealed class SharedResource;
