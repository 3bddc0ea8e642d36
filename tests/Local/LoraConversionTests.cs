using PricerLib.Local;
using PricerLib.Local.Gguf;
using PricerLib.Local.Lora;
using PricerLib.Local.Safetensors;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Local;

public sealed class LoraConversionTests
{
    private static readonly string[] AllModules = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    [Fact]
    public void Rotary_permutation_interleaves_each_heads_two_halves()
    {
        // 8 rows, 2 heads of 4: within a head, Hugging Face rows (0 1 | 2 3) become llama.cpp rows 0 2 1 3.
        float[] rows = [0, 1, 2, 3, 4, 5, 6, 7];
        Assert.Equal([0f, 2, 1, 3, 4, 6, 5, 7], RopePermutation.Permute(rows, 8, 1, heads: 2));
        // One head of 8: halves (0 1 2 3 | 4 5 6 7) interleave to 0 4 1 5 2 6 3 7.
        Assert.Equal([0f, 4, 1, 5, 2, 6, 3, 7], RopePermutation.Permute(rows, 8, 1, heads: 1));
        // Whole rows move: a 4×2 matrix with one head.
        Assert.Equal([10f, 11, 30, 31, 20, 21, 40, 41], RopePermutation.Permute([10, 11, 20, 21, 30, 31, 40, 41], 4, 2, heads: 1));
        var random = PeftAdapterWriter.Random(1, 1f)("m", 64 * 3);
        Assert.Equal(random, RopePermutation.Unpermute(RopePermutation.Permute(random, 64, 3, 8), 64, 3, 8));
        Assert.Throws<LocalModelException>(() => RopePermutation.Permute(rows, 8, 1, heads: 3));
    }

    [SkippableFact]
    public void Converts_every_projection_with_shapes_from_the_base_and_permutes_q_and_k()
    {
        var baseModel = GgufFile.Read(Shared.StoriesGguf);
        using var dir = new TempDir();
        var adapter = dir.File("peft");
        PeftAdapterWriter.Write(adapter, new PeftAdapterConfig(4, 8f, "stories260K", AllModules), baseModel, [0, 4],
            [.. AllModules, "lm_head"], PeftAdapterWriter.Random(7, 0.1f));

        var result = LoraConverter.Convert(adapter, Shared.StoriesGguf, dir.File("adapter.gguf"));
        Assert.Equal(15, result.Pairs.Count);
        Assert.Equal(4, result.Rank);
        Assert.StartsWith("blk.0.", result.Pairs[0].BaseTensor);
        Assert.Equal("output.weight", result.Pairs[^1].BaseTensor);

        var gguf = GgufFile.Read(result.OutputPath);
        Assert.Equal("adapter", gguf.GetString("general.type"));
        Assert.Equal("lora", gguf.GetString("adapter.type"));
        Assert.Equal("llama", gguf.Architecture);
        Assert.Equal(GgufValue.Float32(8f), gguf.Metadata["adapter.lora.alpha"]);
        Assert.All(gguf.Tensors, t => Assert.Equal(GgmlType.F32, t.Type));
        var validated = LoraAdapterValidator.Validate(result.OutputPath, baseModel);
        Assert.Equal((8f, 4, 15), (validated.Alpha!.Value, validated.Rank, validated.Pairs));

        var peft = SafetensorsFile.Read(Path.Combine(adapter, LoraConverter.WeightsFileName));
        string Peft(string module, string half) => $"{PeftAdapterWriter.ModulePrefix(4, module)}.lora_{half}.weight";
        // q: [64 out, 4] B with 8 heads; k: [32 out, 4] with 4 KV heads; A and other B unchanged.
        Assert.Equal([64L, 4L], gguf.TensorsByName["blk.4.attn_q.weight.lora_a"].Shape);
        Assert.Equal([4L, 64L], gguf.TensorsByName["blk.4.attn_q.weight.lora_b"].Shape);
        Assert.Equal([4L, 32L], gguf.TensorsByName["blk.4.attn_k.weight.lora_b"].Shape);
        Assert.Equal(peft.ReadFloats(Peft("q_proj", "A")), gguf.ReadFloats("blk.4.attn_q.weight.lora_a"));
        Assert.Equal(RopePermutation.Permute(peft.ReadFloats(Peft("q_proj", "B")), 64, 4, 8), gguf.ReadFloats("blk.4.attn_q.weight.lora_b"));
        Assert.Equal(RopePermutation.Permute(peft.ReadFloats(Peft("k_proj", "B")), 32, 4, 4), gguf.ReadFloats("blk.4.attn_k.weight.lora_b"));
        Assert.NotEqual(peft.ReadFloats(Peft("k_proj", "B")), gguf.ReadFloats("blk.4.attn_k.weight.lora_b"));
        Assert.Equal(peft.ReadFloats(Peft("v_proj", "B")), gguf.ReadFloats("blk.4.attn_v.weight.lora_b"));
        Assert.Equal(peft.ReadFloats(Peft("down_proj", "B")), gguf.ReadFloats("blk.4.ffn_down.weight.lora_b"));
        Assert.Equal(["k_proj", "q_proj"], result.Pairs.Where(p => p.Permuted).Select(p => p.Module).Distinct().Order());
    }

    [SkippableTheory]
    [InlineData("use_rslora", "rsLoRA")]
    [InlineData("use_dora", "DoRA")]
    [InlineData("bias", "trains biases")]
    [InlineData("modules_to_save", "modules_to_save")]
    public void Unsupported_PEFT_options_are_refused(string option, string message)
    {
        var baseModel = GgufFile.Read(Shared.StoriesGguf);
        using var dir = new TempDir();
        var adapter = dir.File("peft");
        PeftAdapterWriter.Write(adapter, new PeftAdapterConfig(2, 4f, null, ["q_proj"]), baseModel, [0], ["q_proj"], PeftAdapterWriter.Random(1, 0.1f));
        var configPath = Path.Combine(adapter, PeftAdapterConfig.FileName);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(configPath))!;
        json[option] = option switch { "bias" => "all", "modules_to_save" => new System.Text.Json.Nodes.JsonArray("lm_head"), _ => true };
        File.WriteAllText(configPath, json.ToJsonString());
        var e = Assert.Throws<LoraConversionException>(() => LoraConverter.Convert(adapter, Shared.StoriesGguf, dir.File("out.gguf")));
        Assert.Contains(message, e.Message);
        Assert.False(File.Exists(dir.File("out.gguf")));
    }

    [SkippableTheory]
    [InlineData("base_model.model.model.embed_tokens.lora_embedding_A", new long[] { 2, 512 }, "token embeddings")]
    [InlineData("base_model.model.model.layers.0.self_attn.q_proj.bias", new long[] { 64 }, "biases")]
    [InlineData("base_model.model.model.layers.0.self_attn.q_proj.lora_magnitude_vector", new long[] { 64 }, "DoRA")]
    [InlineData("base_model.model.model.layers.0.self_attn.rotary_emb.lora_A.weight", new long[] { 2, 64 }, "not a LoRA A/B weight")]
    [InlineData("base_model.model.model.layers.9.self_attn.q_proj.lora_A.weight", new long[] { 2, 64 }, "does not have")]
    [InlineData("base_model.model.model.layers.1.self_attn.q_proj.lora_A.weight", new long[] { 2, 65 }, "another model")]
    [InlineData("base_model.model.model.layers.2.self_attn.q_proj.lora_A.weight", null, "one lora_A and one lora_B")]
    public void Tensors_that_do_not_fit_the_base_are_refused(string name, long[]? shapeA, string message)
    {
        var baseModel = GgufFile.Read(Shared.StoriesGguf);
        using var dir = new TempDir();
        var adapter = dir.File("peft");
        PeftAdapterWriter.Write(adapter, new PeftAdapterConfig(2, 4f, null, ["q_proj"]), baseModel, [0], ["q_proj"], PeftAdapterWriter.Random(1, 0.1f));
        var weights = Path.Combine(adapter, LoraConverter.WeightsFileName);
        var peft = SafetensorsFile.Read(weights);
        var tensors = peft.Tensors.Values.ToDictionary(t => t.Name, t => new SafetensorsWriter.Tensor(t.Shape.ToArray(), peft.ReadFloats(t.Name)));
        var shape = shapeA ?? [2, 64];
        tensors[name] = new(shape, new float[shape.Aggregate(1L, (a, b) => a * b)]);
        if (name.EndsWith("lora_A.weight") && shapeA is not null)
            tensors[name.Replace("lora_A", "lora_B")] = new([64, 2], new float[128]);
        SafetensorsWriter.Write(weights, tensors);
        var e = Assert.Throws<LoraConversionException>(() => LoraConverter.Convert(adapter, Shared.StoriesGguf, dir.File("out.gguf")));
        Assert.Contains(message, e.Message);
    }
}
