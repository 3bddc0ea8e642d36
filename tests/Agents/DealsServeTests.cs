using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PricerLib.Charts;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Agents;

/// <summary>
/// <c>pricer deals serve</c> as a real process: its first run, the page rendered by headless Chromium (the DOM and a
/// screenshot under out/), the 3D map of a small store, a run on demand refused while one is going, and an alert re-sent for a row.
/// </summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public class DealsServeTests
{
    [SkippableFact]
    public async Task The_page_shows_the_opportunities_and_the_agents_log_and_a_row_re_sends_its_alert()
    {
        var chromium = FindChromium();
        await using var rig = await AgentRig.StartAsync();
        using var storeDir = new TempDir();
        var store = VectorStoreMapTests.BuildStore(storeDir, 12);
        rig.SelectDeals(DealSite.Catalogue[1]);
        rig.PriceAt(DealSite.Catalogue[1], 399);
        using var app = PricerProcess.Start(new Dictionary<string, string?>
        {
            ["PUSHOVER_USER"] = AgentRig.PushoverUser, ["PUSHOVER_TOKEN"] = AgentRig.PushoverToken, ["PRICER_CACHE"] = rig.Folder.File("cache"),
        },
        [
            "deals", "serve", "--port", "0", "--every", "0", "--pricer", "frontier:gpt-4o-mini", "--base-url", rig.Server.BaseUrl.AbsoluteUri,
            "--chat-url", rig.Server.BaseUrl.AbsoluteUri, "--feed", rig.Site.Feed("electronics").AbsoluteUri, "--pause", "0",
            "--memory", rig.MemoryFile, "--pushover-url", rig.Pushover.Endpoint.AbsoluteUri, "--store", store,
        ]);
        try
        {
            var root = await AppUrlAsync(app);
            using var http = new HttpClient { BaseAddress = root };
            await WaitForAsync(http, async () => (await http.GetFromJsonAsync<JsonObject>("api/opportunities"))!["opportunities"]!.AsArray().Count == 1);
            Assert.Single(rig.Pushover.Messages); // the first run's alert

            var dom = HeadlessChromium.Run(chromium, "--dump-dom", "--virtual-time-budget=3000", root.AbsoluteUri);
            Assert.Contains("<h1>The Price is Right - Deal Hunting Agentic AI</h1>", dom);
            Assert.Contains($"<td>{DealSite.Catalogue[1].Details}</td><td class=\"money\">$248.00</td><td class=\"money\">$399.00</td><td class=\"money\">$151.00</td>", dom);
            Assert.Contains("[Planning Agent] Planning Agent has identified the best deal has discount $151.00", dom);
            Assert.DoesNotContain(AgentRig.PushoverToken, dom);

            var screenshot = Path.Combine(WorkbookSettings.Current.Out, "deals-serve.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            HeadlessChromium.Run(chromium, $"--screenshot={screenshot}", "--window-size=1280,1400", "--virtual-time-budget=3000", root.AbsoluteUri);
            Assert.True(new FileInfo(screenshot).Length > 10_000);

            // The map frame holds the store's 3D scatter: one trace per category, every row a point.
            var map = (await HeadlessChromium.EvaluateAsync(chromium, root, MapPoints))!.AsObject();
            Assert.Equal(12, (int)map["points"]!);
            Assert.Equal("scatter3d", (string?)map["type"]);
            Assert.Contains("Drew the map of 12 of the store", await http.GetStringAsync("api/log")); // JSON escapes the apostrophe

            // A click on the row in the browser re-sends its alert; the page shows the outcome.
            var status = await HeadlessChromium.EvaluateAsync(chromium, root, ClickFirstRow);
            Assert.Equal("Alert 0: Sent", (string?)status);
            Assert.Equal(2, rig.Pushover.Messages.Count);
            Assert.Equal(rig.Pushover.Messages.First()["message"], rig.Pushover.Messages.Last()["message"]);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.PostAsync("api/alert/7", null)).StatusCode);

            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await http.PostAsync("api/run", null)).StatusCode);
            await WaitForAsync(http, async () => (await http.GetStringAsync("api/log")).Contains("Scanner Agent received 2 deals not already scraped"));
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            app.WaitForExit();
        }
    }

    /// <summary>Waits for the table's first row, clicks it, and answers the status line once the alert's outcome is shown.</summary>
    private const string ClickFirstRow = """
        new Promise(resolve => {
          const wait = setInterval(() => {
            const row = document.querySelector('#opportunities tbody tr');
            if (!row) return;
            clearInterval(wait);
            row.click();
            const shown = setInterval(() => {
              const status = document.getElementById('alert').textContent;
              if (status.startsWith('Alert')) { clearInterval(shown); resolve(status); }
            }, 50);
          }, 50);
        })
        """;

    /// <summary>Waits for the map frame's plot and answers its trace type and number of points.</summary>
    private const string MapPoints = """
        new Promise(resolve => {
          const wait = setInterval(() => {
            const plot = document.getElementById('map').contentDocument?.querySelector('.js-plotly-plot');
            if (!plot || !plot.data) return;
            clearInterval(wait);
            resolve({ type: plot.data[0].type, points: plot.data.reduce((n, t) => n + t.x.length, 0) });
          }, 100);
        })
        """;

    private static async Task<Uri> AppUrlAsync(Process app)
    {
        const string Marker = "The Price is Right: ";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await app.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(Marker)) return new Uri(line[(line.IndexOf(Marker) + Marker.Length)..].Split(' ')[0]);
        }
        throw new InvalidOperationException("deals serve ended without printing its URL: " + await app.StandardError.ReadToEndAsync());
    }

    private static async Task WaitForAsync(HttpClient app, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("The app did not get there in 60 s. Its log: " + await app.GetStringAsync("api/log"));
            await Task.Delay(200);
        }
    }

    private static string FindChromium()
    {
        try { return ChromiumRenderer.FindExecutable(Environment.GetEnvironmentVariable(ChromiumRenderer.EnvironmentVariable), Environment.GetEnvironmentVariable("PATH")); }
        catch (FileNotFoundException e) { Skip.If(true, "The page test needs Chromium: " + e.Message); throw; }
    }
}
