using MathNet.Numerics.LinearAlgebra;
using PricerLib.Local;
using PricerLib.Local.Gguf;
using PricerLib.Local.Lora;
using PricerLib.Local.Safetensors;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Local;

[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class LlamaModelTests
{
    private const string Story = "Once upon a time, there was a little girl";

    private static LlamaModel Load(string path, string? lora = null, float scale = 1f, int parallel = 1, int context = 128) =>
        LlamaModel.Load(new LlamaSettings { ModelPath = path, LoraPath = lora, LoraScale = scale, Parallel = parallel, Context = context, Threads = 1 });

    private static async Task<float[]> Logits(LlamaModel model, string text) =>
        (await model.NextTokenLogitsAsync([model.Tokenize(text)]))[0];

    [SkippableFact]
    public async Task Greedy_generation_is_deterministic_readable_English()
    {
        using var model = Load(Shared.StoriesGguf);
        Assert.Equal(512, model.VocabularySize);
        Assert.Equal("CPU", model.Backend);
        Assert.Contains(model.Devices, d => d.StartsWith("CPU"));
        var prompt = model.Tokenize(Story);
        Assert.Equal(1, (int)prompt[0]); // BOS
        var first = await model.GenerateGreedyAsync([prompt], 8);
        var second = await model.GenerateGreedyAsync([prompt], 8);
        Assert.Equal(first, second);
        Assert.Matches("^[ a-zA-Z.,']+$", first[0]);
    }

    [SkippableFact]
    public void Llama_cpp_computes_on_every_core_unless_told_otherwise()
    {
        // LLamaSharp alone would give half the cores (one of two on CI machines).
        using (var byDefault = LlamaModel.Load(new LlamaSettings { ModelPath = Shared.StoriesGguf, Parallel = 1, Context = 128 }))
            Assert.Equal(Environment.ProcessorCount, byDefault.Threads);
        using var one = Load(Shared.StoriesGguf);
        Assert.Equal(1, one.Threads);
    }

    [SkippableFact]
    public async Task An_adapter_with_B_zero_leaves_the_logits_identical()
    {
        using var dir = new TempDir();
        var adapter = TinyAdapters.Convert(dir.Path, Shared.StoriesGguf, 4, 8f, Enumerable.Range(0, 5),
            ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj", "lm_head"], TinyAdapters.ZeroB(3));
        using var plain = Load(Shared.StoriesGguf);
        using var adapted = Load(Shared.StoriesGguf, adapter);
        Assert.Equal(await Logits(plain, Story), await Logits(adapted, Story));
    }

    [SkippableFact]
    public async Task An_output_adapter_shifts_the_logits_by_scale_alpha_over_r_B_A_h()
    {
        using var dir = new TempDir();
        const int rank = 2;
        const float alpha = 6f;
        var adapter = TinyAdapters.Convert(dir.Path, Shared.StoriesGguf, rank, alpha, [], ["lm_head"], PeftAdapterWriter.Random(5, 0.2f));
        var peft = SafetensorsFile.Read(Path.Combine(dir.Path, "peft", LoraConverter.WeightsFileName));
        var a = Matrix<double>.Build.DenseOfRowMajor(rank, 64, peft.ReadFloats("base_model.model.lm_head.lora_A.weight").Select(v => (double)v));
        var b = Matrix<double>.Build.DenseOfRowMajor(512, rank, peft.ReadFloats("base_model.model.lm_head.lora_B.weight").Select(v => (double)v));

        using var plain = Load(Shared.StoriesGguf);
        var baseLogits = Vector<double>.Build.DenseOfEnumerable((await Logits(plain, Story)).Select(v => (double)v));
        // h (the last hidden state after the final norm) from logits = W·h: W is 512×64 of full rank, so least squares recovers it.
        var w = Matrix<double>.Build.DenseOfRowMajor(512, 64, GgufFile.Read(Shared.StoriesGguf).ReadFloats("output.weight").Select(v => (double)v));
        var h = w.QR().Solve(baseLogits);
        Assert.True((w * h - baseLogits).AbsoluteMaximum() < 1e-4, "W·h reproduces the base logits");
        var delta = b * (a * h) * (alpha / rank);

        foreach (var scale in new[] { 1f, 2f })
        {
            using var adapted = Load(Shared.StoriesGguf, adapter, scale);
            var shift = Vector<double>.Build.DenseOfEnumerable((await Logits(adapted, Story)).Select(v => (double)v)) - baseLogits;
            Assert.True(delta.AbsoluteMaximum() > 0.05, "the shift is large enough to measure");
            Assert.True((shift - scale * delta).AbsoluteMaximum() < 1e-4 * (1 + delta.AbsoluteMaximum()),
                $"scale {scale}: shift differs from scale·alpha/r·B·A·h by {(shift - scale * delta).AbsoluteMaximum()}");
        }
    }

    [SkippableFact]
    public async Task Batched_and_one_at_a_time_logits_agree()
    {
        // Three long prompts make the four fill more than one 512-token batch: each is sampled right after its own batch.
        var longStory = string.Join(" ", Enumerable.Repeat("Lily liked to play in the park with her friends.", 14));
        string[] texts = [longStory, Story, longStory + " Then the sun came out", longStory + " Tom had a red ball"];
        using var batched = Load(Shared.StoriesGguf, parallel: 4, context: 256);
        using var single = Load(Shared.StoriesGguf, context: 256);
        Assert.True(texts.Sum(t => batched.Tokenize(t).Length) > 512);
        var together = await batched.NextTokenLogitsAsync(texts.Select(batched.Tokenize).ToArray());
        for (int i = 0; i < texts.Length; i++)
        {
            var alone = await Logits(single, texts[i]);
            double scale = alone.Max(Math.Abs);
            double diff = alone.Zip(together[i], (x, y) => Math.Abs(x - y)).Max();
            Assert.True(diff <= 1e-3 * scale, $"prompt {i}: max difference {diff} against max |logit| {scale}");
        }
    }

    [SkippableFact]
    public async Task Prompts_longer_than_the_context_and_bad_files_fail_before_any_native_call()
    {
        using var model = Load(Shared.StoriesGguf);
        var longPrompt = model.Tokenize(string.Join(" ", Enumerable.Repeat("Once upon a time", 60)));
        var e = await Assert.ThrowsAsync<LocalModelException>(() => model.NextTokenLogitsAsync([longPrompt]));
        Assert.Contains("raise --context", e.Message);

        using var dir = new TempDir();
        Assert.Contains("does not exist", Assert.Throws<LocalModelException>(() => Load(dir.File("none.gguf"))).Message);
        File.WriteAllText(dir.File("text.gguf"), "hello");
        Assert.Contains("not a GGUF file", Assert.Throws<LocalModelException>(() => Load(dir.File("text.gguf"))).Message);
        // An adapter for another base (the 8-wide random model) is refused before llama.cpp can crash on it.
        var foreign = TinyAdapters.Convert(dir.Path, Shared.TinyRandomGguf, 2, 4f, [0], ["q_proj"], PeftAdapterWriter.Random(1, 0.1f));
        var refused = Assert.Throws<InvalidLoraAdapterException>(() => Load(Shared.StoriesGguf, foreign));
        Assert.Contains("blk.0.attn_q.weight", refused.Message);
    }
}
