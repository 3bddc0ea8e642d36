using PricerLib.Local;
using PricerLib.Local.Gguf;
using PricerLib.Local.Lora;
using PricerLib.Local.Safetensors;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Local;

/// <summary>
/// The one check that catches a wrong q/k permutation: llama.cpp's logits with the converted adapter against a forward
/// pass computed here in the Hugging Face layout with PEFT's delta added to the weights.
/// </summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class ForwardPassTests
{
    private static readonly string[] Modules = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];
    private const string Story = "Once upon a time, there was a little";

    [SkippableFact]
    public async Task The_converted_adapter_gives_the_logits_of_the_Hugging_Face_forward_pass_with_the_PEFT_delta()
    {
        using var dir = new TempDir();
        const int rank = 4;
        const float alpha = 8f;
        var baseModel = GgufFile.Read(Shared.StoriesGguf);
        var adapter = TinyAdapters.Convert(dir.Path, Shared.StoriesGguf, rank, alpha, Enumerable.Range(0, 5), Modules, PeftAdapterWriter.Random(11, 0.15f));
        var reference = new ReferenceLlama(baseModel, PeftDeltas(Path.Combine(dir.Path, "peft"), baseModel, rank, alpha));
        var plainReference = new ReferenceLlama(baseModel, []);

        var (tokens, expected, llamaAdapted) = await AssertMatchesReference(adapter, reference, plainReference);

        // Without the permutation the same adapter loads and runs, wrongly: this comparison is what notices.
        var unpermuted = dir.File("unpermuted.gguf");
        WithoutPermutation(adapter, unpermuted, baseModel);
        using var wrong = Load(unpermuted);
        var llamaWrong = (await wrong.NextTokenLogitsAsync([tokens]))[0];
        Assert.True(MaxDifference(llamaWrong, expected) > 100 * MaxDifference(llamaAdapted, expected),
            $"unpermuted {MaxDifference(llamaWrong, expected)} vs permuted {MaxDifference(llamaAdapted, expected)}");
    }

    [SkippableFact]
    public async Task A_rank_256_adapter_on_the_MLP_alone_gives_the_logits_of_the_forward_pass_with_the_PEFT_delta()
    {
        // The 2025 course's full adapter: r 256 with alpha 2r, on gate/up/down as well as attention. The MLP alone here,
        // so nothing else could make the logits agree; its rows take no rotary permutation.
        using var dir = new TempDir();
        const int rank = 256;
        const float alpha = 512f;
        string[] mlp = ["gate_proj", "up_proj", "down_proj"];
        var baseModel = GgufFile.Read(Shared.StoriesGguf);
        var adapter = TinyAdapters.Convert(dir.Path, Shared.StoriesGguf, rank, alpha, Enumerable.Range(0, 5), mlp, PeftAdapterWriter.Random(13, 0.05f));

        await AssertMatchesReference(adapter, new ReferenceLlama(baseModel, PeftDeltas(Path.Combine(dir.Path, "peft"), baseModel, rank, alpha)),
            new ReferenceLlama(baseModel, []));
    }

    // llama.cpp's last logits without and with the adapter against the reference forward passes; the adapter must move them.
    private static async Task<(LLama.Native.LLamaToken[] Tokens, IReadOnlyList<double> Expected, IReadOnlyList<float> Adapted)> AssertMatchesReference(
        string adapter, ReferenceLlama reference, ReferenceLlama plainReference)
    {
        using var plain = Load(null);
        using var adapted = Load(adapter);
        var tokens = adapted.Tokenize(Story);
        var ids = tokens.Select(t => (int)t).ToArray();
        var llamaPlain = (await plain.NextTokenLogitsAsync([tokens]))[0];
        var llamaAdapted = (await adapted.NextTokenLogitsAsync([tokens]))[0];
        var expectedPlain = plainReference.LastLogits(ids);
        var expected = reference.LastLogits(ids);

        Assert.True(MaxDifference(llamaPlain, expectedPlain) < 1e-3, $"base model: {MaxDifference(llamaPlain, expectedPlain)}");
        Assert.True(MaxDifference(expectedPlain, expected) > 0.05, $"the adapter changes the logits measurably: {MaxDifference(expectedPlain, expected)}");
        Assert.True(MaxDifference(llamaAdapted, expected) < 1e-3, $"with the adapter: {MaxDifference(llamaAdapted, expected)}");
        return (tokens, expected, llamaAdapted);
    }

    private static LlamaModel Load(string? lora) =>
        LlamaModel.Load(new LlamaSettings { ModelPath = Shared.StoriesGguf, LoraPath = lora, Parallel = 1, Context = 64, Threads = 1, F32KvCache = true });

    private static double MaxDifference(IReadOnlyList<float> actual, IReadOnlyList<double> expected) =>
        actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();

    private static double MaxDifference(IReadOnlyList<double> a, IReadOnlyList<double> b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    private static double MaxDifference(IReadOnlyList<float> a, IReadOnlyList<float> b) => a.Zip(b, (x, y) => (double)Math.Abs(x - y)).Max();

    private static Dictionary<string, float[]> PeftDeltas(string peftFolder, GgufFile baseModel, int rank, float alpha)
    {
        var weights = SafetensorsFile.Read(Path.Combine(peftFolder, LoraConverter.WeightsFileName));
        var deltas = new Dictionary<string, float[]>();
        foreach (var name in weights.Tensors.Keys.Where(n => n.Contains("lora_A")))
        {
            var baseName = PeftTensorName.Parse(name).BaseTensor;
            var info = baseModel.TensorsByName[baseName];
            deltas[baseName] = ReferenceLlama.Delta(weights.ReadFloats(name), weights.ReadFloats(name.Replace("lora_A", "lora_B")),
                rank, (int)info.Shape[0], (int)info.Shape[1], alpha);
        }
        return deltas;
    }

    // The converted adapter with q/k lora_b rows put back in the Hugging Face order.
    private static void WithoutPermutation(string adapter, string output, GgufFile baseModel)
    {
        var gguf = GgufFile.Read(adapter);
        var shape = LlamaShape.Of(baseModel);
        var writer = new GgufWriter();
        foreach (var (key, value) in gguf.Metadata) writer.Add(key, value);
        foreach (var t in gguf.Tensors)
        {
            var values = gguf.ReadFloats(t.Name);
            int? heads = t.Name.EndsWith("attn_q.weight.lora_b") ? shape.Heads : t.Name.EndsWith("attn_k.weight.lora_b") ? shape.KvHeads : null;
            if (heads is { } h) values = RopePermutation.Unpermute(values, (int)t.Shape[1], (int)t.Shape[0], h);
            writer.AddTensor(t.Name, t.Shape.ToArray(), t.Type, values);
        }
        writer.Write(output);
    }
}
