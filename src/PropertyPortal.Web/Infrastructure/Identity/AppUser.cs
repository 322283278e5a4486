using Microsoft.AspNetCore.Identity;

namespace PropertyPortal.Web.Infrastructure.Identity;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled user cannot sign in; existing sessions end at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Company-wide: sees every property (Admin always does).</summary>
    public bool AllProperties { get; set; }

    public DateTime CreatedAt { get; set; }
}
