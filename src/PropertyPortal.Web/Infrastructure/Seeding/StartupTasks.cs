using Microsoft.AspNetCore.Identity;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Infrastructure.Seeding;

/// <summary>What happens before the portal serves requests, and the command-line verbs.</summary>
public static class StartupTasks
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (options.MigrateOnStartup)
        {
            await app.Services.MigratePortalDatabaseAsync();
        }

        await using var scope = app.Services.CreateAsyncScope();
        await ConnectionBudget.CheckAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), options,
            scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectionBudget)), default);
        await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        await ReferenceData.EnsureAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
        await PlannerStatistics.RefreshAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), default);
        if (app.Configuration.GetValue("Seed:Demo", app.Environment.IsDevelopment()))
        {
            if (await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync())
            {
                var services = scope.ServiceProvider.GetRequiredService<Features.Services.ServiceDemoData>();
                await services.SeedResourcesAsync();
                if (app.Configuration.GetValue("Seed:DemoCases", true))
                {
                    await scope.ServiceProvider.GetRequiredService<DemoCasesSeeder>().SeedAsync();
                    await scope.ServiceProvider.GetRequiredService<DemoFeesSeeder>().SeedAsync();
                    await scope.ServiceProvider.GetRequiredService<DemoCommunitySeeder>().SeedAsync();
                    await services.SeedCasesAsync();
                }
            }
        }
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>
    /// Handles <c>migrate</c> and <c>create-admin</c>. Returns the process exit code, or null when the
    /// arguments name no verb and the portal should start.
    /// </summary>
    public static async Task<int?> RunVerbAsync(this WebApplication app, string[] args, TextReader input, TextWriter output)
    {
        // A verb is the first argument; anything after it, and any --option value, is not a verb.
        var verb = args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=') ? args[0] : null;
        switch (verb)
        {
            case null:
                return null;
            case "migrate":
                await app.Services.MigratePortalDatabaseAsync();
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
                    await ReferenceData.EnsureAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
                }

                await output.WriteLineAsync("Database is up to date.");
                return 0;
            case "create-admin":
                await app.Services.MigratePortalDatabaseAsync();
                return await CreateAdminAsync(app.Services, args, input, output);
            default:
                await output.WriteLineAsync($"Unknown command '{verb}'. Commands: migrate, create-admin --user NAME [--name DISPLAY] (password from PORTAL_ADMIN_PASSWORD or standard input).");
                return 2;
        }
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output)
    {
        var userName = Option(args, "--user") ?? "admin";
        var displayName = Option(args, "--name") ?? "系统管理员";
        var password = Environment.GetEnvironmentVariable("PORTAL_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteAsync($"Password for {userName}: ");
            password = (await input.ReadLineAsync())?.Trim();
        }

        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync("No password given.");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            await output.WriteLineAsync($"User '{userName}' already exists; nothing changed.");
            return 1;
        }

        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var user = new AppUser { UserName = userName, DisplayName = displayName, AllProperties = true, CreatedAt = now };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await output.WriteLineAsync(error.Description);
            }

            return 1;
        }

        await users.AddToRoleAsync(user, Roles.Admin);
        await output.WriteLineAsync($"Administrator '{userName}' created.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
