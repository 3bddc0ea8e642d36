using PricerLib.Data;
using PricerLib.TestServer;
using PricerLib.Tests.Frontier;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Editions;

/// <summary><c>pricer summarize</c> through the real CLI against the test server.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class SummarizeCliTests
{
    [Fact]
    public async Task Summarize_shows_the_estimate_stops_at_the_budget_and_resumes_from_its_output()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Responder = request => ServerReply.Text("Title: " + request.LastMessage()!.Split('\n')[0]);
        var raw = Enumerable.Range(0, 4).Select(i => new Item { Title = $"Gadget {i}", Price = 20 + i, Prompt = $"raw {i}", Full = $"Gadget {i}\nA gadget.", Id = i }).ToList();
        ItemStore.Save(raw, rig.Folder.File("raw.jsonl"));
        var environment = new Dictionary<string, string?> { [WorkbookSettings.Variables.Cache] = rig.CacheFolder };
        string[] args = ["summarize", "--items", rig.Folder.File("raw.jsonl"), "--out", rig.Folder.File("summarized.jsonl"), "--base-url", rig.Server.BaseUrl.AbsoluteUri];

        var first = PricerProcess.Run(environment, [.. args, "--max-requests", "3", "--workers", "1"]);
        var second = PricerProcess.Run(environment, args);

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("to send: 4 requests", first.Stderr);
        Assert.Contains("Stopped early", first.Stderr);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("Resuming: 3 summaries kept", second.Stderr);
        Assert.Equal(4, rig.Server.CountOf("/chat/completions"));
        var items = ItemStore.Load(rig.Folder.File("summarized.jsonl"));
        Assert.Equal(raw.Select(i => "Title: " + i.Title), items.Select(i => i.Summary));
        Assert.Equal("What does this cost to the nearest dollar?\n\nTitle: Gadget 3\n\nPrice is $23.00", items[3].Prompt);
    }
}
