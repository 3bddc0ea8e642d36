using PricerLib.Local;
using PricerLib.Local.Gguf;
using PricerLib.Local.Lora;
using PricerLib.Local.Safetensors;
using PricerLib.Local.Synthetic;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Local;

/// <summary>Synthetic PEFT adapters: PEFT's names and shapes, converted by convert-lora, applied by llama.cpp.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class SyntheticAdapterTests
{
    [SkippableTheory]
    [InlineData("course-2024", 32, 4)]
    [InlineData("course-2025-full", 256, 7)]
    public async Task The_adapter_converts_for_its_synthetic_base_and_changes_the_logits(string presetName, int rank, int modules)
    {
        using var dir = new TempDir();
        var shape = SyntheticShape.Tiny;
        var preset = SyntheticAdapterPreset.Named(presetName);
        var basePath = SyntheticModelMaker.Make(new SyntheticModelRequest(shape, SyntheticModelType.F16, dir.File("base.gguf"), Shared.Llama3TokenizerModel)).Path;
        SyntheticAdapterMaker.Make(shape, preset, dir.File("peft"));

        var config = PeftAdapterConfig.Read(dir.File("peft"));
        Assert.Equal((rank, 2f * rank), (config.Rank, config.Alpha));
        var weights = SafetensorsFile.Read(Path.Combine(dir.File("peft"), LoraConverter.WeightsFileName));
        Assert.Equal(2 * modules * shape.Layers, weights.Tensors.Count);
        Assert.Equal([rank, 64L], weights.Tensors["base_model.model.model.layers.1.self_attn.k_proj.lora_A.weight"].Shape);
        Assert.Equal([32L, rank], weights.Tensors["base_model.model.model.layers.1.self_attn.k_proj.lora_B.weight"].Shape); // 2 KV heads of 16

        var converted = LoraConverter.Convert(dir.File("peft"), basePath, dir.File("adapter.gguf"), GgmlType.F32);
        Assert.Equal(modules * shape.Layers, converted.Pairs.Count);
        LoraAdapterValidator.Validate(converted.OutputPath, GgufFile.Read(basePath));

        var settings = new LlamaSettings { ModelPath = basePath, Parallel = 1, Context = 64, Threads = 1 };
        using var plain = LlamaModel.Load(settings);
        using var adapted = LlamaModel.Load(settings with { LoraPath = converted.OutputPath });
        var prompt = plain.Tokenize("How much does this cost to the nearest dollar?");
        var before = (await plain.NextTokenLogitsAsync([prompt]))[0];
        var after = (await adapted.NextTokenLogitsAsync([prompt]))[0];
        Assert.All(after, v => Assert.True(float.IsFinite(v)));
        Assert.NotEqual(before, after);
    }

    [SkippableTheory]
    [InlineData(GgmlType.F32, "6bee02941d9a9da5900952febf2e3fb0b464afae954e98553edaff2236d5e6c3")]
    [InlineData(GgmlType.F16, "3f72d27a173356f8bbdc90c8f673aff64893a41ccff64aa32d8a3180441a4ebd")]
    public void Conversion_streams_tensor_by_tensor_into_the_same_bytes_as_before(GgmlType type, string sha256)
    {
        // The SHA-256 of what the converter wrote when it held every tensor in memory (commit cf5db8e), on this seeded adapter.
        using var dir = new TempDir();
        var basePath = SyntheticModelMaker.Make(new SyntheticModelRequest(SyntheticShape.Tiny, SyntheticModelType.F16, dir.File("base.gguf"), Shared.Llama3TokenizerModel)).Path;
        SyntheticAdapterMaker.Make(SyntheticShape.Tiny, SyntheticAdapterPreset.Course2025Full, dir.File("peft"));

        var converted = LoraConverter.Convert(dir.File("peft"), basePath, dir.File("adapter.gguf"), type);

        using var file = File.OpenRead(converted.OutputPath);
        Assert.Equal(sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)));
    }

    [Fact]
    public void An_existing_adapter_is_refused_without_force()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File(PeftAdapterConfig.FileName), "{}");
        var refused = Assert.Throws<SyntheticModelException>(() =>
            SyntheticAdapterMaker.Make(SyntheticShape.Tiny, SyntheticAdapterPreset.Course2024, dir.Path));
        Assert.Contains("--force", refused.Message);
        Assert.Equal("{}", File.ReadAllText(dir.File(PeftAdapterConfig.FileName)));
    }

    [Theory]
    [InlineData("llama-3.1-8b", "course-2024", 109_051_904L)] // the course's 109 MB adapter_model.safetensors, less its header
    [InlineData("llama-3.1-8b", "course-2025-full", 2_684_354_560L)]
    public void Weights_take_what_PEFT_saves_for_the_shape(string shapeName, string presetName, long bytes)
    {
        var shape = SyntheticShape.Named(shapeName);
        var preset = SyntheticAdapterPreset.Named(presetName);
        long values = preset.Modules.Sum(m => SyntheticAdapterMaker.Widths(shape, m) is var (i, o) ? (i + o) * preset.Rank : 0) * shape.Layers;
        Assert.Equal(bytes, 4 * values);
    }
}
