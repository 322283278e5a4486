namespace PropertyPortal.IntegrationTests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The folder holding PropertyPortal.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "src", "PropertyPortal.Web");

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
