namespace PropertyPortal.IntegrationTests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The folder holding PropertyPortal.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "src", "PropertyPortal.Web");

    /// <summary>The portal's own build output, to run as a process (the test folder holds a copy, but the portal's folder has its runtime config for sure).</summary>
    public static string PortalAssembly()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "PropertyPortal.Web.dll");
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "PropertyPortal.Web.runtimeconfig.json")))
        {
            return local;
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var built = Path.Combine(WebProject, "bin", configuration, "net10.0", "PropertyPortal.Web.dll");
        Assert.True(File.Exists(built), "Build the portal first: " + built);
        return built;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PropertyPortal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PropertyPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
