using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace PricerLib.Notebooks;

/// <summary>The platform as LLamaSharp's backend packages name their native folders and files.</summary>
/// <param name="Rid">The runtime folder, e.g. <c>linux-x64</c>.</param>
/// <param name="CpuBuild">
/// The CPU build that suits this processor where a package ships several (<c>avx512</c>, <c>avx2</c>, <c>avx</c>,
/// <c>noavx</c> on x64 Linux and Windows; <c>rosetta2</c> on osx-x64 without AVX); null where it ships one.
/// </param>
/// <param name="LibraryPrefix">The file name prefix of a native library (<c>lib</c>, none on Windows).</param>
/// <param name="LibraryExtension">The file extension of a native library (<c>.so</c>, <c>.dll</c>, <c>.dylib</c>).</param>
public sealed record LlamaPlatform(string Rid, string? CpuBuild, string LibraryPrefix, string LibraryExtension)
{
    /// <summary>The platform this process runs on.</summary>
    public static LlamaPlatform Current { get; } = Detect();

    /// <summary>The file name of a native library, e.g. <c>llama</c> → <c>libllama.so</c>.</summary>
    public string FileName(string library) => LibraryPrefix + library + LibraryExtension;

    private static LlamaPlatform Detect()
    {
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            var other => throw new PlatformNotSupportedException($"LLamaSharp ships no native libraries for {other} processes."),
        };
        bool x64 = arch == "x64";
        if (OperatingSystem.IsWindows())
            return new($"win-{arch}", x64 ? X64Build() : null, "", ".dll");
        if (OperatingSystem.IsMacOS())
            return new($"osx-{arch}", x64 && !Avx.IsSupported ? "rosetta2" : null, "lib", ".dylib");
        if (OperatingSystem.IsLinux())
        {
            var libc = RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.OrdinalIgnoreCase) ? "linux-musl" : "linux";
            return new($"{libc}-{arch}", x64 ? X64Build() : null, "lib", ".so");
        }
        throw new PlatformNotSupportedException($"LLamaSharp ships no native libraries for {RuntimeInformation.OSDescription}.");
    }

    // LLamaSharp's own test when it picks a build: its avx512 build also needs AVX-512 BW, VBMI and VNNI.
    private static string X64Build() =>
        Avx512F.IsSupported && Avx512BW.IsSupported && Avx512Vbmi.IsSupported && HasAvx512Vnni() ? "avx512"
        : Avx2.IsSupported ? "avx2"
        : Avx.IsSupported ? "avx"
        : "noavx";

    // CPUID leaf 7, ECX bit 11: .NET has no IsSupported flag for AVX-512 VNNI.
    private static bool HasAvx512Vnni() => (X86Base.CpuId(7, 0).Ecx & (1 << 11)) != 0;
}
