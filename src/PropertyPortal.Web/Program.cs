using PropertyPortal.Web.Features;
using PropertyPortal.Web.Features.Residents;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using PropertyPortal.Web.Infrastructure.DataProtection;
using PropertyPortal.Web.Infrastructure.Health;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Jobs;
using PropertyPortal.Web.Infrastructure.Localization;
using PropertyPortal.Web.Infrastructure.Logging;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;
using PropertyPortal.Web.Resources;

LocalizationSetup.UseChineseByDefault();
var builder = WebApplication.CreateBuilder(args);
builder.AddPortalLogging();
var database = builder.AddPortalPersistence();
builder.AddPortalIdentity();
builder.AddResidentSignIn();
builder.AddPortalLocalization();
builder.AddPortalDataProtection();
builder.AddPortalJobs(database);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddPortalValidators();
builder.Services.AddPortalHealth();
builder.Services.AddPortalFeatures();
builder.Services.AddPortalIdempotency(builder.Configuration);
builder.Services.AddScoped<DemoSeeder>();
builder.Services.AddScoped<DemoCasesSeeder>();
builder.Services.AddScoped<PropertyPortal.Web.Features.Services.ServiceDemoData>();
builder.Services.AddScoped<DemoFeesSeeder>();
builder.Services.AddScoped<DemoCommunitySeeder>();
builder.Services
    .AddControllersWithViews(o =>
    {
        o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
        o.Filters.Add<ValidatorActionFilter>();
        o.Filters.Add<ScopeViolationFilter>();

        // Required-ness is FluentValidation's job (with Chinese messages); MVC's implicit [Required]
        // on non-nullable properties would add a second, English-only message.
        o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
    })
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
    .AddRazorOptions(o => o.ViewLocationExpanders.Insert(0, new FeatureViewLocationExpander()));
var requireHttps = builder.RequiresHttps();
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = ".PropertyPortal.Antiforgery";
    o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
});
builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

// Pages, CSS and JS compressed for the wire (a home page of 30 KB is about 6 KB), at the fastest level: on a 2-core server
// the CPU matters more than the last few per cent. Also over HTTPS: every form's antiforgery token is encrypted afresh for
// each response, so a compressed page holds no secret that repeats across responses (the BREACH condition). ADR 0027.
builder.Services.AddResponseCompression(o =>
{
    o.EnableForHttps = true;
    o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
    o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
});
builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    // Behind the load balancer (docs/deploy-postgres.md): trust its X-Forwarded-* headers.
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    o.KnownIPNetworks.Clear();
    o.KnownProxies.Clear();
});

var app = builder.Build();

if (await app.RunVerbAsync(args, Console.In, Console.Out) is { } exitCode)
{
    return exitCode;
}

await app.PrepareDatabaseAsync();

if (app.Configuration.GetValue("ReverseProxy:Enabled", false))
{
    app.UseForwardedHeaders();
}

app.UseMiddleware<RequestLoggingMiddleware>();
app.UseResponseCompression();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/Home/Error",

        // A database briefly unreachable or full (after the retries) answers 503 "please retry", not 500.
        StatusCodeSelector = ex => TransientFailures.IsTransient(ex) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
    });
}

if (requireHttps)
{
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseStatusCodePagesWithReExecute("/Home/Status/{0}");
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseStaticFiles();
app.UseRequestLocalization();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapPortalHealth();
app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
await app.RunAsync();
return 0;

/// <summary>Entry point; public so the integration tests' WebApplicationFactory can host it.</summary>
public partial class Program;
