namespace PricerLib.Notebooks;

/// <summary>
/// Finds LLamaSharp's native libraries: beside an application, where its build copied them, or in a backend package
/// in a NuGet global packages folder, where a notebook's <c>#r "nuget: …"</c> restored them (packages keep them under
/// <c>LLamaSharpRuntimes/&lt;rid&gt;/native/&lt;build&gt;/</c>).
/// </summary>
public static class LlamaNativeLocator
{
    /// <summary>The CPU backend's package, which every other backend also brings.</summary>
    public const string CpuPackage = "LLamaSharp.Backend.Cpu";

    /// <summary>The CUDA 12 backend's package, as a project or notebook references it.</summary>
    public const string Cuda12Package = "LLamaSharp.Backend.Cuda12";

    /// <summary>The backend names <see cref="Locate"/> takes.</summary>
    public static IReadOnlyList<string> Backends { get; } = ["cpu", "cuda12"];

    /// <summary>
    /// True when the application folder holds a llama library for the platform, as an application's build puts it
    /// there (<c>runtimes/&lt;rid&gt;/native/…</c>) or as one copied by hand (the folder itself).
    /// </summary>
    public static bool IsBesideApplication(string applicationFolder, LlamaPlatform platform)
    {
        var llama = platform.FileName("llama");
        var runtimes = Path.Combine(applicationFolder, "runtimes", platform.Rid, "native");
        return File.Exists(Path.Combine(applicationFolder, llama))
            || (Directory.Exists(runtimes) && Directory.EnumerateFiles(runtimes, llama, SearchOption.AllDirectories).Any());
    }

    /// <summary>The native libraries of a backend (<c>cpu</c> or <c>cuda12</c>) for the platform, in a NuGet packages folder.</summary>
    /// <exception cref="ArgumentException">The backend is not one of <see cref="Backends"/>.</exception>
    /// <exception cref="PlatformNotSupportedException">The backend has no build for the platform's runtime.</exception>
    /// <exception cref="DirectoryNotFoundException">The package is not restored, or lacks the platform's build.</exception>
    public static LlamaNativeLibraries Locate(string packagesFolder, string backend, string version, LlamaPlatform platform)
    {
        var (package, folder) = backend.ToLowerInvariant() switch
        {
            "cpu" => NativeFolder(packagesFolder, CpuPackage, CpuPackage, version, platform, platform.CpuBuild),
            "cuda12" => NativeFolder(packagesFolder, Cuda12Package, Cuda12FilesPackage(platform), version, platform, "cuda12"),
            _ => throw new ArgumentException($"Unknown LLamaSharp backend '{backend}': use {string.Join(" or ", Backends)}.", nameof(backend)),
        };
        var (_, cpuFolder) = NativeFolder(packagesFolder, CpuPackage, CpuPackage, version, platform, platform.CpuBuild);
        return new LlamaNativeLibraries(
            package,
            Path.Combine(folder, platform.FileName("llama")),
            Path.Combine(folder, platform.FileName("mtmd")),
            [Path.Combine(folder, platform.FileName("ggml-base")), Path.Combine(cpuFolder, platform.FileName("ggml-cpu"))]);
    }

    // The CUDA package is a shell: its files come in one package per operating system.
    private static string Cuda12FilesPackage(LlamaPlatform platform) => platform.Rid switch
    {
        "linux-x64" => Cuda12Package + ".Linux",
        "win-x64" => Cuda12Package + ".Windows",
        _ => throw new PlatformNotSupportedException($"LLamaSharp's CUDA 12 backend has builds for linux-x64 and win-x64 only, not {platform.Rid}."),
    };

    private static (string Package, string Folder) NativeFolder(
        string packagesFolder, string referenced, string package, string version, LlamaPlatform platform, string? build)
    {
        // The global packages folder lays packages out as lower-case id / normalized version.
        var packageFolder = Path.Combine(packagesFolder, package.ToLowerInvariant(), version.ToLowerInvariant());
        if (!Directory.Exists(packageFolder))
            throw new DirectoryNotFoundException(
                $"{package} {version} is not in the NuGet packages folder {packagesFolder}: restore it first, " +
                $"e.g. with #r \"nuget: {referenced}, {version}\" in the notebook.");
        var runtime = build is null ? platform.Rid : $"{platform.Rid}/{build}";
        var native = Path.Combine(packageFolder, "LLamaSharpRuntimes", platform.Rid, "native");
        var folder = build is null ? native : Path.Combine(native, build);
        if (!File.Exists(Path.Combine(folder, platform.FileName("llama"))))
            throw new DirectoryNotFoundException($"{package} {version} has no {runtime} build (looked in {folder}).");
        return ($"{package} {version} ({runtime})", folder);
    }
}
