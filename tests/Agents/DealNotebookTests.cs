using PricerLib.Agents;
using PricerLib.Frontier;
using PricerLib.Pricers;

namespace PricerLib.Tests.Agents;

/// <summary>Notebook 11's settings (feeds and endpoint from the workbook's variables) driving the real agents, and its chart.</summary>
public class DealNotebookTests
{
    [Fact]
    public void Deal_feeds_are_read_from_the_variable_and_a_bad_url_is_a_clear_error()
    {
        var settings = WorkbookSettings.FromEnvironment(name => name == WorkbookSettings.Variables.DealFeeds
            ? "http://127.0.0.1:1/a.rss, http://127.0.0.1:1/b.rss" : null);
        Assert.Equal(["http://127.0.0.1:1/a.rss", "http://127.0.0.1:1/b.rss"], settings.DealFeeds!.Select(u => u.AbsoluteUri));
        Assert.Null(WorkbookSettings.FromEnvironment(_ => null).DealFeeds);

        var error = Assert.Throws<ArgumentException>(() => WorkbookSettings.FromEnvironment(name => name == WorkbookSettings.Variables.DealFeeds ? "feeds.rss" : null));
        Assert.Contains("'feeds.rss'", error.Message);
    }

    [Fact]
    public async Task The_notebook_settings_scan_the_local_site_price_with_the_endpoint_and_only_log_the_alert()
    {
        await using var rig = await AgentRig.StartAsync();
        rig.SelectDeals([.. DealSite.Catalogue]);
        foreach (var deal in DealSite.Catalogue) rig.PriceAt(deal, deal.Price + 100);
        var workbook = new WorkbookSettings
        {
            FrontierUrl = rig.Server.BaseUrl.AbsoluteUri,
            DealFeeds = [rig.Site.Feed("electronics")],
            Out = rig.Folder.Path,
            Cache = rig.Folder.File("cache"),
        };

        var setup = DealNotebook.Choose(workbook);

        Assert.True(setup.Available, setup.Explanation);
        Assert.True(setup.Settings!.Pushover.DryRun);
        Assert.Equal(Path.Combine(rig.Folder.Path, "deals", "memory.json"), setup.Settings.MemoryFile);
        await using var pricer = await WorkbookPricers.Create(workbook).CreateAsync("frontier:gpt-4o-mini", FrontierNotebook.Choose(workbook).Options);
        using var agents = new DealAgents(setup.Settings, pricer, rig.Log);
        var report = await agents.Framework.RunAsync();

        Assert.NotNull(report);
        Assert.Equal((3, 3, 3), (report.Scraped, report.Selected, report.Priced));
        Assert.Equal(Enumerable.Repeat(100.0, 3), report.Plan.Priced.Select(o => o.Discount));
        Assert.Equal(AlertOutcome.Logged, report.Plan.Alert);
        Assert.Empty(rig.Pushover.Messages);
        Assert.Single(new DealMemory(setup.Settings.MemoryFile).Read(w => Assert.Fail(w)));
    }

    [Fact]
    public void The_chart_plots_each_deal_against_the_line_and_refuses_an_empty_run()
    {
        var deals = new[] { Opportunity.Of(new Deal("Kettle", 39, "http://127.0.0.1/k"), 60), Opportunity.Of(new Deal("Drill", 99, "http://127.0.0.1/d"), 80) };

        var json = Plotly.NET.GenericChart.toChartHTML(DealNotebook.PriceVersusEstimate(deals));

        Assert.Contains("\"Kettle\"", json);
        Assert.Contains("estimate = price", json);
        Assert.Throws<ArgumentException>(() => DealNotebook.PriceVersusEstimate([]));
    }
}
