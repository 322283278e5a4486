namespace PropertyPortal.UnitTests.TestSupport;

public static class RepositoryPaths
{
    /// <summary>The folder holding PropertyPortal.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string Web => Path.Combine(Root, "src", "PropertyPortal.Web");

    public static string Domain => Path.Combine(Root, "src", "PropertyPortal.Domain");

    /// <summary>Source files of a project folder, without build output.</summary>
    public static IEnumerable<string> SourceFiles(string folder, params string[] extensions) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f => !Relative(folder, f).Split('/', '\\').Any(part => part is "bin" or "obj"));

    public static string Relative(string folder, string file) => Path.GetRelativePath(folder, file).Replace('\\', '/');

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
