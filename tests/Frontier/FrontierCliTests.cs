using System.Text.Json;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Frontier;
using PricerLib.Pricers;
using PricerLib.TestServer;
using PricerLib.Tests.Evaluation;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Frontier;

/// <summary>The frontier kinds through the registry and the real CLI, against the test server.</summary>
public class FrontierCliTests
{
    [Fact]
    public async Task The_registry_builds_a_frontier_pricer_from_its_declared_options()
    {
        await using var rig = await FrontierRig.StartAsync();
        var settings = new WorkbookSettings { Cache = rig.CacheFolder };
        var options = new Dictionary<string, string?> { ["base-url"] = rig.Server.BaseUrl.AbsoluteUri, ["token-limit"] = "max_completion_tokens", ["max-tokens"] = "7" };

        await using var pricer = await WorkbookPricers.Create(settings).CreateAsync("frontier:ft:gpt-4o-mini-2024-07-18:org::abc", options);
        await pricer.PriceAsync(TestItems.Make("Kettle", 40));

        var body = rig.Server.Requests[0].Json!;
        Assert.Equal("ft:gpt-4o-mini-2024-07-18:org::abc", (string?)body["model"]);
        Assert.Equal(7, (int)body["max_completion_tokens"]!);
        Assert.Equal("Bearer no-key", rig.Server.Requests[0].Headers["authorization"]); // a custom URL gets no key unless named
        Assert.Equal(1, new ResponseCache(Path.Combine(rig.CacheFolder, FrontierPricers.CacheFolderName)).Count);
    }

    [Fact]
    public async Task Openai_without_its_key_explains_how_to_set_one()
    {
        var options = new Dictionary<string, string?> { ["api-key-env"] = "PRICER_TEST_UNSET_KEY_VARIABLE" };

        var e = await Assert.ThrowsAsync<FrontierException>(() => WorkbookPricers.Create().CreateAsync("frontier:gpt-4o-mini", options).AsTask());

        Assert.Contains("PRICER_TEST_UNSET_KEY_VARIABLE or in the workbook's .NET user-secrets", e.Message);
    }

    [Theory]
    [InlineData("provider", "nope", "takes one of")]
    [InlineData("base-url", "ftp://x", "must be an http(s) URL")]
    public async Task Bad_provider_settings_are_clear_errors(string option, string value, string message)
    {
        var e = await Assert.ThrowsAnyAsync<PricerException>(() =>
            WorkbookPricers.Create().CreateAsync("frontier:m", new Dictionary<string, string?> { [option] = value }).AsTask());
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public async Task A_run_above_the_confirmation_threshold_sends_nothing_without_yes()
    {
        await using var rig = await FrontierRig.StartAsync();
        var items = TestItems.Priced(3);
        await using (var warm = rig.Pricer(rig.Cached, model: "gpt-4o")) await warm.PriceAsync(items[0]);
        var log = new StringWriter();
        await using var pricer = rig.Pricer(rig.Cached with { ConfirmAboveUsd = 0.000001, Log = log }, model: "gpt-4o");

        var report = await Tester.RunAsync(pricer, items);

        Assert.Equal(1, rig.Server.CountOf("chat/completions")); // only the warm-up; cached answers still count
        Assert.False(report.Items[0].Failed);
        Assert.All(report.Items.Skip(1), r => Assert.Contains("pass --yes", r.FailedReason));
        Assert.Contains("1 of 3 answers cached; to send: 2 requests", log.ToString());

        await using var confirmed = rig.Pricer(rig.Cached with { ConfirmAboveUsd = 0.000001, Confirmed = true }, model: "gpt-4o");
        Assert.Equal(0, (await Tester.RunAsync(confirmed, items)).Metrics.Failed);
        Assert.Equal(3, rig.Server.CountOf("chat/completions"));
    }

    [Fact]
    public void The_price_table_is_data_with_its_date_and_source()
    {
        var table = PriceTable.Default;

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", table.Date);
        Assert.NotEmpty(table.Source);
        Assert.Equal(new ModelPrice(2.50, 10.00), table.Find("gpt-4o-2024-08-06"));
        Assert.Equal(new ModelPrice(0.15, 0.60), table.Find("gpt-4o-mini-2099-01-01"));
        Assert.Equal(new ModelPrice(0.30, 1.20), table.Find("ft:gpt-4o-mini-2024-07-18:org:pricer:abc"));
        Assert.Null(table.Find("llama3"));
        Assert.Equal(0.075, table.Cost("gpt-4o-mini", 1_000_000, 0, batch: true)!.Value, 9);
    }

    [Fact]
    public void The_cost_estimate_counts_every_message()
    {
        var items = TestItems.Priced(250);

        var estimate = CostEstimate.For(items, "gpt-4o-mini", new FrontierOptions());

        Assert.Equal(1250, estimate.OutputTokens);
        Assert.InRange(estimate.InputTokens / 250.0, 25, 60); // system + short user + prefill, with framing
        Assert.Equal((estimate.InputTokens * 0.15 + 1250 * 0.60) / 1e6, estimate.CostUsd!.Value, 12);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Evaluate_frontier_prints_one_json_object_and_keeps_the_key_out_of_every_output()
    {
        await using var rig = await FrontierRig.StartAsync();
        ItemStore.Save(TestItems.Priced(12), rig.Folder.File("test.jsonl"));
        var environment = new Dictionary<string, string?> { ["MY_PROVIDER_KEY"] = FrontierRig.Key, [WorkbookSettings.Variables.Cache] = rig.CacheFolder };
        string[] args = ["evaluate", "--pricer", "frontier:gpt-4o-mini", "--base-url", rig.Server.BaseUrl.AbsoluteUri, "--api-key-env", "MY_PROVIDER_KEY",
            "--test", rig.Folder.File("test.jsonl"), "--workers", "8", "--json", "--out", rig.Folder.File("results")];

        var first = PricerProcess.Run(environment, args);
        var second = PricerProcess.Run(environment, args);

        Assert.True(first.ExitCode == 0, first.Stderr);
        using var json = JsonDocument.Parse(first.Stdout);
        Assert.Equal(12, json.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(12, rig.Server.CountOf("chat/completions")); // the second run came from the cache
        Assert.Equal(first.Stdout.Split("\"stored\"")[0], second.Stdout.Split("\"stored\"")[0]);
        Assert.Contains("12 of 12 answers cached", second.Stderr);
        Assert.All(rig.Server.Requests, r => Assert.Equal($"Bearer {FrontierRig.Key}", r.Headers["authorization"]));
        var everything = first.Stdout + first.Stderr + second.Stdout + second.Stderr + string.Concat(
            Directory.GetFiles(rig.Folder.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("test.jsonl")).Select(File.ReadAllText));
        Assert.DoesNotContain(FrontierRig.Key[^8..], everything);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Human_input_then_evaluate_human_round_trips_through_the_cli()
    {
        using var dir = new TempDir();
        ItemStore.Save(TestItems.Priced(5), dir.File("test.jsonl"));

        var input = PricerProcess.Run("human-input", "--test", dir.File("test.jsonl"), "--out", dir.File("human_input.csv"));
        Assert.True(input.ExitCode == 0, input.Stderr);
        File.WriteAllText(dir.File("human_output.csv"), File.ReadAllText(dir.File("human_input.csv")).Replace(",0\r\n", ",25\r\n"));
        var run = PricerProcess.Run("evaluate", "--pricer", "human", "--human-csv", dir.File("human_output.csv"), "--test", dir.File("test.jsonl"),
            "--json", "--out", dir.File("results"));

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(5, HumanCsv.Read(dir.File("human_input.csv")).Count);
        var stored = new ResultsStore(dir.File("results")).LoadAll().Runs.Single(); // named "human --human-csv FILE": the file gives the guesses
        Assert.All(stored.Items, i => Assert.Equal(25, i.Guess));
    }
}
