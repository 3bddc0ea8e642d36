namespace PricerLib;

/// <summary>
/// Where the workbook keeps things. The project root is the folder holding <c>PricerLib.csproj</c>, found by walking
/// up from the working directory and then from the library's own location; ignored folders hang off it.
/// </summary>
public static class ProjectPaths
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    /// <summary>The checkout's root folder.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>The notebooks folder.</summary>
    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>
    /// The read-only shared material: <c>PRICER_SHARED</c> if set, else <c>../shared</c> beside the checkout.
    /// Null when neither exists.
    /// </summary>
    public static string? Shared
    {
        get
        {
            var candidate = FromEnvironment("PRICER_SHARED") ?? Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(candidate) ? candidate : null;
        }
    }

    private static string? FromEnvironment(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? Path.GetFullPath(value) : null;

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Path.GetDirectoryName(typeof(ProjectPaths).Assembly.Location) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PricerLib.csproj"))) return dir.FullName;
        }
        // Outside a checkout (e.g. an installed tool): keep outputs under the working directory.
        return Directory.GetCurrentDirectory();
    }
}
