using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Frontier;
using PricerLib.TestServer;
using PricerLib.Tests.Frontier;

namespace PricerLib.Tests.Editions;

/// <summary>The 2025 preprocessor through the Batch API of the shared test server (upload, create, poll, download over HTTP).</summary>
public sealed class BatchItemSummarizerTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    private static Item Raw(int i, string? full = null) => new()
    {
        Title = $"Widget {i}", Price = 10 + i, Prompt = "", Full = full ?? $"Widget {i}\nA sturdy widget number {i} with {i} gears.",
    };

    private static IReadOnlyList<Item> Raws(int count) => [.. Enumerable.Range(0, count).Select(i => Raw(i))];

    private static OpenAiConnection Connection(FrontierRig rig) => new(rig.Server.BaseUrl, ApiKey.Of("TEST_KEY", FrontierRig.Key));

    private static BatchItemSummarizer Summarizer(FrontierRig rig, RunBudget? budget = null, TextWriter? log = null) =>
        new(Connection(rig), SummaryPrompt.DefaultModel,
            SummaryPrompt.Options(new ResponseCache(rig.CacheFolder)) with { Budget = budget ?? RunBudget.Unlimited, Log = log },
            rig.Folder.File("batches"), Poll);

    private static ServerReply Reply(CapturedRequest request) =>
        request.LastMessage()!.StartsWith("Widget 1\n", StringComparison.Ordinal) ? ServerReply.Text("")
        : request.LastMessage()!.StartsWith("Widget 2\n", StringComparison.Ordinal) ? ServerReply.Refusal()
        : ServerReply.Text("Title: " + request.LastMessage()!.Split('\n')[0]);

    [Fact]
    public async Task One_batch_carries_the_courses_requests_and_empty_refused_and_textless_items_are_counted_skips()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Responder = Reply;
        var log = new StringWriter();
        var items = Raws(4).Append(Raw(4, full: " ")).ToList();

        var outcome = await Summarizer(rig, log: log).SummarizeAsync(items);

        Assert.Single(rig.Server.Batches.All);
        Assert.Equal(0, rig.Server.CountOf("/chat/completions"));
        Assert.Equal((2, 0), (outcome.Written, outcome.FromCache));
        Assert.Equal(4, outcome.Estimate.Requests);
        Assert.Equal(["Title: Widget 0", null, null, "Title: Widget 3", null], outcome.Items.Select(i => i.Summary));
        Assert.Equal("What does this cost to the nearest dollar?\n\nTitle: Widget 3\n\nPrice is $13.00", outcome.Items[3].Prompt);
        Assert.Equal(["empty reply", $"refused: \"{ServerReply.RefusalText}\"", "no full text to summarize"], outcome.Skipped.Select(s => s.Reason));
        string text = log.ToString();
        Assert.True(text.IndexOf("to send: 4 requests", StringComparison.Ordinal) < text.IndexOf("Created batch", StringComparison.Ordinal), text);
        var body = System.Text.Json.Nodes.JsonNode.Parse(rig.Server.FilesAndJobs.FileContent(rig.Server.Batches.All[0]["input_file_id"]!.GetValue<string>())!.Split('\n')[0])!["body"]!;
        Assert.Equal("low", body["reasoning_effort"]!.GetValue<string>());
        Assert.StartsWith("Create a concise description of a product.", body["messages"]![0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_empty_reply_is_not_kept_so_the_next_run_asks_for_it_again()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Responder = Reply;
        await Summarizer(rig).SummarizeAsync(Raws(3));

        rig.Server.Responder = request => ServerReply.Text("Title: " + request.LastMessage()!.Split('\n')[0]);
        var again = await Summarizer(rig).SummarizeAsync(Raws(3));

        Assert.Equal(2, rig.Server.Batches.All.Count);
        Assert.Equal((2, 1), (again.Written, again.FromCache)); // Widget 1 (empty) and Widget 2 (refused) asked again
        Assert.Equal(["Title: Widget 0", "Title: Widget 1", "Title: Widget 2"], again.Items.Select(i => i.Summary));
        Assert.Empty(again.Skipped);
    }

    [Fact]
    public async Task A_run_stopped_while_its_batch_runs_picks_the_same_batch_up_again()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Batches.PollsBeforeDone = 1_000;
        using var stop = new CancellationTokenSource();
        var first = Summarizer(rig).SummarizeAsync(Raws(3), stop.Token);
        while (rig.Server.Batches.All.Count == 0 && !first.IsCompleted) await Task.Delay(10);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        rig.Server.Batches.PollsBeforeDone = 0;
        var log = new StringWriter();
        var outcome = await Summarizer(rig, log: log).SummarizeAsync(Raws(3));

        Assert.Single(rig.Server.Batches.All);
        Assert.Contains("Resuming batch", log.ToString());
        Assert.Equal(3, outcome.Written);
        Assert.Empty(outcome.Skipped);
    }

    [Fact]
    public async Task A_budget_reached_half_way_keeps_what_is_done_says_why_and_a_rerun_sends_the_rest()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Responder = request => ServerReply.Text("Title: " + request.LastMessage()!.Split('\n')[0]);

        var outcome = await Summarizer(rig, new RunBudget(2, null)).SummarizeAsync(Raws(5));
        var resumed = await Summarizer(rig).SummarizeAsync(outcome.Items);

        Assert.Equal((2, 3), (outcome.Written, outcome.Skipped.Count));
        Assert.Contains("--max-requests", outcome.StoppedBy);
        Assert.Equal((2, 3, 0), (resumed.Kept, resumed.Written, resumed.Skipped.Count));
        Assert.Equal(2, rig.Server.Batches.All.Count);
    }

    [Fact]
    public async Task Answers_cached_by_the_one_by_one_path_are_not_sent_again()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Responder = request => ServerReply.Text("Title: " + request.LastMessage()!.Split('\n')[0]);
        await new ItemSummarizer(rig.Backend(), options: SummaryPrompt.Options(new ResponseCache(rig.CacheFolder))).SummarizeAsync(Raws(2));

        var outcome = await Summarizer(rig).SummarizeAsync(Raws(3));

        Assert.Equal((1, 2), (outcome.Written, outcome.FromCache));
        var batchInput = rig.Server.FilesAndJobs.FileContent(rig.Server.Batches.All.Single()["input_file_id"]!.GetValue<string>());
        Assert.Single(batchInput!.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
