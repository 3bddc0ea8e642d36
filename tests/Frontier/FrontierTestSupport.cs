using PricerLib.Frontier;
using PricerLib.TestServer;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Frontier;

/// <summary>A test server, a temporary cache folder and pricers wired to both.</summary>
internal sealed class FrontierRig : IAsyncDisposable
{
    // Made per run, so no key-shaped literal sits in the repository; its random tail is what the leak checks look for.
    public static readonly string Key = $"test-key-{Guid.NewGuid():N}";

    private FrontierRig(OpenAiTestServer server) => Server = server;

    public OpenAiTestServer Server { get; }
    public TempDir Folder { get; } = new();
    public string CacheFolder => Folder.File("cache");

    public static async Task<FrontierRig> StartAsync() => new(await OpenAiTestServer.StartAsync());

    /// <summary>An SDK backend against the server; retry waits scaled down 100× so tests stay fast.</summary>
    public OpenAiChatBackend Backend(int maxRetries = 3, TimeSpan? timeout = null) =>
        new(new OpenAiConnection(Server.BaseUrl, ApiKey.Of("TEST_KEY", Key), maxRetries, timeout, RetryDelayScale: 0.01));

    /// <summary>
    /// An Anthropic SDK backend against the server's <c>/v1/messages</c>. The SDK's waits cannot be scaled (its retry
    /// loop has no hook), so tests script short <c>retry-after-ms</c> waits or accept its 0.5 s first backoff.
    /// </summary>
    public AnthropicChatBackend Claude(int maxRetries = 3, TimeSpan? timeout = null) =>
        new(new AnthropicConnection(Server.Root, ApiKey.Of("TEST_KEY", Key), maxRetries, timeout));

    public FrontierPricer Pricer(FrontierOptions? options = null, IChatBackend? backend = null, string model = "gpt-4o-mini") =>
        new(backend ?? Backend(), model, options ?? new FrontierOptions());

    public FrontierOptions Cached => new() { Cache = new ResponseCache(CacheFolder) };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Folder.Dispose();
    }
}
