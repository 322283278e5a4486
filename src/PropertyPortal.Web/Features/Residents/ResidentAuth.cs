using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using PropertyPortal.Domain.Residents;
using PropertyPortal.Web.Infrastructure.Identity;

namespace PropertyPortal.Web.Features.Residents;

/// <summary>
/// The household's own authentication (ADR 0025): a cookie scheme of its own, never the staff's default scheme. Staff routes
/// authenticate only the Identity cookie (the default scheme), so a household's cookie is no one there; /My authenticates only
/// this scheme, so a staff cookie is no one there.
/// </summary>
public static class ResidentAuth
{
    public const string Scheme = "Resident";
    public const string Policy = "Resident";
    public const string CookieName = ".PropertyPortal.Resident";

    /// <summary>The resident account's id; only a resident principal has it.</summary>
    public const string AccountClaim = "pp:resident";

    /// <summary>The household (customer) the account belongs to.</summary>
    public const string HouseholdClaim = "pp:household";

    public const string SignInPath = "/My/SignIn";

    public static void AddResidentSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ResidentOptions>().BindConfiguration(ResidentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(ResidentOptions.Section).Get<ResidentOptions>() ?? new ResidentOptions();
        var requireHttps = builder.RequiresHttps();
        builder.Services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/My";
            o.LoginPath = SignInPath;
            o.LogoutPath = "/My/SignOut";
            o.AccessDeniedPath = SignInPath;
            o.ExpireTimeSpan = TimeSpan.FromDays(options.CookieDays);
            o.SlidingExpiration = true;
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(AccountClaim));
        // Program.cs runs the rate limiter middleware; the invitation-code limit itself is counted in the database (ResidentSignIn).
        builder.Services.AddRateLimiter(r => r.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
    }

    /// <summary>When the cookie's sign-in happened (UTC ticks): a sign-out after it ends the session on every phone.</summary>
    public const string SignedInClaim = "pp:signedin";

    /// <summary>The principal of a signed-in household: its account, household and property (the property scope reads the last).</summary>
    public static ClaimsPrincipal Principal(ResidentAccount account) =>
        new(new ClaimsIdentity(
        [
            new Claim(SignedInClaim, (account.LastSignInAt ?? account.CreatedAt).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.NameIdentifier, "resident:" + account.Id.ToString("N")),
            new Claim(ClaimTypes.Name, "resident:" + MaskedPhone(account.Phone)),
            new Claim(PortalClaims.DisplayName, account.Name),
            new Claim(PortalClaims.Property, account.PropertyId.ToString()),
            new Claim(AccountClaim, account.Id.ToString()),
            new Claim(HouseholdClaim, account.CustomerId.ToString()),
        ], Scheme));

    public static Guid? AccountId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(AccountClaim), out var id) ? id : null;

    /// <summary>When the principal's sign-in happened; the earliest time for a cookie from before the claim existed.</summary>
    public static DateTime SignedInAt(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(SignedInClaim), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
        && ticks is > 0 and <= 3155378975999999999
            ? new DateTime(ticks, DateTimeKind.Utc)
            : DateTime.MinValue;

    /// <summary>138****8000: what logs and audit rows say of a household's number.</summary>
    public static string MaskedPhone(string phone) => phone.Length >= 7 ? phone[..3] + "****" + phone[^4..] : "****";

    /// <summary>The client's address (behind the load balancer, as ForwardedHeaders rewrote it).</summary>
    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";
}

/// <summary>Resident pages: the household's scheme and policy only.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ResidentOnlyAttribute : AuthorizeAttribute
{
    public ResidentOnlyAttribute()
    {
        Policy = ResidentAuth.Policy;
        AuthenticationSchemes = ResidentAuth.Scheme;
    }
}
