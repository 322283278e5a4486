using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Infrastructure.Identity;

public static class IdentitySetup
{
    /// <summary>
    /// Https:Required (default: on in Production) — secure-only cookies, HSTS and redirect to HTTPS.
    /// Behind a TLS-terminating load balancer keep it on and set ReverseProxy:Enabled; turn it off only
    /// for a plain-HTTP trial (e.g. docker-compose on localhost).
    /// </summary>
    public static bool RequiresHttps(this WebApplicationBuilder builder) =>
        builder.Configuration.GetValue("Https:Required", builder.Environment.IsProduction());

    public static void AddPortalIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddDefaultTokenProviders();

        // A disabled user or a changed property assignment takes effect within this interval.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        var requireHttps = builder.RequiresHttps();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = ".PropertyPortal.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
        });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administration, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.RegistryStructure, p => p.RequireRole(Roles.Admin, Roles.Manager))
            .AddPolicy(Policies.HouseholdWrite, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.Supervisor, Roles.FrontDesk, Roles.Steward))
            .AddPolicy(Policies.AuditRead, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.Supervisor))
            .AddPolicy(Policies.CaseIntake, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.Supervisor, Roles.FrontDesk, Roles.Steward))
            .AddPolicy(Policies.RepairWork, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.Supervisor, Roles.FrontDesk, Roles.Steward, Roles.Technician))
            .AddPolicy(Policies.Supervision, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.Supervisor))
            .AddPolicy(Policies.FeesRead, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.Supervisor, Roles.FrontDesk, Roles.Steward))
            .AddPolicy(Policies.Cashier, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.Supervisor, Roles.FrontDesk))
            .AddPolicy(Policies.RenovationEngineering, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.Supervisor, Roles.Technician))
            .AddPolicy(Policies.Billing, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.Supervisor))
            .AddPolicy(Policies.PauseApproval, p => p.RequireRole(Roles.Manager, Roles.Supervisor))
            .AddPolicy(Policies.Events, p => p.RequireRole(Roles.Admin, Roles.GeneralManager, Roles.Manager, Roles.Supervisor, Roles.FrontDesk, Roles.Steward))
            .AddPolicy(Policies.EventReview, p => p.RequireRole(Roles.Manager, Roles.Supervisor))
            .AddPolicy(Policies.EventDecision, p => p.RequireRole(Roles.GeneralManager, Roles.Manager))
            .AddPolicy(Policies.NoticeApproval, p => p.RequireRole(Roles.Manager, Roles.Supervisor))
            .AddPolicy(Policies.ReportCountersign, p => p.RequireRole(Roles.Manager));
    }
}
