using System.Text.Json.Nodes;
using PricerLib.Agents;
using PricerLib.TestServer;

namespace PricerLib.Tests.Agents;

/// <summary>The scanner against the local deal site and the test server: structured outputs, memory, bad feeds and pages.</summary>
public class ScannerAgentTests
{
    [Fact]
    public async Task It_reads_new_deals_and_asks_for_the_DealSelection_schema_with_the_course_prompts()
    {
        await using var rig = await AgentRig.StartAsync();
        var (kettle, headphones) = (DealSite.Catalogue[0], DealSite.Catalogue[1]);
        rig.SelectDeals(kettle, headphones);
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings(), pricer, rig.Log);

        var scan = await agents.Scanner.ScanAsync([]);

        Assert.Equal(3, scan.Scraped.Count);
        Assert.Equal([rig.Site.DealUrl(kettle), rig.Site.DealUrl(headphones)], scan.Selected.Select(d => d.Url));
        Assert.Equal(kettle.Details, scan.Selected[0].ProductDescription);
        var body = Assert.Single(rig.Server.Requests).Json!;
        Assert.Equal("gpt-4o-mini", (string?)body["model"]);
        Assert.Equal("json_schema", (string?)body["response_format"]!["type"]);
        Assert.True((bool)body["response_format"]!["json_schema"]!["strict"]!);
        Assert.Equal("DealSelection", (string?)body["response_format"]!["json_schema"]!["name"]);
        var prompts = DealAgentPrompts.Scanner(PricerLib.Editions.CourseEdition.Course2024);
        Assert.Equal(prompts.System, (string?)body["messages"]![0]!["content"]);
        var user = (string)body["messages"]![1]!["content"]!;
        Assert.StartsWith(prompts.UserPrefix + "Title: Breville Electric Kettle for $39\nDetails: " + kettle.Details, user);
        Assert.Contains($"Features: {kettle.Features}\nURL: {rig.Site.DealUrl(kettle)}\n\nTitle: Sony", user);
        Assert.EndsWith("\n\nStrictly respond in JSON and include exactly 5 deals, no more.", user);
        Assert.Contains("[Scanner Agent] Scanner Agent received 2 selected deals with price>0 from OpenAI", rig.LogText);
    }

    [Fact]
    public async Task Urls_in_memory_are_skipped_before_their_page_is_fetched()
    {
        await using var rig = await AgentRig.StartAsync();
        rig.SelectDeals(DealSite.Catalogue[1]);
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings(), pricer, rig.Log);
        var known = Opportunity.Of(new Deal("kettle", 39, rig.Site.DealUrl(DealSite.Catalogue[0])), 100);

        var scan = await agents.Scanner.ScanAsync([known]);

        Assert.Equal(2, scan.Scraped.Count);
        Assert.Equal(1, scan.Counts.AlreadySeen);
        Assert.DoesNotContain(rig.Site.Server.Requests, r => r.Path == "deals/kettle");
        Assert.DoesNotContain("deals/kettle", rig.Server.Requests[0].Body);
    }

    [Fact]
    public async Task Broken_empty_and_silent_feeds_and_a_page_without_its_section_are_skipped_with_reasons()
    {
        await using var rig = await AgentRig.StartAsync(new DealSite(pageWithoutSection: true));
        rig.SelectDeals(DealSite.Catalogue[2]);
        await using var pricer = await rig.PricerAsync();
        var feeds = new[] { rig.Site.Feed("broken"), rig.Site.Feed("missing"), rig.Site.SilentFeed, rig.Site.Feed("empty"), rig.Site.Feed("electronics") };
        using var agents = new DealAgents(rig.Settings(feeds: feeds), pricer, rig.Log);

        var scan = await agents.Scanner.ScanAsync([]);

        Assert.Equal(2, scan.Scraped.Count); // the kettle's page has no content section
        Assert.Equal((2, 3, 1), (scan.Counts.FeedsRead, scan.Counts.FeedsFailed, scan.Counts.PagesFailed));
        var warnings = rig.Log.Entries.Where(e => e.IsWarning).Select(e => e.Message).ToList();
        Assert.Contains(warnings, w => w.Contains("broken.rss is not RSS or Atom"));
        Assert.Contains(warnings, w => w.Contains("missing.rss answered 404"));
        Assert.Contains(warnings, w => w.Contains("did not answer within 2 s"));
        Assert.Contains(warnings, w => w.Contains("deals/kettle has no content section"));
        Assert.Single(scan.Selected);
    }

    [Theory]
    [InlineData("{\"deals\": \"none\"}", "no \"deals\" list")]
    [InlineData("I found some deals!", "not the DealSelection JSON")]
    public async Task A_reply_that_breaks_the_schema_is_logged_and_nothing_is_selected(string reply, string reason)
    {
        await using var rig = await AgentRig.StartAsync();
        rig.AnswerScans(ServerReply.Text(reply));
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings(), pricer, rig.Log);

        var scan = await agents.Scanner.ScanAsync([]);

        Assert.Empty(scan.Selected);
        Assert.Contains(rig.Log.Entries, e => e.IsWarning && e.Message.Contains(reason));
    }

    [Fact]
    public async Task A_failing_chat_model_is_logged_and_the_scan_returns_what_it_read()
    {
        await using var rig = await AgentRig.StartAsync();
        rig.AnswerScans(ServerReply.Error(500));
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings(), pricer, rig.Log);

        var scan = await agents.Scanner.ScanAsync([]);

        Assert.Equal(3, scan.Scraped.Count);
        Assert.Empty(scan.Selected);
        Assert.Contains(rig.Log.Entries, e => e.IsWarning && e.Message.Contains("answered 500"));
    }

    [Fact]
    public async Task A_page_that_does_not_answer_is_skipped_with_its_reason_and_the_other_deals_go_on()
    {
        await using var rig = await AgentRig.StartAsync(new DealSite(silentPage: true));
        rig.SelectDeals(DealSite.Catalogue[1]);
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings(), pricer, rig.Log);

        var scan = await agents.Scanner.ScanAsync([]);

        Assert.Equal((3, 2, 1), (scan.Counts.Entries, scan.Scraped.Count, scan.Counts.PagesFailed));
        Assert.Contains(rig.Log.Entries, e => e.IsWarning && e.Message.Contains("deals/kettle did not answer within 2 s; skipped"));
        Assert.Equal(rig.Site.DealUrl(DealSite.Catalogue[1]), Assert.Single(scan.Selected).Url);
    }

    [Fact]
    public async Task Deals_priced_0_or_N_A_or_at_a_url_not_offered_are_dropped_with_reasons_and_the_good_one_is_priced()
    {
        await using var rig = await AgentRig.StartAsync();
        var good = JsonNode.Parse(rig.SelectionJson(DealSite.Catalogue[2]))!["deals"]![0]!;
        var reply = new JsonObject
        {
            ["deals"] = new JsonArray(
                new JsonObject { ["product_description"] = DealSite.Catalogue[0].Details, ["price"] = 0, ["url"] = rig.Site.DealUrl(DealSite.Catalogue[0]) },
                new JsonObject { ["product_description"] = DealSite.Catalogue[1].Details, ["price"] = "N/A", ["url"] = rig.Site.DealUrl(DealSite.Catalogue[1]) },
                new JsonObject { ["product_description"] = "A deal the model made up", ["price"] = 10, ["url"] = "http://127.0.0.1:1/deals/invented" },
                good.DeepClone()),
        };
        rig.AnswerScans(ServerReply.Text(reply.ToJsonString()));
        rig.PriceAt(DealSite.Catalogue[2], 300);
        await using var pricer = await rig.PricerAsync();
        using var agents = new DealAgents(rig.Settings(dryRun: true), pricer, rig.Log);

        var report = (await agents.Framework.RunAsync())!;

        Assert.Equal((3, 1, 1), (report.Scraped, report.Selected, report.Priced));
        Assert.Equal(rig.Site.DealUrl(DealSite.Catalogue[2]), report.Plan.Best!.Deal.Url);
        var dropped = rig.Log.Entries.Where(e => e.IsWarning && e.Message.StartsWith("Scanner Agent dropped a deal")).Select(e => e.Message).ToList();
        Assert.Equal(3, dropped.Count);
        Assert.Contains(dropped, m => m.Contains("price 0, not above 0"));
        Assert.Contains(dropped, m => m.Contains("no numeric price (\"N/A\")"));
        Assert.Contains(dropped, m => m.Contains("http://127.0.0.1:1/deals/invented, which was not offered"));
        Assert.Single(new DealMemory(rig.MemoryFile).Read(w => Assert.Fail(w)));
    }
}
