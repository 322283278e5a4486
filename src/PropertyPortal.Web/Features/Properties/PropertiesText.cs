namespace PropertyPortal.Web.Features.Properties;

/// <summary>Marker for the Properties feature's strings (PropertiesText.resx / PropertiesText.en.resx).</summary>
public sealed class PropertiesText;
