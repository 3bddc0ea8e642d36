using PricerLib.Evaluation;
using PricerLib.Pricers;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Evaluation;

public class ResultsStoreTests
{
    private static async Task<RunRecord> MakeRun(string name, double offset, double? cost = null)
    {
        var pricer = Predictor.FromPriceAsync((item, _) => Task.FromResult(item.Price + offset));
        var report = await Tester.RunAsync(pricer, TestItems.Priced(6), new TesterOptions { Title = name });
        var run = RunRecord.From(report, name, "test:" + name, new PricerDetails("test", "m-1", new Dictionary<string, string> { ["k"] = "v" }),
            new RunSettings(6, 42, 1, "test.jsonl"), report.Bootstrap(200), trainSeconds: 0.5);
        return cost is null ? run : run with { CostUsd = cost };
    }

    [Fact]
    public async Task A_run_file_from_before_options_and_saved_models_still_loads()
    {
        using var dir = new TempDir();
        var store = new ResultsStore(dir.Path);
        var run = await MakeRun("old", 5);
        var path = store.Save(run with { Settings = run.Settings with { Options = new Dictionary<string, string> { ["method"] = "greedy" }, TrainSha256 = "ab" } });
        // What an earlier version wrote: settings without the fields added with trained models and options.
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        var settings = json["settings"]!.AsObject();
        foreach (var added in new[] { "options", "trainSha256", "trainedModel" }) Assert.True(settings.Remove(added), added);
        File.WriteAllText(path, json.ToJsonString());

        var loaded = store.Load("old")!;
        Assert.Null(loaded.Settings.Options);
        Assert.Null(loaded.Settings.TrainSha256);
        Assert.Equal(run.Metrics, loaded.Metrics);
    }

    [Fact]
    public async Task A_run_round_trips_through_its_json_file()
    {
        using var dir = new TempDir();
        var store = new ResultsStore(dir.Path);
        var run = await MakeRun("GPT 4o mini", 30, cost: 0.012);
        string path = store.Save(run);

        Assert.Equal(Path.Combine(dir.Path, "gpt-4o-mini.json"), path);
        var loaded = store.Load("GPT 4o mini")!;
        Assert.Equal(run.Metrics, loaded.Metrics);
        Assert.Equal(run.Bootstrap, loaded.Bootstrap);
        Assert.Equal(run.Settings, loaded.Settings);
        Assert.Equal(run.Items, loaded.Items);
        Assert.Equal(run.Timing, loaded.Timing);
        Assert.Equal(0.012, loaded.CostUsd);
        Assert.Equal("m-1", loaded.Model.Model);
        Assert.Equal("v", loaded.Model.Parameters["k"]);
        Assert.Equal(run.Timestamp, loaded.Timestamp);
        Assert.Equal(RunRecord.CurrentToolVersion, loaded.ToolVersion);
        Assert.Contains("\"color\": \"Green\"", File.ReadAllText(path));
        Assert.Equal(run.ToReport().ChartTitle, loaded.ToReport().ChartTitle);
    }

    [Fact]
    public async Task Saving_the_same_name_replaces_the_run_and_leaves_no_temp_file()
    {
        using var dir = new TempDir();
        var store = new ResultsStore(dir.Path);
        store.Save(await MakeRun("random", 100));
        store.Save(await MakeRun("Random!", 5)); // same slug "random": the same run

        Assert.Equal(["random.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        var runs = store.LoadAll().Runs;
        Assert.Single(runs);
        Assert.Equal(5, runs[0].Metrics.Error);
        Assert.Equal("Random!", runs[0].Name);
    }

    [Theory]
    [InlineData("GPT-4o mini", "gpt-4o-mini")]
    [InlineData("frontier:gpt-4o-mini", "frontier-gpt-4o-mini")]
    [InlineData("  llama:/models/x.gguf ", "llama-models-x-gguf")]
    [InlineData("!!!", "run")]
    public void Slug_is_lower_case_words_joined_by_dashes(string name, string slug) => Assert.Equal(slug, ResultsStore.Slug(name));

    [Fact]
    public async Task A_corrupt_file_is_skipped_with_a_warning_naming_it()
    {
        using var dir = new TempDir();
        var store = new ResultsStore(dir.Path);
        store.Save(await MakeRun("good", 1));
        File.WriteAllText(dir.File("broken.json"), "{\"name\": \"broken\", \"title\": ");
        File.WriteAllText(dir.File("other.json"), "{\"hello\": 1}");

        var loaded = store.LoadAll();
        Assert.Equal(["good"], loaded.Runs.Select(r => r.Name));
        Assert.Equal(2, loaded.Warnings.Count);
        Assert.Contains(loaded.Warnings, w => w.Contains("broken.json"));
        Assert.Contains(loaded.Warnings, w => w.Contains("other.json"));
    }

    [Fact]
    public void A_missing_folder_is_an_empty_store()
    {
        using var dir = new TempDir();
        var loaded = new ResultsStore(dir.File("none")).LoadAll();
        Assert.Empty(loaded.Runs);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public async Task Leaderboard_ranks_runs_and_course_figures_by_error()
    {
        var runs = new[] { await MakeRun("close", 2), await MakeRun("far", 500) };
        var rows = Leaderboard.Rows(runs, CourseReference.Load());
        Assert.Equal(16, rows.Count);
        Assert.Equal("close", rows[0].Name);
        Assert.Equal("far", rows[^1].Name);
        Assert.Equal(rows.OrderBy(r => r.Error).Select(r => r.Error), rows.Select(r => r.Error));
        Assert.Equal(runs[0].Bootstrap!.Error, rows[0].ErrorCi);

        var entries = Leaderboard.Entries(runs, CourseReference.Load());
        var random = entries.Single(e => e.Name == "random (course 2024)");
        Assert.True(random.IsReference);
        Assert.Null(random.CiLow);
        Assert.Equal(11.6, random.HitsPercent);
        Assert.False(entries[0].IsReference);
    }
}
