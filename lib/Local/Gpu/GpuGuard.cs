using System.Reflection;
using LLama.Native;

namespace PricerLib.Local.Gpu;

/// <summary>
/// Refuses a run that was asked to use CUDA but ended up on the CPU. LLamaSharp's CUDA backend can fall back to the
/// CPU without a word (natives loaded from another folder, a CUDA version it could not detect: LLamaSharp issue
/// #1370), which turns a GPU run into a silently slow one; this makes it an error that says what was found.
/// </summary>
public static class GpuGuard
{
    /// <summary>The assembly metadata key an application built with <c>-p:PricerCuda=true</c> carries (value <c>cuda12</c>).</summary>
    public const string BuildBackendKey = "PricerLlamaBackend";

    /// <summary>
    /// Why CUDA is expected, or null when nothing asked for it: a build with <c>-p:PricerCuda=true</c>,
    /// <c>PRICER_LLAMA_BACKEND=cuda12</c>, or layers offloaded (<c>--gpu-layers</c>).
    /// </summary>
    public static string? Request(LlamaSettings settings, WorkbookSettings workbook, string? buildBackend)
    {
        var reasons = new List<string>();
        if (string.Equals(buildBackend, "cuda12", StringComparison.OrdinalIgnoreCase)) reasons.Add("this build was made with -p:PricerCuda=true");
        if (workbook.LlamaBackend is { } backend && backend.StartsWith("cuda", StringComparison.OrdinalIgnoreCase))
            reasons.Add($"{WorkbookSettings.Variables.LlamaBackend}={backend}");
        if (settings.GpuLayers != 0) reasons.Add($"--gpu-layers {settings.GpuLayers}");
        return reasons.Count == 0 ? null : string.Join(", ", reasons);
    }

    /// <summary>The backend the running application was built for (<see cref="BuildBackendKey"/>), or null.</summary>
    public static string? BuildBackend() =>
        Assembly.GetEntryAssembly()?.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == BuildBackendKey)?.Value;

    /// <summary>Throws when CUDA was asked for (<paramref name="request"/> not null) and the model runs on the CPU.</summary>
    /// <param name="request">Why CUDA is expected (<see cref="Request"/>), or null.</param>
    /// <param name="devices">The ggml devices llama.cpp found.</param>
    /// <param name="gpuLayers">The layers offloaded.</param>
    /// <exception cref="LocalModelException">CUDA was asked for and no layer runs on a CUDA device.</exception>
    public static void Require(string? request, IReadOnlyList<string> devices, int gpuLayers)
    {
        if (request is null) return;
        bool cudaDevice = devices.Any(d => d.StartsWith("CUDA", StringComparison.OrdinalIgnoreCase));
        if (cudaDevice && gpuLayers != 0) return;
        var fix = cudaDevice
            ? "A CUDA device is there but no layer is offloaded: pass --gpu-layers -1."
            : "Install the NVIDIA driver and the CUDA 12 runtime, build with -p:PricerCuda=true (the LLamaSharp.Backend.Cuda12 package), and check that its libraries are the ones loaded.";
        throw new LocalModelException($"CUDA was asked for ({request}) but this run would be on the CPU. Found: {Diagnostics(devices)}. {fix}");
    }

    /// <summary>What the run found: ggml devices, the CUDA major version LLamaSharp detected, the llama.cpp libraries loaded.</summary>
    public static string Diagnostics(IReadOnlyList<string> devices)
    {
        int cuda = SystemInfo.Get().CudaMajorVersion;
        return $"devices {(devices.Count == 0 ? "none" : string.Join(", ", devices))}; " +
               $"CUDA version detected: {(cuda > 0 ? cuda.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}; " +
               $"libraries loaded: {string.Join(", ", LoadedLibraries().DefaultIfEmpty("unknown"))}";
    }

    // The llama.cpp and ggml libraries this process mapped (Linux); where they were loaded from is what goes wrong.
    private static IEnumerable<string> LoadedLibraries()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return [];
        return File.ReadLines(maps)
            .Select(line => line.IndexOf('/') is var slash and >= 0 ? line[slash..] : "")
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("libllama", StringComparison.Ordinal) || name.StartsWith("libggml", StringComparison.Ordinal)))
            .Distinct();
    }
}
