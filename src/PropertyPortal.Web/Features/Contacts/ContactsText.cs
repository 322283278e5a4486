namespace PropertyPortal.Web.Features.Contacts;

/// <summary>Marker for ContactsText.resx: the strings of the front-desk contact log.</summary>
public sealed class ContactsText;
