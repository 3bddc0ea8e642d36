using System.Text.Json.Nodes;
using PricerLib.Agents;
using PricerLib.TestServer;

namespace PricerLib.Tests.Agents;

/// <summary>The 2025 autonomous planner: a model on the test server calling the three tools, bounded in rounds and cost.</summary>
public class AutonomousPlanningAgentTests
{
    private static bool IsPlanner(CapturedRequest r) => r.Json?["tools"] is not null;

    [Fact]
    public async Task The_model_scans_estimates_and_notifies_through_the_tools()
    {
        await using var rig = await AgentRig.StartAsync();
        var (kettle, drill) = (DealSite.Catalogue[0], DealSite.Catalogue[2]);
        rig.SelectDeals(kettle, drill);
        rig.PriceAt(kettle, 70);
        rig.PriceAt(drill, 250);
        rig.Server.When(IsPlanner, ServerReply.Tool("scan_the_internet_for_bargains"), times: 1);
        rig.Server.When(IsPlanner, ServerReply.Tools(
            new("estimate_true_value", new JsonObject { ["description"] = kettle.Details }),
            new("estimate_true_value", new JsonObject { ["description"] = drill.Details })), times: 1);
        rig.Server.When(IsPlanner, ServerReply.Tool("notify_user_of_deal", new JsonObject
        {
            ["description"] = drill.Details, ["deal_price"] = 99, ["estimated_true_value"] = 250, ["url"] = rig.Site.DealUrl(drill),
        }), times: 1);
        rig.Server.When(IsPlanner, ServerReply.Text("OK"));
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings() with { Autonomous = true }, pricer, rig.Log);

        var report = (await agents.Framework.RunAsync())!;

        Assert.Equal(rig.Site.DealUrl(drill), report.Plan.Best!.Deal.Url);
        Assert.Equal(151, report.Plan.Best.Discount);
        Assert.Equal([151.0, 31.0], report.Plan.Priced.Select(o => o.Discount));
        Assert.Equal(AlertOutcome.Sent, report.Plan.Alert);
        Assert.StartsWith("Deal Alert! Price=$99.00, Estimate=$250.00", Assert.Single(rig.Pushover.Messages)["message"]);
        Assert.Single(agents.Framework.Memory);

        var planner = rig.Server.Requests.Where(IsPlanner).ToList();
        Assert.Equal(4, planner.Count);
        var first = planner[0].Json!;
        Assert.Equal("gpt-5.1", (string?)first["model"]);
        Assert.Equal(["scan_the_internet_for_bargains", "estimate_true_value", "notify_user_of_deal"],
            first["tools"]!.AsArray().Select(t => (string?)t!["function"]!["name"]));
        var notify = first["tools"]![2]!["function"]!["parameters"]!;
        Assert.Equal(["description", "deal_price", "estimated_true_value", "url"], notify["required"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(DealAgentPrompts.Autonomous.User, (string?)first["messages"]![1]!["content"]);
        var scanResult = planner[1].Json!["messages"]!.AsArray().Last(m => (string?)m!["role"] == "tool")!;
        Assert.Contains(rig.Site.DealUrl(kettle), (string?)scanResult["content"]);
        Assert.Contains("[Autonomous Planning Agent] Autonomous Planning Agent completed with: OK", rig.LogText);
    }

    [Fact]
    public async Task A_notification_for_a_url_the_scan_did_not_offer_is_refused()
    {
        await using var rig = await AgentRig.StartAsync();
        rig.SelectDeals(DealSite.Catalogue[0]);
        rig.Server.When(IsPlanner, ServerReply.Tool("scan_the_internet_for_bargains"), times: 1);
        rig.Server.When(IsPlanner, ServerReply.Tool("notify_user_of_deal", new JsonObject
        {
            ["description"] = "x", ["deal_price"] = 1, ["estimated_true_value"] = 500, ["url"] = "https://elsewhere.test/scam",
        }), times: 1);
        rig.Server.When(IsPlanner, ServerReply.Text("OK"));
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings() with { Autonomous = true }, pricer, rig.Log);

        var report = (await agents.Framework.RunAsync())!;

        Assert.Null(report.Plan.Best);
        Assert.Empty(rig.Pushover.Messages);
        Assert.Contains("https://elsewhere.test/scam, which the scan did not offer; ignored", rig.LogText);
    }

    [Fact]
    public async Task A_model_that_keeps_calling_tools_stops_at_the_round_limit()
    {
        await using var rig = await AgentRig.StartAsync();
        rig.SelectDeals(DealSite.Catalogue[0]);
        rig.Server.When(IsPlanner, ServerReply.Tool("scan_the_internet_for_bargains"));
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings() with { Autonomous = true, Limits = new AutonomousLimits(MaxRounds: 3) }, pricer, rig.Log);

        var report = (await agents.Framework.RunAsync())!;

        Assert.Null(report.Plan.Best);
        Assert.InRange(rig.Server.Requests.Count(IsPlanner), 1, 3);
    }

    [Fact]
    public async Task A_model_that_costs_more_than_the_budget_is_stopped()
    {
        await using var rig = await AgentRig.StartAsync();
        rig.SelectDeals(DealSite.Catalogue[0]);
        // gpt-4o at $2.50 per million input tokens: each round reports a million, so the second passes $0.50.
        rig.Server.When(IsPlanner, ServerReply.Tool("scan_the_internet_for_bargains") with { PromptTokens = 1_000_000, CompletionTokens = 0 });
        await using var pricer = await rig.PricerAsync();
        var settings = rig.Settings() with { Autonomous = true, PlannerModel = "gpt-4o", Limits = new AutonomousLimits(MaxRounds: 10, MaxCostUsd: 0.5) };
        using var agents = new DealAgents(settings, pricer, rig.Log);

        var report = (await agents.Framework.RunAsync())!;

        Assert.Equal(1, rig.Server.Requests.Count(IsPlanner));
        Assert.Equal(2.5, report.Plan.PlannerCostUsd, 6);
        Assert.Contains("Autonomous Planning Agent stopped: its budget is spent", rig.LogText);
    }
}
