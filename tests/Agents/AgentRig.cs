using PricerLib.Agents;
using PricerLib.Editions;
using PricerLib.Frontier;
using PricerLib.Pricers;
using PricerLib.TestServer;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Agents;

/// <summary>
/// The deal agents wired to local servers only: the deal site (feeds and pages), the OpenAI-compatible test server (the
/// scanner's structured outputs, the planner's tool calls and the frontier pricer's prices) and a Pushover stand-in.
/// </summary>
internal sealed class AgentRig : IAsyncDisposable
{
    public static readonly string PushoverToken = $"push-token-{Guid.NewGuid():N}";
    public static readonly string PushoverUser = $"push-user-{Guid.NewGuid():N}";

    private AgentRig(OpenAiTestServer server, DealSite site)
    {
        Server = server;
        Site = site;
    }

    public OpenAiTestServer Server { get; }
    public DealSite Site { get; }
    public PushoverStandIn Pushover { get; } = new();
    public TempDir Folder { get; } = new();
    public AgentLog Log { get; } = new();
    public string MemoryFile => Folder.File("memory.json");

    public static async Task<AgentRig> StartAsync(DealSite? site = null) => new(await OpenAiTestServer.StartAsync(), site ?? new DealSite());

    /// <summary>The settings: the site's electronics feed, no pauses, short timeouts, real Pushover keys (given, not from the environment).</summary>
    public DealAgentSettings Settings(bool dryRun = false, IReadOnlyList<Uri>? feeds = null) =>
        new(CourseEdition.Course2024, new OpenAiConnection(Server.BaseUrl, ApiKey.Of("TEST_KEY", "test-key"), MaxRetries: 0),
            new PushoverSettings(ApiKey.Of("PUSHOVER_USER", PushoverUser), ApiKey.Of("PUSHOVER_TOKEN", PushoverToken), dryRun) { Endpoint = Pushover.Endpoint },
            MemoryFile)
        {
            Fetch = new DealFetchOptions(feeds ?? [Site.Feed("electronics")]) { PagePause = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(2) },
        };

    /// <summary>A real frontier pricer from the registry, against the test server.</summary>
    public ValueTask<IPricer> PricerAsync() => WorkbookPricers.Create(new WorkbookSettings { Cache = Folder.File("cache") })
        .CreateAsync("frontier:gpt-4o-mini", new Dictionary<string, string?> { ["base-url"] = Server.BaseUrl.AbsoluteUri });

    /// <summary>The scanner's request (it asks for a JSON schema) gets <paramref name="reply"/>.</summary>
    public void AnswerScans(ServerReply reply, int times = int.MaxValue) =>
        Server.When(r => r.Json?["response_format"] is not null, reply, times);

    /// <summary>The scanner selects these deals of the site, described by their details.</summary>
    public void SelectDeals(params SiteDeal[] deals) => AnswerScans(ServerReply.Text(SelectionJson(deals)));

    public string SelectionJson(params SiteDeal[] deals) => Site.SelectionJson(deals);

    /// <summary>The pricer's request for a deal gets <paramref name="estimate"/> (matched on the deal's details in the prompt).</summary>
    public void PriceAt(SiteDeal deal, double estimate) =>
        Server.When(r => r.Json?["response_format"] is null && r.Json?["tools"] is null && (r.LastMessage()?.Contains(deal.Details, StringComparison.Ordinal) ?? false),
            ServerReply.Text(estimate.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Every line the agents logged, as text.</summary>
    public string LogText => string.Join("\n", Log.Entries.Select(e => e.ToString()));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Site.Dispose();
        Pushover.Dispose();
        Folder.Dispose();
    }
}
