using PricerLib.Editions;
using PricerLib.Local.Gguf;
using PricerLib.Local.Lora;
using PricerLib.Local.Safetensors;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Local;

/// <summary>
/// The 2025 course's adapters (Llama 3.2 3B: full r 256 on attention and MLP, lite r 32 on attention) and the
/// conversion at that rank on all seven projections; an adapter for one base given to another is refused before
/// llama.cpp sees it.
/// </summary>
public sealed class Adapters2025Tests
{
    [Fact]
    public void The_2025_adapters_have_llama_3_2_3b_shapes_at_the_courses_ranks()
    {
        var full = HubAdapter.For(CourseEdition.Course2025).Shape;
        var lite = HubAdapter.For(CourseEdition.Course2025, lite: true).Shape;

        Assert.Equal((256, 512f, 28, 7), (full.Rank, full.Alpha, full.Layers, full.Modules.Count));
        Assert.Equal((32, 64f, 28, 4), (lite.Rank, lite.Alpha, lite.Layers, lite.Modules.Count));
        // Llama 3.2 3B's config: hidden 3072, 8 KV heads × 128, intermediate 8192.
        Assert.Equal(new ModuleWidths(3072, 1024), full.Modules["k_proj"]);
        Assert.Equal(new ModuleWidths(8192, 3072), full.Modules["down_proj"]);
        Assert.Equal(2 * 28 * 7, full.TensorCount);
        // Σ r·(in + out) per layer × 28 layers × 4 bytes.
        Assert.Equal(4L * 28 * 256 * (4 * 3072 + 2 * 1024 + 2 * 3072 + 3 * (3072 + 8192)), full.F32Bytes);
        Assert.Equal(4L * 28 * 32 * (4 * 3072 + 2 * 1024 + 2 * 3072), lite.F32Bytes);
        Assert.Equal("b19c8bfea3b6ff62237fbb0a8da9779fc12cefbd", HubAdapter.Course2025.Revision);
        Assert.Same(HubAdapter.Course, HubAdapter.For(CourseEdition.Course2024));
        Assert.Contains("--lite picks the 2025 course's lite adapter", Assert.Throws<PricerLib.Local.LocalModelException>(() => HubAdapter.For(CourseEdition.Course2024, lite: true)).Message);
    }

    [Fact]
    public void A_2025_adapter_does_not_pass_for_the_2024_one_nor_the_reverse()
    {
        var config2025 = new PeftAdapterConfig(256, 512f, "meta-llama/Llama-3.2-3B", AdapterShape.AttentionAndMlp);
        var config2024 = new PeftAdapterConfig(32, 64f, "meta-llama/Meta-Llama-3.1-8B", AdapterShape.Attention);

        Assert.Equal("r is 256, not 32", HubAdapter.Course.Shape.Mismatch(config2025));
        Assert.Equal("r is 32, not 256", HubAdapter.Course2025.Shape.Mismatch(config2024));
        // The lite adapter has the 2024 one's rank and modules: only the weights' shapes (checked on download) tell them apart.
        Assert.Null(HubAdapter.Course2025Lite.Shape.Mismatch(config2024));
        Assert.NotEqual(HubAdapter.Course2025Lite.Shape.Modules["q_proj"], HubAdapter.Course.Shape.Modules["q_proj"]);
    }

    [SkippableFact]
    public void Converts_rank_256_on_all_seven_projections_with_every_shape_from_the_base()
    {
        var baseModel = GgufFile.Read(Shared.StoriesGguf);
        using var dir = new TempDir();
        var peft = dir.File("peft");
        PeftAdapterWriter.Write(peft, new PeftAdapterConfig(256, 512f, "stories260K", AdapterShape.AttentionAndMlp), baseModel, Enumerable.Range(0, 5),
            AdapterShape.AttentionAndMlp, PeftAdapterWriter.Random(5, 0.01f));

        var result = LoraConverter.Convert(peft, Shared.StoriesGguf, dir.File("adapter.gguf"));

        Assert.Equal(256, result.Rank);
        Assert.Equal(5 * 7, result.Pairs.Count);
        var validated = LoraAdapterValidator.Validate(result.OutputPath, baseModel);
        Assert.Equal((512f, 256, 35), (validated.Alpha!.Value, validated.Rank, validated.Pairs));
        var gguf = GgufFile.Read(result.OutputPath);
        var weights = SafetensorsFile.Read(Path.Combine(peft, LoraConverter.WeightsFileName));
        foreach (var module in new[] { "gate_proj", "up_proj", "down_proj" })
        {
            var baseName = PeftTensorName.Parse(PeftAdapterWriter.ModulePrefix(3, module) + ".lora_A.weight").BaseTensor;
            var weight = baseModel.TensorsByName[baseName];
            Assert.Equal([weight.Shape[0], 256L], gguf.TensorsByName[baseName + ".lora_a"].Shape);
            Assert.Equal([256L, weight.Shape[1]], gguf.TensorsByName[baseName + ".lora_b"].Shape);
            // MLP rows are not rotary: B's bytes go over unchanged.
            Assert.Equal(weights.ReadFloats(PeftAdapterWriter.ModulePrefix(3, module) + ".lora_B.weight"), gguf.ReadFloats(baseName + ".lora_b"));
        }
        Assert.Equal(new FileInfo(result.OutputPath).Length, result.Bytes);
    }

    [SkippableFact]
    public void An_adapter_for_a_wider_deeper_base_is_a_shape_error_before_llama_cpp_sees_it()
    {
        // stories260K (5 layers, n_embd 64) stands for Llama 3.2 3B's adapter, llama-2-tiny-random (1 layer, n_embd 8)
        // for another base: the converter and the GGUF validator both refuse, naming the tensor and the shapes.
        var wide = GgufFile.Read(Shared.StoriesGguf);
        var other = GgufFile.Read(Shared.TinyRandomGguf);
        using var dir = new TempDir();
        var peft = dir.File("peft");
        PeftAdapterWriter.Write(peft, new PeftAdapterConfig(8, 16f, "stories260K", AdapterShape.AttentionAndMlp), wide, [0, 4],
            AdapterShape.AttentionAndMlp, PeftAdapterWriter.Random(2, 0.1f));

        var convert = Assert.Throws<LoraConversionException>(() => LoraConverter.Convert(peft, Shared.TinyRandomGguf, dir.File("wrong.gguf")));
        var converted = LoraConverter.Convert(peft, Shared.StoriesGguf, dir.File("right.gguf"));
        var load = Assert.ThrowsAny<PricerLib.Local.LocalModelException>(() => LoraAdapterValidator.Validate(converted.OutputPath, other));

        Assert.Contains("an adapter for another model?", convert.Message);
        Assert.False(File.Exists(dir.File("wrong.gguf")));
        Assert.Contains("blk.", load.Message);
    }
}
