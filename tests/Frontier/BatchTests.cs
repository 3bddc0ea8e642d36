using System.Text.Json.Nodes;
using PricerLib.Evaluation;
using PricerLib.Frontier;
using PricerLib.Frontier.Batch;
using PricerLib.Pricers;
using PricerLib.TestServer;
using PricerLib.Tests.Evaluation;

namespace PricerLib.Tests.Frontier;

/// <summary><c>frontier:MODEL --openai-batch</c>: OpenAI's Batch API on the real test server, behind the pricer seam.</summary>
public class BatchTests
{
    private static OpenAiBatchPricer Batch(FrontierRig rig, FrontierOptions? options = null) =>
        new(rig.Connection(), "gpt-4o-mini", options ?? rig.Cached, rig.Folder.File("batches"), TimeSpan.FromMilliseconds(5));

    private static int Creates(FrontierRig rig) => rig.Server.Requests.Count(r => r.Method == "POST" && r.Path is "/v1/batches" or "/v1/files");

    [Fact]
    public async Task Batch_lines_carry_the_chat_paths_exact_bodies_and_give_the_same_guesses()
    {
        await using var rig = await FrontierRig.StartAsync();
        var items = TestItems.Priced(4);
        await using var chat = rig.Pricer();
        var chatReport = await Tester.RunAsync(chat, items);
        var chatBodies = rig.Server.Requests.Where(r => r.Path == "/v1/chat/completions").ToDictionary(r => r.LastMessage()!, r => r.Json!);

        await using var batch = Batch(rig, new FrontierOptions());
        var batchReport = await Tester.RunAsync(batch, items);

        var input = rig.Server.FilesAndJobs.Files.Single(f => f.Purpose == "batch");
        var lines = rig.Server.FilesAndJobs.FileContent(input.Id)!.TrimEnd('\n').Split('\n').Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(4, lines.Count);
        foreach (var line in lines)
        {
            Assert.Equal("POST", (string?)line["method"]);
            Assert.Equal("/v1/chat/completions", (string?)line["url"]);
            var body = line["body"]!;
            string user = (string)body["messages"]!.AsArray().Last(m => (string?)m!["role"] == "user")!["content"]!;
            Assert.True(JsonNode.DeepEquals(chatBodies[user], body), $"chat: {chatBodies[user].ToJsonString()}\nbatch: {body.ToJsonString()}");
        }
        var batchCreate = rig.Server.Requests.Single(r => r.Method == "POST" && r.Path == "/v1/batches").Json!;
        Assert.Equal(input.Id, (string?)batchCreate["input_file_id"]);
        Assert.Equal("24h", (string?)batchCreate["completion_window"]);
        Assert.Equal(chatReport.Items.Select(i => i.Guess), batchReport.Items.Select(i => i.Guess));
        Assert.Equal(4, rig.Server.CountOf("chat/completions")); // the chat run's only
        Assert.Equal("openai-batch", batch.Details.Parameters["api"]);
    }

    [Fact]
    public async Task The_batch_costs_half_the_chat_price_in_the_estimate_and_per_answer()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Responder = _ => ServerReply.Text("19.99", promptTokens: 1000, completionTokens: 2);
        var log = new StringWriter();
        var items = TestItems.Priced(3);
        var expectedEstimate = CostEstimate.For(items, "gpt-4o-mini", new FrontierOptions()).CostUsd!.Value / 2;

        await using var batch = Batch(rig, new FrontierOptions { Log = log });
        var results = await batch.PriceManyAsync(items, 8).ToListAsync();

        Assert.Contains($"about ${expectedEstimate:0.0000}", log.ToString());
        Assert.Contains("(Batch API, half price)", log.ToString());
        Assert.All(results, r => Assert.Equal((1000 * 0.15 + 2 * 0.60) / 1e6 / 2, r.Guess!.CostUsd!.Value, 12));
    }

    [Fact]
    public async Task A_stopped_run_resumes_its_batch_and_a_rerun_is_all_cache()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Batches.PollsBeforeDone = int.MaxValue;
        var items = TestItems.Priced(5);
        using var stop = new CancellationTokenSource();
        await using (var first = Batch(rig))
        {
            var running = first.PriceManyAsync(items, 8, stop.Token).ToListAsync(stop.Token).AsTask();
            while (rig.Server.Requests.Count(r => r.Method == "GET" && r.Path.StartsWith("/v1/batches/", StringComparison.Ordinal)) < 2) await Task.Delay(5);
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        }
        rig.Server.Batches.PollsBeforeDone = 0;
        int creates = Creates(rig);

        await using var resumed = Batch(rig);
        var report = await Tester.RunAsync(resumed, items);
        int requestsAfterResume = rig.Server.Requests.Count;
        await using var again = Batch(rig);
        var cached = await Tester.RunAsync(again, items);

        Assert.Equal(2, creates); // one upload, one batch, both in the stopped run
        Assert.Equal(creates, Creates(rig));
        Assert.Equal(0, resumed.BatchesCreated);
        Assert.Single(rig.Server.Batches.All);
        Assert.Equal(0, report.Metrics.Failed);
        Assert.Equal(requestsAfterResume, rig.Server.Requests.Count); // the third run asked nothing
        Assert.Equal(report.Items.Select(i => i.Guess), cached.Items.Select(i => i.Guess));
        await using var chat = rig.Pricer(rig.Cached);
        Assert.Equal(report.Items.Select(i => i.Guess), (await Tester.RunAsync(chat, items)).Items.Select(i => i.Guess));
        Assert.Equal(0, chat.Requests); // the chat path shares the batch's answers: same cache keys
        Assert.DoesNotContain(FrontierRig.Key[^8..], rig.AllFiles());
    }

    [Fact]
    public async Task A_failed_batch_is_a_clear_error_and_the_next_run_sends_a_new_one()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Batches.FailWith = "Line 1: unknown model";
        var items = TestItems.Priced(2);

        await using var failing = Batch(rig);
        var e = await Assert.ThrowsAsync<BatchFailedException>(() => failing.PriceManyAsync(items, 8).ToListAsync().AsTask());
        rig.Server.Batches.FailWith = null;
        await using var retry = Batch(rig);
        var report = await Tester.RunAsync(retry, items);

        Assert.Contains("failed: Line 1: unknown model", e.Message);
        Assert.Contains("run again to send a new batch", e.Message);
        Assert.Equal(2, rig.Server.Batches.All.Count);
        Assert.Equal(0, report.Metrics.Failed);
    }

    [Fact]
    public async Task A_request_the_batch_could_not_answer_fails_that_item_only_and_is_not_cached()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Enqueue(ServerReply.Error(500), ServerReply.Text("$1,299.99"), ServerReply.EmptyChoices());

        await using var batch = Batch(rig);
        var results = (await batch.PriceManyAsync(TestItems.Priced(3), 8).ToListAsync()).OrderBy(r => r.Index).ToList();

        Assert.Contains("the batch answered 500", results[0].Error);
        Assert.Equal(1299.99, results[1].Guess!.Price);
        Assert.Contains("empty choice list", results[2].Error);
        Assert.Equal(1, new ResponseCache(rig.CacheFolder).Count);
    }

    [Fact]
    public async Task The_budget_sends_only_what_it_allows_and_lists_the_rest_as_not_attempted()
    {
        await using var rig = await FrontierRig.StartAsync();

        await using var batch = Batch(rig, rig.Cached with { Budget = new RunBudget(2, null) });
        var report = await Tester.RunAsync(batch, TestItems.Priced(5));

        var input = rig.Server.FilesAndJobs.Files.Single(f => f.Purpose == "batch");
        Assert.Equal(2, rig.Server.FilesAndJobs.FileContent(input.Id)!.TrimEnd('\n').Split('\n').Length);
        Assert.Equal(3, report.Items.Count(i => i.Failed && i.FailedReason!.Contains("--max-requests")));
    }

    [Fact]
    public async Task The_registry_makes_a_batch_pricer_for_openai_batch()
    {
        await using var rig = await FrontierRig.StartAsync();
        var options = new Dictionary<string, string?> { ["base-url"] = rig.Server.BaseUrl.AbsoluteUri, ["openai-batch"] = null };

        await using var pricer = await WorkbookPricers.Create(new WorkbookSettings { Cache = rig.CacheFolder }).CreateAsync("frontier:ft:gpt-4o-mini-2024-07-18:org::abc", options);
        var guess = await pricer.PriceAsync(TestItems.Make("Kettle", 40));

        Assert.IsType<OpenAiBatchPricer>(pricer);
        Assert.True(guess.Price > 0);
        var line = JsonNode.Parse(rig.Server.FilesAndJobs.FileContent(rig.Server.FilesAndJobs.Files[0].Id)!)!;
        Assert.Equal("ft:gpt-4o-mini-2024-07-18:org::abc", (string?)line["body"]!["model"]);
        Assert.Single(Directory.GetFiles(Path.Combine(rig.CacheFolder, OpenAiBatchPricer.RecordFolderName)));
    }
}
