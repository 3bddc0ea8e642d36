using System.Text.Json;
using PricerLib.Evaluation;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Hardening;

/// <summary>Issue 10, cases 5 and 8: only run files are runs; huge numbers fail items, never the JSON.</summary>
public class StoreAndScoringTests
{
    [Theory]
    [InlineData("random.json", true)]
    [InlineData("gpt-4o-mini.json", true)]
    [InlineData(".hidden.json", false)]
    [InlineData(".x.json.0123456789abcdef.tmp.json", false)]
    [InlineData(".random.json.pricer-12-ab.tmp.json", false)]
    [InlineData("Random Run.json", false)]
    [InlineData(".json", false)]
    public void Only_names_the_store_gives_are_run_files(string name, bool isRun) =>
        Assert.Equal(isRun, ResultsStore.IsRunFileName(name));

    [Fact]
    public void Hidden_and_temp_files_are_not_read_as_runs_or_warned_about()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File(".hidden.json"), "{}");
        File.WriteAllText(dir.File(".x.json.0123456789abcdef.tmp.json"), "{");

        var stored = new ResultsStore(dir.Path).LoadAll();

        Assert.Empty(stored.Runs);
        Assert.Empty(stored.Warnings);
    }

    [Theory]
    [InlineData(1e200, 10)]
    [InlineData(10, 1e300)]
    [InlineData(10, -2e9)]
    public void A_truth_or_guess_beyond_a_billion_fails_the_item_with_its_reason(double truth, double guess)
    {
        var result = Scoring.Score(0, "t", truth, guess);

        Assert.True(result.Failed);
        Assert.Contains("beyond", result.FailedReason);
    }

    [Fact]
    public void Non_finite_metrics_are_written_as_null_not_a_crash()
    {
        var metrics = new Metrics(1, 0, double.PositiveInfinity, 1, 100, double.NaN, null, null);

        var json = JsonSerializer.Serialize(metrics, EvaluationJson.Options);
        var text = metrics.ToJson().ToJsonString(EvaluationJson.Options);

        Assert.Contains("\"error\": null", json);
        Assert.Contains("\"mse\": null", text);
        Assert.Equal(["error", "mse"], metrics.NonFinite());
        Assert.True(double.IsNaN(JsonSerializer.Deserialize<Metrics>(json, EvaluationJson.Options)!.Error));
    }
}
