using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;

namespace PropertyPortal.IntegrationTests.StartupTasks;

/// <summary>A portal without demo data: the database a new installation starts from.</summary>
public sealed class EmptySqlitePortalFactory : SqlitePortalFactory
{
    protected override bool SeedDemo => false;
}

/// <summary>
/// `PropertyPortal.Web create-admin --user NAME` is how an installation gets its first user. It runs here
/// as the operator runs it: a separate process with the password in PORTAL_ADMIN_PASSWORD.
/// </summary>
public sealed class CreateAdminVerbTests(EmptySqlitePortalFactory factory) : IClassFixture<EmptySqlitePortalFactory>
{
    [Fact]
    public async Task Create_admin_on_an_empty_database_makes_an_administrator_who_can_sign_in()
    {
        var (exitCode, output) = await RunVerbAsync("Boss@2026x", "create-admin", "--user", "boss", "--name", "总经理");

        Assert.True(exitCode == 0, output);
        Assert.Contains("created", output);
        using var client = PortalClient.Anonymous(factory);
        var response = await client.SignInAsync("boss", "Boss@2026x");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await client.GetDocumentAsync("/");
        Assert.Contains("总经理", home.QuerySelector("#userMenu")?.TextContent);
        Assert.Contains("系统管理", home.QuerySelector("nav")?.TextContent);

        var (again, againOutput) = await RunVerbAsync("Other@2026x", "create-admin", "--user", "boss");
        Assert.True(again == 1, againOutput);
        Assert.Contains("already exists", againOutput);
    }

    [Fact]
    public async Task Create_admin_refuses_a_weak_password_and_creates_no_user()
    {
        var (exitCode, output) = await RunVerbAsync("abc", "create-admin", "--user", "weakling");

        Assert.True(exitCode == 1, output);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Null(await users.FindByNameAsync("weakling"));
    }

    private async Task<(int ExitCode, string Output)> RunVerbAsync(string password, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = RepositoryPaths.WebProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.PortalAssembly());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Portal"] = factory.ConnectionString;
        start.Environment["Seed__Demo"] = "false";
        start.Environment["Logging__FilePath"] = "";
        start.Environment["PORTAL_ADMIN_PASSWORD"] = password;

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
