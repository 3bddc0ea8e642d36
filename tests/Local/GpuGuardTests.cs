using PricerLib.Local;
using PricerLib.Local.Gpu;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Local;

/// <summary>A run that asked for CUDA and would be on the CPU fails, naming what it found; on the CPU backend for real.</summary>
public sealed class GpuGuardTests
{
    private static readonly LlamaSettings CpuOnly = new() { ModelPath = "m.gguf" };

    [Fact]
    public void Each_way_of_asking_for_CUDA_is_named()
    {
        var cudaEnvironment = WorkbookSettings.Current with { LlamaBackend = "cuda12" };
        var cpuEnvironment = WorkbookSettings.Current with { LlamaBackend = null };
        Assert.Null(GpuGuard.Request(CpuOnly, cpuEnvironment, buildBackend: null));
        Assert.Equal("--gpu-layers -1", GpuGuard.Request(CpuOnly with { GpuLayers = -1 }, cpuEnvironment, null));
        Assert.Equal("PRICER_LLAMA_BACKEND=cuda12", GpuGuard.Request(CpuOnly, cudaEnvironment, null));
        Assert.Equal("this build was made with -p:PricerCuda=true", GpuGuard.Request(CpuOnly, cpuEnvironment, "cuda12"));
    }

    [Fact]
    public void A_CUDA_device_with_layers_offloaded_passes_and_without_them_fails()
    {
        GpuGuard.Require(null, ["CPU"], 0);
        GpuGuard.Require("--gpu-layers -1", ["CUDA0", "CPU"], -1);
        var idle = Assert.Throws<LocalModelException>(() => GpuGuard.Require("PRICER_LLAMA_BACKEND=cuda12", ["CUDA0", "CPU"], 0));
        Assert.Contains("pass --gpu-layers -1", idle.Message);
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void Gpu_layers_on_the_CPU_backend_fail_naming_devices_CUDA_version_and_library()
    {
        var error = Assert.Throws<LocalModelException>(() => LlamaModel.Load(new LlamaSettings { ModelPath = Shared.StoriesGguf, GpuLayers = -1, Parallel = 1, Context = 64 }));
        Assert.Contains("CUDA was asked for (--gpu-layers -1) but this run would be on the CPU", error.Message);
        Assert.Contains("devices CPU", error.Message);
        Assert.Contains("CUDA version detected: none", error.Message);
        Assert.Contains("libllama.so", error.Message);
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void The_cli_with_PRICER_LLAMA_BACKEND_cuda12_on_the_CPU_exits_1_with_the_reason()
    {
        var run = PricerProcess.Run(new Dictionary<string, string?> { [WorkbookSettings.Variables.LlamaBackend] = "cuda12" },
            "next-tokens", "--model", Shared.StoriesGguf, "--prompt", "Once upon a time");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("PRICER_LLAMA_BACKEND=cuda12", run.Stderr);
        Assert.Contains("would be on the CPU", run.Stderr);
        Assert.Empty(run.Stdout);
    }
}
