using System.Text.Json;
using PricerLib.Data;
using PricerLib.Tests.Evaluation;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Cli;

/// <summary>What the README promises every verb: suggestions for unknown verbs, exit code 2 for any malformed option,
/// one camelCase JSON object per run, and errors that name the real problem.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class CliContractTests
{
    [Theory]
    [InlineData(new[] { "evalute" }, "Did you mean 'evaluate'? See `pricer --help`.")]
    [InlineData(new[] { "bench", "locl" }, "Did you mean 'local'? See `pricer bench --help`.")]
    public void An_unknown_verb_gets_the_nearest_one(string[] args, string suggestion)
    {
        var run = PricerProcess.Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(suggestion, run.Stderr);
    }

    [Theory]
    [InlineData("--size takes a whole number, not 'abc'. See `pricer evaluate --help`.", "evaluate", "--pricer", "random", "--test", "t.jsonl", "--size", "abc")]
    [InlineData("--path takes one of baseline, fast, not 'slow'. See `pricer bench curate --help`.", "bench", "curate", "--real", "--path", "slow")]
    [InlineData("--threads takes a whole number, not '1.5'. See `pricer bench curate --help`.", "bench", "curate", "--threads=1.5")]
    [InlineData("--lora-scale takes a number, not 'big'. See `pricer next-tokens --help`.", "next-tokens", "--model", "m.gguf", "--prompt", "Hi", "--lora-scale", "big")]
    [InlineData("-k takes a whole number, not 'three'. See `pricer vectors query --help`.", "vectors", "query", "--store", "s", "--text", "t", "-k", "three")]
    [InlineData("--threads must be at least 1. See `pricer bench curate --help`.", "bench", "curate", "--threads", "0")]
    [InlineData("Give --store DIR and --text TEXT. See `pricer vectors query --help`.", "vectors", "query", "--store", "s")]
    public void A_malformed_option_says_what_the_option_takes_and_names_the_full_verb(string message, params string[] args)
    {
        var run = PricerProcess.Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Error: " + message, run.Stderr.Trim());
    }

    [Fact]
    public void Vectors_query_takes_top_or_k_and_no_rewritten_one_letter_long_option()
    {
        var top = PricerProcess.Run("vectors", "query", "--store", "missing-store", "--text", "t", "--top", "3");
        var k = PricerProcess.Run("vectors", "query", "--store", "missing-store", "--text", "t", "-k", "3");
        var longK = PricerProcess.Run("vectors", "query", "--store", "missing-store", "--text", "t", "--k", "3");

        Assert.Equal(1, top.ExitCode); // parsed: fails only on the missing store
        Assert.Contains("missing-store", top.Stderr);
        Assert.Equal(top.Stderr, k.Stderr);
        Assert.Equal(2, longK.ExitCode);
        Assert.Equal("Error: --k is not an option: a one-letter option takes one dash (-k). See `pricer vectors query --help`.", longK.Stderr.Trim());
    }

    [Fact]
    public void A_malformed_kind_option_is_a_usage_error_like_a_common_one()
    {
        var kind = PricerProcess.Run("evaluate", "--pricer", "llama:m.gguf", "--top-k", "abc", "--test", "t.jsonl");
        var common = PricerProcess.Run("evaluate", "--pricer", "random", "--size", "abc", "--test", "t.jsonl");

        Assert.Equal(2, kind.ExitCode);
        Assert.Contains("--top-k takes a whole number, not 'abc'", kind.Stderr);
        Assert.Equal(2, common.ExitCode);
    }

    [SkippableFact]
    public void Bench_local_prints_one_camel_case_object()
    {
        var run = PricerProcess.Run("bench", "local", "--model", Shared.StoriesGguf, "--items", "2", "--parallel", "2", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout); // one object: a second one would not parse
        var modes = json.RootElement.GetProperty("modes");
        Assert.Equal(2, modes.GetArrayLength());
        Assert.True(modes[0].TryGetProperty("itemsPerSecond", out _));
    }

    [SkippableFact]
    public void Bench_local_measures_each_parallel_value_in_every_round()
    {
        var run = PricerProcess.Run("bench", "local", "--model", Shared.StoriesGguf, "--items", "2", "--parallel", "2,3", "--rounds", "2", "--json");
        var malformed = PricerProcess.Run("bench", "local", "--model", Shared.StoriesGguf, "--parallel", "2,0");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var modes = json.RootElement.GetProperty("modes").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], modes.Select(m => m.GetProperty("parallel").GetInt32()));
        Assert.All(modes, m => Assert.Equal(2, m.GetProperty("itemsPerSecondEachRound").GetArrayLength()));
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("--parallel takes positive whole numbers", malformed.Stderr);
    }

    [SkippableFact]
    public void Items_longer_than_the_context_are_hard_to_miss()
    {
        using var dir = new TempDir();
        var longTitle = string.Join(" ", Enumerable.Repeat("a very long product title", 60));
        ItemStore.Save([TestItems.Make("Kettle", 40), TestItems.Make("Toaster", 30), TestItems.Make(longTitle, 20)], dir.File("test.jsonl"));

        var run = PricerProcess.Run("evaluate", "--pricer", "llama:" + Shared.StoriesGguf, "--context", "128", "--test", dir.File("test.jsonl"),
            "--results", dir.File("results"));
        var board = PricerProcess.Run("leaderboard", "--results", dir.File("results"), "--no-reference");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Warning: 1 of 3 items failed and are excluded from the metrics; the first: The prompt has", run.Stdout); // the summary and its warning are results: stdout
        Assert.Contains("more than --context 128", run.Stdout);
        Assert.True(board.ExitCode == 0, board.Stderr);
        Assert.Contains("2 (1 failed)", board.Stdout);
    }

    [SkippableFact]
    public void Model_errors_name_the_model_and_a_peft_folder_says_how_to_convert_it()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("peft"));
        File.WriteAllText(dir.File("peft/adapter_config.json"), "{}");

        var missing = PricerProcess.Run("bench", "local", "--model", dir.File("missing.gguf"));
        var peft = PricerProcess.Run("next-tokens", "--model", Shared.StoriesGguf, "--lora", dir.File("peft"), "--prompt", "Hi");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"{dir.File("missing.gguf")} does not exist", missing.Stderr);
        Assert.DoesNotContain("okenizer", missing.Stderr);
        Assert.Equal(1, peft.ExitCode);
        Assert.Contains("is a PEFT adapter folder", peft.Stderr);
        Assert.Contains("pricer convert-lora --adapter", peft.Stderr);
    }
}
