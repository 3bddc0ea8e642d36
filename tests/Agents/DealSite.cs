using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Agents;

/// <summary>A deal the test site publishes: its feed entry and its page.</summary>
internal sealed record SiteDeal(string Slug, string Title, string Summary, string Details, string Features, double Price);

/// <summary>
/// A local deal site in DealNews's recorded shape: RSS 2.0 feeds whose entries carry a <c>div.snippet.summary</c> in
/// their description, and deal pages with a <c>div.content-section</c> holding details, "Features" and a "more" link.
/// Served by <see cref="LocalFileServer"/>; also a feed path that is not RSS, and a listener that never answers (a feed
/// on it, or, with <c>silentPage</c>, the first deal's page).
/// </summary>
internal sealed class DealSite : IDisposable
{
    private readonly LocalFileServer _server;
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);

    public static IReadOnlyList<SiteDeal> Catalogue { get; } =
    [
        new("kettle", "Breville Electric Kettle for $39", "The Breville electric kettle <b>boils</b> 1.7 litres.",
            "Breville's 1.7-litre stainless steel kettle with five temperature settings and keep-warm.", "1500 watts, auto shut-off, 360-degree base", 39),
        new("headphones", "Sony WH-1000XM5 Headphones for $248", "Sony noise cancelling headphones.",
            "Sony WH-1000XM5 wireless noise cancelling over-ear headphones with 30 hours of battery.", "Bluetooth 5.2, multipoint, USB-C fast charge", 248),
        new("drill", "DeWalt 20V Drill Kit for $99", "DeWalt cordless drill kit.",
            "DeWalt 20V MAX cordless drill and driver kit with two batteries, charger and bag.", "Two-speed transmission, LED light", 99),
    ];

    public DealSite(IEnumerable<SiteDeal>? deals = null, bool pageWithoutSection = false, bool silentPage = false)
    {
        var chosen = (deals ?? Catalogue).ToList();
        _silent.Start();
        _server = new LocalFileServer(root =>
        {
            var files = new Dictionary<string, byte[]>
            {
                ["feeds/electronics.rss"] = Encoding.UTF8.GetBytes(Feed(root, chosen, silentPage ? SilentRoot : null)),
                ["feeds/empty.rss"] = Encoding.UTF8.GetBytes(Feed(root, [], null)),
                ["feeds/broken.rss"] = Encoding.UTF8.GetBytes("<html><body>Service unavailable</body>"),
            };
            foreach (var deal in chosen)
                files[$"deals/{deal.Slug}"] = Encoding.UTF8.GetBytes(pageWithoutSection && deal == chosen[0] ? "<html><body><p>Moved</p></body></html>" : Page(deal));
            return files;
        });
    }

    public LocalFileServer Server => _server;

    public Uri Feed(string name) => new(_server.BaseUrl, $"feeds/{name}.rss");

    public string DealUrl(SiteDeal deal) => DealUrl(_server.BaseUrl, deal);

    private static string DealUrl(Uri root, SiteDeal deal) => new Uri(root, $"deals/{deal.Slug}").AbsoluteUri;

    /// <summary>The scanner model's structured reply selecting <paramref name="deals"/>, described by their details.</summary>
    public string SelectionJson(IEnumerable<SiteDeal> deals) => new JsonObject
    {
        ["deals"] = new JsonArray(deals.Select(d => (JsonNode)new JsonObject
        {
            ["product_description"] = d.Details,
            ["price"] = d.Price,
            ["url"] = DealUrl(d),
        }).ToArray()),
    }.ToJsonString();

    /// <summary>A feed URL on a listener that accepts connections and never answers (a timeout).</summary>
    public Uri SilentFeed => new(SilentRoot, "feed.rss");

    private Uri SilentRoot => new($"http://127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}/");

    /// <summary>The feed of <paramref name="deals"/>; with <paramref name="silentRoot"/>, the first deal's link points there.</summary>
    private static string Feed(Uri root, IReadOnlyList<SiteDeal> deals, Uri? silentRoot)
    {
        var items = string.Concat(deals.Select((deal, i) => $"""
                <item>
                  <title>{WebUtility.HtmlEncode(deal.Title)}</title>
                  <link>{DealUrl(i == 0 && silentRoot is not null ? silentRoot : root, deal)}</link>
                  <description>{WebUtility.HtmlEncode($"<div class=\"snippet summary\" title=\"{deal.Title}\">{deal.Summary}\n</div><div class=\"store\">Amazon</div>")}</description>
                  <guid isPermaLink="false">{deal.Slug}</guid>
                  <pubDate>Mon, 07 Dec 2026 04:00:00 +0000</pubDate>
                </item>
            """));
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Test deals</title><link>{root}</link><description>Deals</description>{items}</channel></rss>
            """;
    }

    private static string Page(SiteDeal deal) => $"""
        <!DOCTYPE html><html><head><title>{deal.Title}</title></head><body>
        <nav>Home Deals</nav>
        <div class="content-section">
        <p>{deal.Details}</p>
        more
        <h3>Features</h3>
        <ul><li>{deal.Features}</li></ul>
        </div>
        <footer>Copyright</footer>
        </body></html>
        """;

    public void Dispose()
    {
        _server.Dispose();
        _silent.Stop();
    }
}
