using PricerLib.Agents;
using PricerLib.Frontier;
using PricerLib.TestServer;

namespace PricerLib.Tests.Agents;

/// <summary>The planner, messenger and framework end to end: a real frontier pricer, the test server, the Pushover stand-in.</summary>
public class PlanningAgentTests
{
    [Fact]
    public async Task The_best_discount_above_the_threshold_is_alerted_and_remembered()
    {
        await using var rig = await AgentRig.StartAsync();
        var (kettle, headphones, drill) = (DealSite.Catalogue[0], DealSite.Catalogue[1], DealSite.Catalogue[2]);
        rig.SelectDeals(kettle, headphones, drill);
        rig.PriceAt(kettle, 60);       // discount 21
        rig.PriceAt(headphones, 399);  // discount 151
        rig.PriceAt(drill, 129);       // discount 30
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings(), pricer, rig.Log);

        var report = await agents.Framework.RunAsync();

        Assert.NotNull(report);
        Assert.Equal((3, 3, 3, 3, 1), (report.Read, report.Scraped, report.Selected, report.Priced, report.Alerted));
        Assert.Equal([151.0, 30.0, 21.0], report.Plan.Priced.Select(o => o.Discount));
        var best = report.Plan.Best!;
        Assert.Equal(rig.Site.DealUrl(headphones), best.Deal.Url);
        var pushed = Assert.Single(rig.Pushover.Messages);
        Assert.Equal(AgentRig.PushoverToken, pushed["token"]);
        Assert.Equal(AgentRig.PushoverUser, pushed["user"]);
        Assert.Equal("cashregister", pushed["sound"]);
        Assert.Equal($"Deal Alert! Price=$248.00, Estimate=$399.00, Discount=$151.00 :Sony WH-10... {rig.Site.DealUrl(headphones)}", pushed["message"]);
        Assert.Equal([best], new DealMemory(rig.MemoryFile).Read(w => Assert.Fail(w)));
        Assert.DoesNotContain(AgentRig.PushoverToken, rig.LogText);
        Assert.DoesNotContain(AgentRig.PushoverUser, rig.LogText);
    }

    [Fact]
    public async Task Below_the_threshold_nothing_is_alerted_or_remembered()
    {
        await using var rig = await AgentRig.StartAsync();
        rig.SelectDeals(DealSite.Catalogue[0]);
        rig.PriceAt(DealSite.Catalogue[0], 89); // discount 50: the course alerts only above it
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings(), pricer, rig.Log);

        var report = (await agents.Framework.RunAsync())!;

        Assert.Null(report.Plan.Best);
        Assert.Equal(50, Assert.Single(report.Plan.Priced).Discount);
        Assert.Empty(rig.Pushover.Messages);
        Assert.False(File.Exists(rig.MemoryFile));
    }

    [Fact]
    public async Task A_dry_run_logs_the_alert_and_sends_nothing()
    {
        await using var rig = await AgentRig.StartAsync();
        rig.SelectDeals(DealSite.Catalogue[2]);
        rig.PriceAt(DealSite.Catalogue[2], 300);
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings(dryRun: true), pricer, rig.Log);

        var report = (await agents.Framework.RunAsync())!;

        Assert.Equal(AlertOutcome.Logged, report.Plan.Alert);
        Assert.Empty(rig.Pushover.Messages);
        Assert.Contains("(dry run) would push: Deal Alert! Price=$99.00, Estimate=$300.00", rig.LogText);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(503)]
    public async Task Pushover_refusing_is_logged_with_its_reason_and_the_opportunity_is_still_remembered(int status)
    {
        await using var rig = await AgentRig.StartAsync();
        rig.Pushover.Status = status;
        rig.SelectDeals(DealSite.Catalogue[2]);
        rig.PriceAt(DealSite.Catalogue[2], 300);
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings(), pricer, rig.Log);

        var report = (await agents.Framework.RunAsync())!;

        Assert.Equal(AlertOutcome.Failed, report.Plan.Alert);
        Assert.Contains($"Pushover answered {status} (user identifier is not a valid user", rig.LogText);
        Assert.Single(new DealMemory(rig.MemoryFile).Read(w => Assert.Fail(w)));
        Assert.DoesNotContain(AgentRig.PushoverToken, rig.LogText);
    }

    [Fact]
    public async Task A_deal_the_pricer_fails_on_is_skipped_and_the_others_are_priced()
    {
        await using var rig = await AgentRig.StartAsync();
        rig.SelectDeals(DealSite.Catalogue[0], DealSite.Catalogue[2]);
        rig.Server.When(r => r.LastMessage()?.Contains(DealSite.Catalogue[0].Details) == true && r.Json?["response_format"] is null,
            ServerReply.Error(400));
        rig.PriceAt(DealSite.Catalogue[2], 120);
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings(), pricer, rig.Log);

        var report = (await agents.Framework.RunAsync())!;

        Assert.Equal(rig.Site.DealUrl(DealSite.Catalogue[2]), Assert.Single(report.Plan.Priced).Deal.Url);
        Assert.Contains(rig.Log.Entries, e => e.IsWarning && e.Message.StartsWith("Planning Agent: the pricer"));
    }

    [Fact]
    public async Task A_run_asked_for_while_one_is_going_is_skipped_and_memory_is_intact()
    {
        await using var rig = await AgentRig.StartAsync();
        rig.AnswerScans(ServerReply.Text(rig.SelectionJson(DealSite.Catalogue[1])).After(TimeSpan.FromMilliseconds(800)));
        rig.PriceAt(DealSite.Catalogue[1], 400);
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings(dryRun: true), pricer, rig.Log);

        var first = agents.Framework.RunAsync();
        while (!agents.Framework.IsRunning) await Task.Delay(10);
        var second = await agents.Framework.RunAsync();

        Assert.Null(second);
        Assert.NotNull((await first)?.Plan.Best);
        Assert.Contains("A planner run is still going; this one is skipped", rig.LogText);
        Assert.Single(agents.Framework.Memory);
        Assert.Single(new DealMemory(rig.MemoryFile).Read(w => Assert.Fail(w)));
    }

    [Fact]
    public async Task Missing_pushover_keys_are_named_not_shown_and_nothing_is_sent()
    {
        await using var rig = await AgentRig.StartAsync();
        var settings = rig.Settings() with
        {
            Pushover = new PushoverSettings(ApiKey.Of("PUSHOVER_USER", ""), ApiKey.Of("PUSHOVER_TOKEN", AgentRig.PushoverToken)) { Endpoint = rig.Pushover.Endpoint },
        };
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(settings, pricer, rig.Log);

        var outcome = await agents.Messenger.AlertAsync(Opportunity.Of(new Deal("A kettle", 10, "http://a/1"), 100));

        Assert.Equal(AlertOutcome.Failed, outcome);
        Assert.Empty(rig.Pushover.Messages);
        Assert.Contains("PUSHOVER_USER and PUSHOVER_TOKEN must both be set", rig.LogText);
        Assert.DoesNotContain(AgentRig.PushoverToken, rig.LogText);
    }
}
