using PricerLib.Evaluation;
using PricerLib.Frontier;
using PricerLib.Pricers;
using PricerLib.Tests.Evaluation;

namespace PricerLib.Tests.Frontier;

/// <summary>
/// The cost gate is decided once, before any request: a server on this machine has none, and a model missing from
/// the price table is refused as "unknown", not as "above" the threshold.
/// </summary>
public sealed class CostGateTests
{
    [Fact]
    public async Task A_model_on_a_local_server_is_priced_without_yes_and_stored_and_ranked_at_0()
    {
        await using var rig = await FrontierRig.StartAsync();
        var options = new Dictionary<string, string?> { ["base-url"] = rig.Server.BaseUrl.AbsoluteUri };
        await using var pricer = await WorkbookPricers.Create(new WorkbookSettings { Cache = rig.CacheFolder }).CreateAsync("frontier:llama3.1", options);

        var report = await Tester.RunAsync(pricer, TestItems.Priced(3));
        var record = RunRecord.From(report, "local", "frontier:llama3.1", new PricerDetails("frontier", "llama3.1", new Dictionary<string, string>()),
            new RunSettings(Size: 3, Seed: 42, Workers: 1));

        Assert.Equal(0, report.Metrics.Failed);
        Assert.Equal(3, rig.Server.CountOf("chat/completions"));
        Assert.All(report.Items, item => Assert.Equal(0, item.CostUsd));
        Assert.Equal(0, record.CostUsd); // not null: null reads as "unknown"
        Assert.Equal(0, Assert.Single(Leaderboard.Rows([record])).CostUsd);
    }

    [Theory]
    [InlineData("ollama", null, 0.0)]
    [InlineData(null, "http://127.0.0.1:8080/v1/", 0.0)]
    [InlineData(null, "http://gpu-box:8000/v1/", null)] // a model missing from the table stays unknown off this machine
    public void A_local_server_prices_every_model_at_0(string? provider, string? baseUrl, double? cost)
    {
        var prices = PriceTable.For(FrontierProvider.Resolve(provider, baseUrl, null), file: null);

        Assert.Equal(cost, prices.Cost("llama3.1", 1_000, 5));
        Assert.Equal(cost, CostEstimate.For(TestItems.Priced(2), "llama3.1", new FrontierOptions { Prices = prices }).CostUsd);
    }

    [Theory]
    [InlineData("ollama", null, true)]
    [InlineData(null, "http://127.0.0.1:8080/v1/", true)]
    [InlineData(null, "http://localhost:8080/v1/", true)]
    [InlineData(null, "http://gpu-box:8000/v1/", false)]
    [InlineData("openai", null, false)]
    public void Only_servers_on_this_machine_are_local(string? provider, string? baseUrl, bool local) =>
        Assert.Equal(local, FrontierProvider.Resolve(provider, baseUrl, null).IsLocal);

    [Fact]
    public void An_unknown_cost_is_refused_as_unknown_and_a_known_one_above_the_threshold_as_above()
    {
        var gate = new FrontierOptions { ConfirmAboveUsd = 0.5 };

        var unknown = new CostEstimate(4, 400, 20, null).Refusal(gate);
        var above = new CostEstimate(4, 400, 20, 0.75).Refusal(gate);

        Assert.Contains("the cost is unknown", unknown);
        Assert.DoesNotContain("above", unknown);
        Assert.Contains("is above $0.5", above);
        Assert.Null(new CostEstimate(4, 400, 20, 0.25).Refusal(gate));
        Assert.Null(new CostEstimate(4, 400, 20, null).Refusal(gate with { Confirmed = true }));
    }
}
