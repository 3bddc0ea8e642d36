using System.Text.Json.Nodes;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Pricers;
using PricerLib.Retrieval;
using PricerLib.TestServer;
using PricerLib.Tests.Evaluation;
using PricerLib.Tests.Frontier;

namespace PricerLib.Tests.Retrieval;

/// <summary>The ensemble: its least-squares weights, the 2025 fixed weights, and members (a chat model over HTTP to the
/// test server, a seeded baseline, a saved model) trained, saved, loaded and cached.</summary>
public class EnsembleTests
{
    [Fact]
    public void Least_squares_recovers_weights_with_an_intercept_on_members_min_and_max()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 60).Select(_ => new[] { random.NextDouble() * 500, random.NextDouble() * 500 }).ToList();
        var prices = rows.Select(r => 12 + 0.5 * r[0] + 0.2 * r[1] + 0.1 * r.Min() + 0.3 * r.Max()).ToList();

        var combiner = EnsembleCombiner.Fit(["a", "b"], rows, prices);

        Assert.Equal(["a", "b", "min", "max"], combiner.Features);
        Assert.Equal(12, combiner.Intercept, 6);
        // a and b with min and max are collinear (min + max = a + b), so only the sums are determined; the fit reproduces the prices.
        for (int i = 0; i < rows.Count; i++) Assert.Equal(prices[i], combiner.Combine(rows[i]), 6);
        Assert.Equal(0, combiner.Combine([-1000, -1000]));
    }

    [Fact]
    public void Too_few_complete_fit_items_is_a_clear_error()
    {
        var error = Assert.Throws<PricerException>(() => EnsembleCombiner.Fit(["a", "b"], [[1, 2], [3, 4]], [1, 2]));
        Assert.Contains("at least 5 fit items", error.Message);
    }

    [Fact]
    public void The_2025_weights_are_the_courses_and_take_three_members()
    {
        var combiner = EnsembleCombiner.Course2025(["rag", "specialist", "network"]);
        Assert.Equal(0.8 * 100 + 0.1 * 50 + 0.1 * 20, combiner.Combine([100, 50, 20]), 12);
        Assert.Throws<PricerOptionException>(() => EnsembleCombiner.Course2025(["rag", "specialist"]));
    }

    [Fact]
    public void Members_parse_as_folders_or_specs_with_options()
    {
        using var dir = new Support.TempDir();
        File.WriteAllText(dir.File(ModelFolder.ManifestName), "{}");
        var members = EnsembleMember.ParseList($"rag:gpt-4o-mini --base-url http://127.0.0.1:1/v1/ --no-cache, {dir.Path} ,random");
        Assert.Equal("rag:gpt-4o-mini", members[0].Spec);
        Assert.Equal(new Dictionary<string, string> { ["base-url"] = "http://127.0.0.1:1/v1/", ["no-cache"] = "true" }, members[0].Options);
        Assert.Equal(dir.Path, members[1].Folder);
        Assert.Equal("random", members[2].Label);
        Assert.Throws<PricerOptionException>(() => EnsembleMember.ParseList("random,,constant"));
        Assert.Throws<PricerOptionException>(() => EnsembleMember.ParseList("random stray"));
        Assert.Throws<PricerOptionException>(() => EnsembleMember.ParseList(" "));
        string written = EnsembleMember.Write("rag:gpt-4o-mini", new Dictionary<string, string?> { ["base-url"] = "http://127.0.0.1:1/v1/", ["no-cache"] = null });
        Assert.Equal("rag:gpt-4o-mini", EnsembleMember.Parse(written).Spec);
        Assert.Equal(members[0].Options, EnsembleMember.Parse(written).Options);
        Assert.Throws<ArgumentException>(() => EnsembleMember.Write("rag:x", new Dictionary<string, string?> { ["vectors"] = "a b" }));
    }

    [Fact]
    public async Task Trains_saves_loads_and_never_asks_a_member_twice()
    {
        await using var rig = await FrontierRig.StartAsync();
        var registry = WorkbookPricers.Create(new WorkbookSettings { Cache = rig.CacheFolder });
        var train = TestItems.Priced(20, "Train");
        var fit = TestItems.Priced(12, "Fit");
        var test = TestItems.Priced(6, "Test");
        string constant = rig.Folder.File("constant");
        await SaveAsync(registry, "constant", train, constant);
        // --no-cache: only the ensemble's own guess cache can spare the chat model a second request.
        var options = Options($"frontier:gpt-4o-mini --base-url {rig.Server.BaseUrl} --no-cache --confirm-above 100,random,{constant}");

        string folder = rig.Folder.File("ensemble");
        await SaveAsync(registry, "ensemble", fit, folder, options);
        Assert.Equal(fit.Count, rig.Server.CountOf("chat/completions"));

        var saved = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, EnsemblePricer.FileName)))!;
        Assert.Equal("least-squares", (string?)saved["combiner"]!["method"]);
        Assert.Equal(5, saved["combiner"]!["coefficients"]!.AsArray().Count);
        Assert.Equal(12, (int)saved["fit"]!["used"]!);

        // A refit asks nobody again.
        await (await registry.Resolve("ensemble", options).TrainAsync(fit)).DisposeAsync();
        Assert.Equal(fit.Count, rig.Server.CountOf("chat/completions"));

        var loaded = await registry.LoadAsync(folder);
        await using (loaded.Pricer)
        {
            var report = await Tester.RunAsync(loaded.Pricer, test, new TesterOptions { Size = test.Count });
            Assert.All(report.Items, r => Assert.False(r.Failed, r.FailedReason));
            var ensemble = Assert.IsType<EnsemblePricer>(loaded.Pricer);
            var guesses = await ensemble.GuessesAsync(test);
            for (int i = 0; i < test.Count; i++) Assert.Equal(ensemble.Combiner.Combine(guesses.Row(i)!), report.Items[i].Guess!.Value, 9);
            Assert.Equal(DefaultResponder.PriceFor("How much does this cost?\n\nTest 1"), guesses.Prices[0][0]);
        }
        Assert.Equal(fit.Count + test.Count, rig.Server.CountOf("chat/completions"));
    }

    [Fact]
    public async Task A_member_failing_on_an_item_fails_that_item_and_is_left_out_of_the_fit()
    {
        await using var rig = await FrontierRig.StartAsync();
        var registry = WorkbookPricers.Create(new WorkbookSettings { Cache = rig.CacheFolder });
        rig.Server.When(r => r.LastMessage()?.Contains("Fit 3") == true || r.LastMessage()?.Contains("Test 2") == true, ServerReply.Error(400));
        var options = Options($"frontier:gpt-4o-mini --base-url {rig.Server.BaseUrl} --retries 0,random");

        await using var pricer = (EnsemblePricer)await registry.Resolve("ensemble", options).TrainAsync(TestItems.Priced(10, "Fit"));

        Assert.Equal((10, 9), (pricer.Fit!.Items, pricer.Fit.Used));
        Assert.StartsWith("fit item 2: member 'frontier:gpt-4o-mini", Assert.Single(pricer.Fit.Skipped));
        var report = await Tester.RunAsync(pricer, TestItems.Priced(3, "Test"), new TesterOptions { Size = 3 });
        Assert.False(report.Items[0].Failed);
        Assert.True(report.Items[1].Failed);
        Assert.Contains("member 'frontier:gpt-4o-mini' failed", report.Items[1].FailedReason);
        Assert.Null(report.Items[1].Guess);
    }

    [Fact]
    public async Task A_member_that_trains_must_be_given_as_its_folder()
    {
        var registry = WorkbookPricers.Create(new WorkbookSettings { Cache = Path.GetTempPath() });
        var error = await Assert.ThrowsAsync<PricerUnavailableException>(() => registry.Resolve("ensemble", Options("constant,random")).TrainAsync(TestItems.Priced(10)));
        Assert.Contains("--model-out DIR", error.Message);
    }

    private static Dictionary<string, string?> Options(string members) => new() { ["members"] = members };

    private static Task<string> SaveAsync(PricerRegistry registry, string spec, IReadOnlyList<Item> items, string folder, Dictionary<string, string?>? options = null) =>
        EnsemblePricers.TrainMemberAsync(registry, spec, items, folder, options);
}
