using PricerLib.Notebooks;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Notebooks;

/// <summary>Which folder of a backend package is picked, on a fake NuGet packages folder laid out like the real one.</summary>
public sealed class LlamaNativeLocatorTests : IDisposable
{
    private const string Version = "0.30.0";
    private static readonly LlamaPlatform LinuxAvx2 = new("linux-x64", "avx2", "lib", ".so");

    private readonly TempDir _packages = new();

    public LlamaNativeLocatorTests()
    {
        foreach (var build in new[] { "noavx", "avx", "avx2", "avx512" })
            AddNatives("llamasharp.backend.cpu", "linux-x64", build);
        AddNatives("llamasharp.backend.cpu", "linux-arm64", null);
    }

    public void Dispose() => _packages.Dispose();

    [Fact]
    public void Cpu_takes_the_processors_build_of_the_cpu_package()
    {
        var natives = LlamaNativeLocator.Locate(_packages.Path, "cpu", Version, LinuxAvx2);

        var avx2 = Native("llamasharp.backend.cpu", "linux-x64", "avx2");
        Assert.Equal("LLamaSharp.Backend.Cpu 0.30.0 (linux-x64/avx2)", natives.Package);
        Assert.Equal(Path.Combine(avx2, "libllama.so"), natives.Llama);
        Assert.Equal(Path.Combine(avx2, "libmtmd.so"), natives.Mtmd);
        Assert.Equal([Path.Combine(avx2, "libggml-base.so"), Path.Combine(avx2, "libggml-cpu.so")], natives.Dependencies);
    }

    [Fact]
    public void A_platform_with_one_cpu_build_takes_the_native_folder_itself()
    {
        var natives = LlamaNativeLocator.Locate(_packages.Path, "cpu", Version, new LlamaPlatform("linux-arm64", null, "lib", ".so"));

        Assert.Equal(Path.Combine(Native("llamasharp.backend.cpu", "linux-arm64", null), "libllama.so"), natives.Llama);
        Assert.Equal("LLamaSharp.Backend.Cpu 0.30.0 (linux-arm64)", natives.Package);
    }

    [Fact]
    public void Cuda12_takes_its_files_from_the_linux_package_and_ggml_cpu_from_the_cpu_build()
    {
        AddNatives("llamasharp.backend.cuda12.linux", "linux-x64", "cuda12");

        var natives = LlamaNativeLocator.Locate(_packages.Path, "CUDA12", Version, LinuxAvx2);

        var cuda = Native("llamasharp.backend.cuda12.linux", "linux-x64", "cuda12");
        Assert.Equal("LLamaSharp.Backend.Cuda12.Linux 0.30.0 (linux-x64/cuda12)", natives.Package);
        Assert.Equal(Path.Combine(cuda, "libllama.so"), natives.Llama);
        Assert.Equal(Path.Combine(cuda, "libmtmd.so"), natives.Mtmd);
        Assert.Equal(
            [Path.Combine(cuda, "libggml-base.so"), Path.Combine(Native("llamasharp.backend.cpu", "linux-x64", "avx2"), "libggml-cpu.so")],
            natives.Dependencies);
    }

    [Fact]
    public void Windows_files_have_no_prefix_and_come_from_the_windows_cuda_package()
    {
        AddNatives("llamasharp.backend.cpu", "win-x64", "avx512", "", ".dll");
        AddNatives("llamasharp.backend.cuda12.windows", "win-x64", "cuda12", "", ".dll");

        var natives = LlamaNativeLocator.Locate(_packages.Path, "cuda12", Version, new LlamaPlatform("win-x64", "avx512", "", ".dll"));

        Assert.Equal(Path.Combine(Native("llamasharp.backend.cuda12.windows", "win-x64", "cuda12"), "llama.dll"), natives.Llama);
        Assert.EndsWith(Path.Combine("win-x64", "native", "avx512", "ggml-cpu.dll"), natives.Dependencies[1]);
    }

    [Fact]
    public void A_package_that_is_not_restored_is_named_with_the_line_that_restores_it()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => LlamaNativeLocator.Locate(_packages.Path, "cuda12", Version, LinuxAvx2));

        Assert.Contains("LLamaSharp.Backend.Cuda12.Linux 0.30.0 is not in the NuGet packages folder", error.Message);
        Assert.Contains("#r \"nuget: LLamaSharp.Backend.Cuda12, 0.30.0\"", error.Message);
        Assert.Throws<DirectoryNotFoundException>(() => LlamaNativeLocator.Locate(_packages.Path, "cpu", "0.29.0", LinuxAvx2));
    }

    [Fact]
    public void A_package_without_the_platforms_build_says_which_build_it_lacks()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() =>
            LlamaNativeLocator.Locate(_packages.Path, "cpu", Version, new LlamaPlatform("linux-musl-x64", "avx2", "lib", ".so")));

        Assert.Contains("has no linux-musl-x64/avx2 build", error.Message);
    }

    [Fact]
    public void Unknown_backends_and_platforms_without_cuda_are_refused()
    {
        Assert.Contains("use cpu or cuda12", Assert.Throws<ArgumentException>(() =>
            LlamaNativeLocator.Locate(_packages.Path, "vulkan", Version, LinuxAvx2)).Message);
        Assert.Throws<PlatformNotSupportedException>(() =>
            LlamaNativeLocator.Locate(_packages.Path, "cuda12", Version, new LlamaPlatform("osx-arm64", null, "lib", ".dylib")));
    }

    [Fact]
    public void Natives_beside_an_application_are_found_under_runtimes_or_in_its_folder()
    {
        using var app = new TempDir();
        Assert.False(LlamaNativeLocator.IsBesideApplication(app.Path, LinuxAvx2));

        var avx = Directory.CreateDirectory(Path.Combine(app.Path, "runtimes", "linux-x64", "native", "avx")).FullName;
        File.WriteAllText(Path.Combine(avx, "libllama.so"), "");
        Assert.True(LlamaNativeLocator.IsBesideApplication(app.Path, LinuxAvx2));
        Assert.False(LlamaNativeLocator.IsBesideApplication(app.Path, new LlamaPlatform("win-x64", "avx", "", ".dll")));

        File.WriteAllText(Path.Combine(app.Path, "llama.dll"), "");
        Assert.True(LlamaNativeLocator.IsBesideApplication(app.Path, new LlamaPlatform("win-x64", "avx", "", ".dll")));
    }

    private string Native(string package, string rid, string? build)
    {
        var native = Path.Combine(_packages.Path, package, Version, "LLamaSharpRuntimes", rid, "native");
        return build is null ? native : Path.Combine(native, build);
    }

    private void AddNatives(string package, string rid, string? build, string prefix = "lib", string extension = ".so")
    {
        var folder = Directory.CreateDirectory(Native(package, rid, build)).FullName;
        foreach (var library in new[] { "llama", "mtmd", "ggml", "ggml-base", "ggml-cpu" })
            File.WriteAllText(Path.Combine(folder, prefix + library + extension), "");
    }
}
