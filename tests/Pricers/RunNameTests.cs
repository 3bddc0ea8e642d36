using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Pricers;
using PricerLib.Tests.Evaluation;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Pricers;

/// <summary>
/// Default run names tell apart what changes the guesses (adapter, method, any kind's option), so runs do not
/// silently replace each other in the results store; options that only change how a pricer runs are left out.
/// </summary>
public sealed class RunNameTests
{
    private static string NameOf(string spec, params (string Name, string? Value)[] options) =>
        WorkbookPricers.Create().Resolve(spec, options.ToDictionary(o => o.Name, o => o.Value)).Request.Options.RunName(spec);

    [Fact]
    public void Options_that_change_the_guesses_are_in_the_name_in_name_order()
    {
        Assert.Equal("llama:m.gguf", NameOf("llama:m.gguf"));
        Assert.Equal("llama:m.gguf --lora a.gguf", NameOf("llama:m.gguf", ("lora", "a.gguf")));
        Assert.Equal("llama:m.gguf --lora a.gguf --method greedy", NameOf("llama:m.gguf", ("method", "greedy"), ("lora", "a.gguf"), ("parallel", "4")));
        Assert.Equal("frontier:gpt-4o-mini --no-prefill", NameOf("frontier:gpt-4o-mini", ("no-prefill", null), ("yes", null), ("retries", "1")));
    }

    [Fact]
    public void Runs_that_guess_differently_are_stored_apart()
    {
        var names = new[] { NameOf("llama:m.gguf"), NameOf("llama:m.gguf", ("lora", "a.gguf")), NameOf("llama:m.gguf", ("lora", "a.gguf"), ("method", "greedy")) };

        Assert.Equal(3, names.Select(ResultsStore.Slug).Distinct().Count());
    }

    [Fact]
    public void Long_names_get_short_distinct_file_names()
    {
        var folder = "/very/long/folder/" + new string('x', 200);
        var a = ResultsStore.Slug($"llama:{folder}/m.gguf --lora {folder}/a.gguf");
        var b = ResultsStore.Slug($"llama:{folder}/m.gguf --lora {folder}/b.gguf");

        Assert.InRange(a.Length, 1, 120);
        Assert.NotEqual(a, b);
        Assert.Equal("gpt-4o-mini", ResultsStore.Slug("GPT 4o mini")); // short names keep their readable slug
    }

    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void Replacing_a_stored_run_of_the_same_name_says_so()
    {
        using var dir = new TempDir();
        ItemStore.Save(TestItems.Priced(5), dir.File("test.jsonl"));
        string[] evaluate = ["evaluate", "--pricer", "random", "--test", dir.File("test.jsonl"), "--name", "mine", "--results", dir.File("results")];

        var first = PricerProcess.Run(evaluate);
        var second = PricerProcess.Run(evaluate);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Stderr + second.Stderr);
        Assert.DoesNotContain("replaces", first.Stderr);
        Assert.Contains("the run 'mine' replaces the stored run of the same name", second.Stderr);
    }
}
