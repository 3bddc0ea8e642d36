using System.Text.Json;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Local.Gguf;
using PricerLib.Local.Lora;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Local;

[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class LocalCliTests
{
    [SkippableFact]
    public void Convert_lora_then_next_tokens_with_the_adapter()
    {
        using var dir = new TempDir();
        PeftAdapterWriter.Write(dir.File("peft"), new PeftAdapterConfig(4, 8f, "stories260K", ["q_proj", "v_proj"]),
            GgufFile.Read(Shared.StoriesGguf), [0, 1], ["q_proj", "v_proj"], PeftAdapterWriter.Random(2, 0.1f));

        var converted = PricerProcess.Run("convert-lora", "--adapter", dir.File("peft"), "--base", Shared.StoriesGguf, "--out", dir.File("a.gguf"), "--json");
        Assert.True(converted.ExitCode == 0, converted.Stderr);
        using (var json = JsonDocument.Parse(converted.Stdout))
        {
            Assert.Equal(4, json.RootElement.GetProperty("pairs").GetInt32());
            Assert.Equal(8f, json.RootElement.GetProperty("alpha").GetSingle());
        }

        var next = PricerProcess.Run("next-tokens", "--model", Shared.StoriesGguf, "--lora", dir.File("a.gguf"), "--prompt", "Once upon a time", "--top-k", "5", "--json");
        Assert.True(next.ExitCode == 0, next.Stderr);
        using var tokens = JsonDocument.Parse(next.Stdout);
        var probabilities = tokens.RootElement.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("probability").GetDouble()).ToList();
        Assert.Equal(5, probabilities.Count);
        Assert.Equal(probabilities.OrderDescending(), probabilities);
        Assert.InRange(probabilities.Sum(), 0.01, 1.0);
    }

    [SkippableFact]
    public void Bad_inputs_exit_1_with_the_reason()
    {
        using var dir = new TempDir();
        var missing = PricerProcess.Run("convert-lora", "--adapter", dir.File("none"), "--base", Shared.StoriesGguf, "--out", dir.File("a.gguf"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("adapter_config.json does not exist", missing.Stderr);

        File.WriteAllText(dir.File("bad.gguf"), "not a model");
        var foreign = PricerProcess.Run("next-tokens", "--model", Shared.StoriesGguf, "--lora", dir.File("bad.gguf"), "--prompt", "Hi");
        Assert.Equal(1, foreign.ExitCode);
        Assert.Contains("not a GGUF file", foreign.Stderr);
    }

    [SkippableFact]
    public void Evaluate_a_llama_pricer_with_its_options()
    {
        using var dir = new TempDir();
        ItemStore.Save(Evaluation.TestItems.Priced(6), dir.File("test.jsonl"));
        var result = PricerProcess.Run(new Dictionary<string, string?> { ["PRICER_CACHE"] = dir.File("cache") },
            "evaluate", "--pricer", "llama:" + Shared.StoriesGguf, "--method", "greedy", "--parallel", "3", "--context", "128",
            "--test", dir.File("test.jsonl"), "--size", "6", "--json", "--out", dir.File("results"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(6, json.RootElement.GetProperty("count").GetInt32());
        var stored = new ResultsStore(dir.File("results")).LoadAll().Runs.Single();
        Assert.Equal("CPU", stored.Model.Parameters["backend"]);
        Assert.Equal("greedy", stored.Model.Parameters["method"]);
        Assert.True(Directory.EnumerateFiles(dir.File("cache"), "*.jsonl", SearchOption.AllDirectories).Any(), "guesses are cached under PRICER_CACHE");
    }
}
