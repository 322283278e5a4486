namespace PropertyPortal.Web.Features.Settings;

/// <summary>Marker for the Settings feature's strings (SettingsText.resx / SettingsText.en.resx).</summary>
public sealed class SettingsText;
