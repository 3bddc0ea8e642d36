using PricerLib.Data;
using PricerLib.Tests.Evaluation;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Hardening;

/// <summary>Issue 10, cases 6, 9 and 14: one error convention for every verb, through the real CLI.</summary>
[Trait("Category", "Slow")]
public class CliConventionTests
{
    [Theory]
    [InlineData("--pricer is required", "evaluate", "--test", "t.jsonl")]                              // Spectre validation
    [InlineData("--size takes a whole number, not 'abc'.", "evaluate", "--pricer", "random", "--test", "t.jsonl", "--size", "abc")]
    [InlineData("Unknown command 'bogus'", "bogus")]
    [InlineData("Unknown option --tokeniser. Did you mean --tokenizer?", "curate", "--tokeniser", "x.model", "a.jsonl", "--out", "o.jsonl")]
    [InlineData("Unknown option --sise. Did you mean --size?", "evaluate", "--sise", "5")]               // before validation
    [InlineData("Unknown option --sise. Did you mean --size?", "evaluate", "--pricer", "random", "--test", "t.jsonl", "--sise", "5")]
    [InlineData("Unknown option --jsn. Did you mean --json?", "score", "--jsn", "x.csv")]               // not "missing FILE"
    [InlineData("Unknown option --jsn. Did you mean --json?", "score", "x.csv", "--jsn")]
    [InlineData("--out FILE is required", "curate", "a.jsonl")]
    public void Usage_errors_go_to_stderr_with_exit_code_2(string message, params string[] args)
    {
        var (exit, stdout, stderr) = PricerProcess.Run(args);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("Error: ", stderr);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void Bad_input_fails_with_exit_code_1_and_no_framework_parameter_names()
    {
        using var dir = new TempDir();
        var missing = PricerProcess.Run("score", dir.File("absent.csv"));
        var category = PricerProcess.Run("download", "Applainces", "--cache", dir.Path);

        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("Error: ", missing.Stderr);
        Assert.Contains(dir.File("absent.csv"), missing.Stderr);
        Assert.NotEqual(0, category.ExitCode);
        Assert.DoesNotContain("(Parameter '", category.Stderr);
        Assert.DoesNotContain("   at ", missing.Stderr + category.Stderr); // no stack trace
    }

    [Fact]
    public void With_json_a_failed_chart_leaves_stdout_empty()
    {
        using var dir = new TempDir();
        var scores = dir.File("scores.csv");
        File.WriteAllText(scores, "truth,guess\n10,12\n20,25\n");

        var (exit, stdout, stderr) = PricerProcess.Run("score", scores, "--json", "--html", "/proc/a.html");

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("Cannot write /proc/a.html", stderr);
        Assert.DoesNotContain(".tmp", stderr); // names the user's path, not a temp file
    }

    [Fact]
    public void Evaluate_with_json_prints_errors_on_stderr_only()
    {
        using var dir = new TempDir();

        var (exit, stdout, stderr) = PricerProcess.Run("evaluate", "--pricer", "random", "--test", dir.File("absent.jsonl"), "--json",
            "--results", dir.File("results"));

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("No such items file", stderr);
    }

    [Fact]
    public void Evaluate_refuses_an_unwritable_results_folder_before_pricing()
    {
        using var dir = new TempDir();
        ItemStore.Save(TestItems.Priced(5), dir.File("test.jsonl"));

        var (exit, stdout, stderr) = PricerProcess.Run("evaluate", "--pricer", "random", "--test", dir.File("test.jsonl"), "--out", "/proc/x");

        Assert.Equal(1, exit);
        Assert.Contains("/proc/x", stderr);
        Assert.DoesNotContain("Guess:", stdout + stderr); // nothing was priced
    }

    [Fact]
    public void Evaluate_fails_an_item_priced_1e300_instead_of_crashing_the_json()
    {
        using var dir = new TempDir();
        ItemStore.Save([.. TestItems.Priced(5), TestItems.Make("Gold-plated moon", 1e300)], dir.File("test.jsonl"));

        var (exit, stdout, stderr) = PricerProcess.Run("evaluate", "--pricer", "random", "--test", dir.File("test.jsonl"), "--json",
            "--results", dir.File("results"));

        Assert.True(exit == 0, stderr);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(5, json.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("failed").GetInt32());
        Assert.Contains("beyond $1,000,000,000", stderr);
    }
}

/// <summary>Issue 10, case 5 through the CLI: runs that share a title are told apart by their names.</summary>
[Trait("Category", "Slow")]
public class LeaderboardHardeningTests
{
    [Fact]
    public void Runs_with_the_same_title_show_their_run_names()
    {
        using var dir = new TempDir();
        ItemStore.Save(TestItems.Priced(5), dir.File("test.jsonl"));
        foreach (var (name, seed) in new[] { ("first", "1"), ("second", "2") })
            Assert.Equal(0, PricerProcess.Run("evaluate", "--pricer", "random", "--test", dir.File("test.jsonl"), "--name", name, "--seed", seed,
                "--title", "Same title", "--results", dir.File("results")).ExitCode);
        File.WriteAllText(dir.File("results/.hidden.json"), "{}");

        var (exit, stdout, stderr) = PricerProcess.Run("leaderboard", "--no-reference", "--results", dir.File("results"));

        Assert.True(exit == 0, stderr);
        Assert.Contains("Same title (first)", stdout);
        Assert.Contains("Same title (second)", stdout);
        Assert.DoesNotContain("hidden", stdout + stderr);
    }
}
