using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using PricerLib.Charts;
using PricerLib.Frontier;

namespace PricerLib.Agents;

/// <summary>Notebook 11's agent settings, or why its cells are skipped.</summary>
/// <param name="Settings">The agents' settings; null: skip the agent cells.</param>
/// <param name="Explanation">One paragraph for the reader: which feeds, which chat endpoint, and that alerts are dry runs.</param>
public sealed record DealNotebookSetup(DealAgentSettings? Settings, string Explanation)
{
    /// <summary>True when the agent cells can run.</summary>
    public bool Available => Settings is not null;
}

/// <summary>The notebooks' side of the deal agents: settings from the workbook's, and the chart of priced deals.</summary>
public static class DealNotebook
{
    /// <summary>
    /// The agents' settings for a notebook: the feeds of <see cref="WorkbookSettings.DealFeeds"/> (else the edition's
    /// DealNews feeds), the chat endpoint <see cref="FrontierNotebook.Choose"/> picks (the local server of
    /// <see cref="WorkbookSettings.FrontierUrl"/>, else OpenAI with the user's key), alerts as dry runs only, and memory
    /// under the output folder. No endpoint: null settings and how to get one.
    /// </summary>
    public static DealNotebookSetup Choose(WorkbookSettings settings)
    {
        var endpoint = FrontierNotebook.Choose(settings);
        if (!endpoint.Available) return new(null, endpoint.Explanation);
        var provider = FrontierProvider.Resolve(settings.FrontierUrl is null ? "openai" : null, settings.FrontierUrl, null);
        var feeds = settings.DealFeeds ?? DealFeeds.For(settings.Edition);
        string source = settings.DealFeeds is null
            ? $"the course's {feeds.Count} DealNews feeds (set {WorkbookSettings.Variables.DealFeeds} to read others)"
            : $"{feeds.Count} feed(s) from {WorkbookSettings.Variables.DealFeeds}";
        var agentSettings = new DealAgentSettings(settings.Edition, new OpenAiConnection(provider.BaseUrl, provider.ReadKey()),
            PushoverSettings.Find(dryRun: true), Path.Combine(settings.Out, "deals", "memory.json"))
        {
            Fetch = new DealFetchOptions(feeds) { EntriesPerFeed = 10, PagePause = settings.DealFeeds is null ? TimeSpan.FromSeconds(0.5) : TimeSpan.Zero },
        };
        return new(agentSettings, $"The agents read {source}. {endpoint.Explanation} Alerts are dry runs: logged, never pushed.");
    }

    /// <summary>Each priced deal's price on x and the pricer's estimate on y, with y = x: points above the line are bargains.</summary>
    /// <exception cref="ArgumentException">No opportunities.</exception>
    public static GenericChart PriceVersusEstimate(IReadOnlyList<Opportunity> opportunities)
    {
        ChartStyle.RequireAny(opportunities.ToArray(), nameof(opportunities), "priced deals");
        var prices = opportunities.Select(o => o.Deal.Price).ToArray();
        var estimates = opportunities.Select(o => o.Estimate).ToArray();
        double max = Math.Max(1, Math.Max(prices.Max(), estimates.Max()));
        var diagonal = Chart.Line<double, double, string>([0, max], [0, max], Name: "estimate = price", LineColor: ChartStyle.Css("deepskyblue"));
        var deals = Chart.Point<double, double, string>(prices, estimates, Name: "Deals",
                MultiText: opportunities.Select(o => Shorten(o.Deal.ProductDescription)).ToArray(), TextPosition: StyleParam.TextPosition.TopCenter);
        return Chart.Combine([diagonal, deals])
            .Framed($"{opportunities.Count} priced deals: above the line, the pricer thinks the deal is a bargain", "Deal price ($)", "Estimated value ($)", 900, 600);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "…";
}
