namespace PropertyPortal.Web.Features.Callbacks;

/// <summary>Marker for the feature's strings (CallbacksText.resx, CallbacksText.en.resx).</summary>
public sealed class CallbacksText;
