using System.Net;
using System.Net.Sockets;
using PricerLib.Data.Download;
using PricerLib.Frontier;
using PricerLib.Local;
using PricerLib.Local.Remote;
using PricerLib.Tests.Evaluation;
using PricerLib.Tests.Frontier;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Hardening;

/// <summary>
/// A port where nothing listens: every client says "Cannot reach URL: Connection refused." in the same words, at
/// once (a refused connection is not retried through the back-off), and names the URL it tried.
/// </summary>
public sealed class UnreachableServerTests
{
    private static Uri ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/v1/");
    }

    [Fact]
    public async Task Remote_says_it_cannot_reach_the_completions_url()
    {
        var url = ClosedPort();
        await using var pricer = new RemotePricer(url, "pricer", new LlamaPricingOptions(), apiKey: null);

        var e = await Assert.ThrowsAsync<RemoteCompletionException>(() => pricer.PriceAsync(TestItems.Make("A kettle", 40)));

        Assert.Equal($"Cannot reach {url}completions: Connection refused.", e.Message);
    }

    [Fact]
    public async Task Frontier_says_it_cannot_reach_the_endpoint_without_retrying()
    {
        var url = ClosedPort();
        var backend = new OpenAiChatBackend(new OpenAiConnection(url, ApiKey.Of("TEST_KEY", FrontierRig.Key), MaxRetries: 3));
        await using var pricer = new FrontierPricer(backend, "gpt-4o-mini", new FrontierOptions());

        var e = await Assert.ThrowsAsync<FrontierException>(() => pricer.PriceAsync(TestItems.Make("A kettle", 40)));

        Assert.Equal($"Cannot reach {url}: Connection refused.", e.Message);
        Assert.Equal(0, backend.RetryPolicy.Retries);
    }

    [Fact]
    public async Task Claude_says_it_cannot_reach_the_endpoint_without_the_sdk_retrying()
    {
        var url = ClosedPort();
        var backend = new AnthropicChatBackend(new AnthropicConnection(url, ApiKey.Of("TEST_KEY", FrontierRig.Key), MaxRetries: 3));
        await using var pricer = new FrontierPricer(backend, "claude-3-5-sonnet-20240620", new FrontierOptions());

        var e = await Assert.ThrowsAsync<FrontierException>(() => pricer.PriceAsync(TestItems.Make("A kettle", 40)));

        Assert.Equal($"Cannot reach {AnthropicConnection.RootOf(url)}: Connection refused.", e.Message);
        Assert.Equal(1, backend.Sends);
    }

    [Fact]
    public async Task A_download_fails_at_once_naming_its_url()
    {
        var url = new Uri(ClosedPort(), "LICENSE");
        using var dir = new TempDir();
        using var http = new HttpClient();
        var download = new ResumableDownload(http) { RetryDelay = TimeSpan.FromMinutes(10) }; // a retry would time the test out

        var e = await Assert.ThrowsAsync<DownloadException>(() => download.DownloadAsync(url, dir.File("LICENSE")));

        Assert.Equal($"Cannot reach {url}: Connection refused.", e.Message);
    }
}
