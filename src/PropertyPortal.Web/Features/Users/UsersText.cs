namespace PropertyPortal.Web.Features.Users;

/// <summary>Marker for the Users feature's strings (UsersText.resx / UsersText.en.resx).</summary>
public sealed class UsersText;
