namespace PropertyPortal.Web.Features.Events;

/// <summary>Marker for the feature's strings (EventsText.resx, EventsText.en.resx).</summary>
public sealed class EventsText;
