using System.Text.Json.Nodes;
using PricerLib.Agents;
using PricerLib.Tests.Support;
using Xunit.Abstractions;

namespace PricerLib.Tests.Agents;

/// <summary><c>pricer deals scan</c> as a real process against the local deal site, test server and Pushover stand-in.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public class DealsCliTests(ITestOutputHelper output)
{
    private static string[] Args(AgentRig rig, params string[] more) =>
    [
        "deals", "scan", "--pricer", "frontier:gpt-4o-mini", "--base-url", rig.Server.BaseUrl.AbsoluteUri,
        "--chat-url", rig.Server.BaseUrl.AbsoluteUri, "--feed", rig.Site.Feed("electronics").AbsoluteUri, "--pause", "0",
        "--memory", rig.MemoryFile, "--pushover-url", rig.Pushover.Endpoint.AbsoluteUri, .. more,
    ];

    /// <summary>The Pushover keys in the child's environment, and its response cache in the rig's folder.</summary>
    private static Dictionary<string, string?> Environment(AgentRig rig) => new()
    {
        ["PUSHOVER_USER"] = AgentRig.PushoverUser, ["PUSHOVER_TOKEN"] = AgentRig.PushoverToken, ["PRICER_CACHE"] = rig.Folder.File("cache"),
    };

    [Fact]
    public async Task A_dry_run_scan_prints_one_camel_case_json_object_and_remembers_the_best_deal()
    {
        await using var rig = await AgentRig.StartAsync();
        rig.SelectDeals(DealSite.Catalogue[0], DealSite.Catalogue[1], DealSite.Catalogue[2]);
        rig.PriceAt(DealSite.Catalogue[0], 60);
        rig.PriceAt(DealSite.Catalogue[1], 399);
        rig.PriceAt(DealSite.Catalogue[2], 129);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, stdout, stderr) = PricerProcess.Run(Environment(rig), [.. Args(rig, "--dry-run", "--json")]);
        // The closing note's figures of one scripted run (reported, never asserted): the JSON and the process's wall time.
        output.WriteLine($"{stdout}\nprocess wall time {clock.Elapsed.TotalSeconds:0.00} s");

        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal((3, 3, 3, 3, 1), ((int)json["read"]!, (int)json["scraped"]!, (int)json["selected"]!, (int)json["priced"]!, (int)json["alerted"]!));
        Assert.Equal("Logged", (string?)json["alert"]);
        Assert.Equal(151.0, (double)json["opportunities"]![0]!["discount"]!);
        Assert.Equal(rig.Site.DealUrl(DealSite.Catalogue[1]), (string?)json["best"]!["url"]);
        Assert.True((double)json["costUsd"]! > 0);
        Assert.Empty(rig.Pushover.Messages);
        Assert.Contains("[Messaging Agent] Messaging Agent (dry run) would push: Deal Alert!", stderr);
        Assert.Single(new DealMemory(rig.MemoryFile).Read(w => Assert.Fail(w)));
        Assert.DoesNotContain(AgentRig.PushoverToken, stdout + stderr);
    }

    [Fact]
    public async Task A_second_scan_skips_the_remembered_deal_and_sends_a_real_alert_to_pushover()
    {
        await using var rig = await AgentRig.StartAsync();
        new DealMemory(rig.MemoryFile).Write([Opportunity.Of(new Deal("Sony", 248, rig.Site.DealUrl(DealSite.Catalogue[1])), 399)]);
        rig.SelectDeals(DealSite.Catalogue[2]);
        rig.PriceAt(DealSite.Catalogue[2], 300);

        var (code, stdout, stderr) = PricerProcess.Run(Environment(rig), Args(rig));

        Assert.True(code == 0, stderr);
        Assert.Contains("Deals read 3, new 2, selected 1, priced 1, alerted 1", stdout);
        Assert.Contains("Discount=$201.00", Assert.Single(rig.Pushover.Messages)["message"]);
        Assert.Equal(2, new DealMemory(rig.MemoryFile).Read(w => Assert.Fail(w)).Count);
    }

    [Theory]
    [InlineData(new[] { "deals", "scan" }, "--pricer SPEC or --trained DIR is required")]
    [InlineData(new[] { "deals", "scan", "--pricer", "constant", "--chat-url", "http://127.0.0.1:9/v1/" }, "train it with `pricer train`")]
    [InlineData(new[] { "deals", "scan", "--pricer", "random", "--feed", "file:///etc/passwd" }, "--feed must be an http(s) URL")]
    [InlineData(new[] { "deals", "scan", "--pricer", "random", "--chat-key-env", "PRICER_TEST_UNSET_KEY" }, "PRICER_TEST_UNSET_KEY")]
    public void Bad_options_are_clear_errors(string[] args, string message)
    {
        var (code, _, stderr) = PricerProcess.Run(new Dictionary<string, string?> { ["PRICER_TEST_UNSET_KEY"] = null }, args);

        Assert.NotEqual(0, code);
        Assert.Contains(message, stderr.Replace("\n", " "));
    }
}
