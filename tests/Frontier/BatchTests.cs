using System.Text.Json.Nodes;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Frontier;
using PricerLib.Frontier.Batch;
using PricerLib.Frontier.FineTuning;
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
        var items = TestItems.Priced(5);
        await StopWhileTheBatchRunsAsync(rig, items);
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
    public async Task A_create_whose_answer_was_lost_finds_its_batch_instead_of_paying_for_another()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Batches.FailNextCreates(CreateFault.DropAfterCreating);
        var log = new StringWriter();

        await using var batch = Batch(rig, rig.Cached with { Log = log });
        var report = await Tester.RunAsync(batch, TestItems.Priced(3));

        Assert.Equal(1, rig.Server.Requests.Count(r => r.Method == "POST" && r.Path == "/v1/batches"));
        string id = (string)Assert.Single(rig.Server.Batches.All)["id"]!;
        Assert.Contains($"found batch {id}", log.ToString());
        Assert.Equal(1, batch.BatchesCreated);
        Assert.Equal(0, report.Metrics.Failed);
    }

    [Fact]
    public async Task A_batch_create_dropped_before_the_batch_existed_is_sent_again()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Batches.FailNextCreates(CreateFault.DropBeforeCreating);

        await using var batch = Batch(rig);
        var report = await Tester.RunAsync(batch, TestItems.Priced(3));

        Assert.Equal(2, rig.Server.Requests.Count(r => r.Method == "POST" && r.Path == "/v1/batches"));
        Assert.Single(rig.Server.Batches.All);
        Assert.Equal(0, report.Metrics.Failed);
    }

    [Fact]
    public async Task A_lost_record_is_found_behind_more_than_a_hundred_newer_batches()
    {
        await using var rig = await FrontierRig.StartAsync();
        var items = TestItems.Priced(3);
        await StopWhileTheBatchRunsAsync(rig, items);
        for (int i = 0; i < 120; i++)
            rig.Server.Batches.Add(new JsonObject { ["metadata"] = new JsonObject { [FingerprintedCreate.MetadataKey] = $"other-{i}" } });
        Directory.Delete(rig.Folder.File("batches"), recursive: true);

        await using var resumed = Batch(rig);
        var report = await Tester.RunAsync(resumed, items);

        Assert.Equal(0, resumed.BatchesCreated);
        Assert.Equal(121, rig.Server.Batches.All.Count);
        Assert.Equal(0, report.Metrics.Failed);
    }

    /// <summary>Starts a batch run of <paramref name="items"/> and stops it while the batch is in progress (then batches complete at once).</summary>
    private static async Task StopWhileTheBatchRunsAsync(FrontierRig rig, IReadOnlyList<Item> items)
    {
        rig.Server.Batches.PollsBeforeDone = int.MaxValue;
        using var stop = new CancellationTokenSource();
        await using (var first = Batch(rig))
        {
            var running = first.PriceManyAsync(items, 8, stop.Token).ToListAsync(stop.Token).AsTask();
            while (rig.Server.Requests.Count(r => r.Method == "GET" && r.Path.StartsWith("/v1/batches/", StringComparison.Ordinal)) < 2) await Task.Delay(5);
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        }
        rig.Server.Batches.PollsBeforeDone = 0;
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

    [Theory]
    [InlineData("expired", "could not be executed before the completion window expired")]
    [InlineData("cancelled", "cancelled before answering it")]
    public async Task An_expired_or_cancelled_batch_gives_its_answers_and_a_partial_run_that_the_next_run_completes(string status, string reason)
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Batches.EndAfterAnswering = 2;
        rig.Server.Batches.EndEarlyAs = status;
        var items = TestItems.Priced(5);
        var log = new StringWriter();

        await using var ended = Batch(rig, rig.Cached with { Log = log });
        var report = await Tester.RunAsync(ended, items);
        var record = RunRecord.From(report, "batch", "frontier:gpt-4o-mini", ended.Details, new RunSettings(items.Count, 42, 1));
        rig.Server.Batches.EndAfterAnswering = null;
        await using var next = Batch(rig);
        var completed = await Tester.RunAsync(next, items);

        Assert.Equal([false, false, true, true, true], report.Items.Select(i => i.Failed));
        Assert.All(report.Items.Skip(2), i => Assert.Contains(reason, i.FailedReason));
        Assert.Equal(3, record.Metrics.Failed); // stored as partial, not as complete
        Assert.Contains($"{status} with 2 of 5 requests answered", log.ToString());
        Assert.Equal(2, rig.Server.Batches.All.Count);
        var secondInput = rig.Server.FilesAndJobs.Files.Where(f => f.Purpose == "batch").Last();
        Assert.Equal(3, rig.Server.FilesAndJobs.FileContent(secondInput.Id)!.TrimEnd('\n').Split('\n').Length); // only what was missing
        Assert.Equal(0, completed.Metrics.Failed);
        Assert.Equal(report.Items.Take(2).Select(i => i.Guess), completed.Items.Take(2).Select(i => i.Guess));
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
