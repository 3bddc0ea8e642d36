using System.Reflection;
using System.Runtime.InteropServices;
using LLama.Native;

namespace PricerLib.Notebooks;

/// <summary>
/// Lets a notebook choose LLamaSharp's native backend. PricerLib references LLamaSharp's managed part only; an
/// application's build copies the natives of the backend package it references beside it, but a notebook's
/// <c>#r "nuget: LLamaSharp.Backend.Cpu, …"</c> only restores the package, so LLamaSharp would not find them.
/// <see cref="UseFromNuGetCache"/> points LLamaSharp at them, in the NuGet global packages folder.
/// </summary>
public static class LlamaBackend
{
    /// <summary>Environment variable naming the backend when the notebook names none: <c>cpu</c> (the default) or <c>cuda12</c>.</summary>
    public const string Variable = WorkbookSettings.Variables.LlamaBackend;

    private static readonly Lock Gate = new();
    private static LlamaNativeLibraries? _configured;

    /// <summary>The LLamaSharp version PricerLib is built against: a backend package must be the same version.</summary>
    public static string Version { get; } = typeof(LlamaBackend).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "LLamaSharpVersion").Value!;

    /// <summary>
    /// The NuGet global packages folder restores go to: <c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>.
    /// </summary>
    public static string PackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>
    /// Points LLamaSharp at the natives of a restored backend package, for this platform and processor. Call it after
    /// the notebook's <c>#r "nuget: LLamaSharp.Backend.…"</c> line and before the first GGUF load; calling it again with
    /// the same backend does nothing, another one throws.
    /// </summary>
    /// <param name="backend"><c>cpu</c> or <c>cuda12</c>; null: <see cref="Variable"/>, else <c>cpu</c>.</param>
    /// <returns>The libraries LLamaSharp will load; null when the application ships its own beside it, which then win.</returns>
    /// <exception cref="DirectoryNotFoundException">The package is not restored, or lacks this platform's build.</exception>
    /// <exception cref="InvalidOperationException">Other natives are already chosen or loaded: restart the kernel first.</exception>
    public static LlamaNativeLibraries? UseFromNuGetCache(string? backend = null)
    {
        var platform = LlamaPlatform.Current;
        if (LlamaNativeLocator.IsBesideApplication(AppContext.BaseDirectory, platform)) return null;
        backend ??= WorkbookSettings.Current.LlamaBackend ?? "cpu";
        var wanted = LlamaNativeLocator.Locate(PackagesFolder, backend, Version, platform);
        lock (Gate)
        {
            if (_configured?.Llama == wanted.Llama) return _configured;
            // LLamaSharp reads its configuration once, when it first loads; and a second backend's ggml libraries
            // would load beside the first one's instead of replacing them.
            if (_configured is not null || NativeLibraryConfig.LLama.LibraryHasLoaded || NativeLibraryConfig.Mtmd.LibraryHasLoaded)
                throw new InvalidOperationException(
                    $"LLamaSharp's native libraries are already chosen ({_configured?.Package ?? "loaded"}), so {wanted.Package} " +
                    $"cannot be used now: restart the kernel and call {nameof(LlamaBackend)}.{nameof(UseFromNuGetCache)} " +
                    "before the first GGUF load.");
            // ggml-base first, so that ggml-cpu (from the CPU package: GPU packages ship none) binds to it, not to a second copy.
            foreach (var dependency in wanted.Dependencies)
                NativeLibrary.Load(dependency);
            NativeLibraryConfig.All.WithLibrary(wanted.Llama, wanted.Mtmd);
            return _configured = wanted;
        }
    }
}
