using System.Reflection;
using System.Runtime.InteropServices;

namespace PricerLib.Classical;

/// <summary>
/// Finds ML.NET's native trainers (FastTree's <c>FastTreeNative</c>, LightGBM's <c>lib_lightgbm</c>) and ONNX Runtime's
/// <c>onnxruntime</c> (the sentence embedder) where a notebook
/// host does not look: a notebook <c>#r</c>s PricerLib.dll without its deps.json, so .NET never probes the
/// <c>runtimes/RID/native/</c> folder beside it. Tries the normal probing first.
/// </summary>
internal static class MlNetNatives
{
    private static readonly string[] Names = ["FastTreeNative", "lib_lightgbm", "onnxruntime"];
    private static int registered;

    /// <summary>Registers the fallback once per process.</summary>
    public static void Ensure()
    {
        if (Interlocked.Exchange(ref registered, 1) != 0) return;
        // The trainers' own assemblies hold the DllImports (this one too, for LightGbmNative); whatever load context the host put them in, their resolver applies.
        foreach (var assembly in new[] { typeof(Microsoft.ML.Trainers.FastTree.FastTreeRegressionTrainer).Assembly, typeof(Microsoft.ML.Trainers.LightGbm.LightGbmRegressionTrainer).Assembly,
                     typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly, typeof(MlNetNatives).Assembly })
        {
            try
            {
                NativeLibrary.SetDllImportResolver(assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // The host already set one; its probing stands.
            }
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (NativeLibrary.TryLoad(name, assembly, searchPath, out var found)) return found;
        var bare = Names.FirstOrDefault(n => name.Contains(n, StringComparison.Ordinal));
        var here = Path.GetDirectoryName(typeof(MlNetNatives).Assembly.Location);
        if (bare is null || string.IsNullOrEmpty(here)) return IntPtr.Zero;
        var folder = Path.Combine(here, "runtimes", RuntimeId(), "native");
        foreach (var file in new[] { $"lib{bare}.so", $"{bare}.so", $"lib{bare}.dylib", $"{bare}.dylib", $"{bare}.dll" })
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle)) return handle;
        }
        return IntPtr.Zero;
    }

    private static string RuntimeId()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        return $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
    }
}
