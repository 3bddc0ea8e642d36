using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Frontier;
using PricerLib.TestServer;
using PricerLib.Tests.Frontier;

namespace PricerLib.Tests.Editions;

/// <summary>The 2025 preprocessor over HTTP against the shared test server, through the OpenAI SDK.</summary>
public sealed class ItemSummarizerTests
{
    private static Item Raw(int i, string? full = null) => new()
    {
        Title = $"Widget {i}", Price = 10 + i, Prompt = $"raw {i}", Full = full ?? $"Widget {i}\nA sturdy widget number {i} with {i} gears.", Id = i,
    };

    private static IReadOnlyList<Item> Raws(int count) => [.. Enumerable.Range(0, count).Select(i => Raw(i))];

    private static FrontierOptions Options(FrontierRig rig, RunBudget? budget = null) =>
        SummaryPrompt.Options(new ResponseCache(rig.CacheFolder)) with { Budget = budget ?? RunBudget.Unlimited };

    private static string SummaryOf(CapturedRequest request) => "Title: " + request.LastMessage()!.Split('\n')[0];

    [Fact]
    public async Task Sends_the_courses_prompt_and_builds_2025_prompts_from_the_summaries()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Responder = request => ServerReply.Text(SummaryOf(request));
        var items = Raws(3);

        var outcome = await new ItemSummarizer(rig.Backend(), options: Options(rig)).SummarizeAsync(items);

        Assert.Equal(3, outcome.Written);
        Assert.Empty(outcome.Skipped);
        Assert.Null(outcome.StoppedBy);
        var request = rig.Server.Requests[0];
        Assert.Equal(SummaryPrompt.DefaultModel, request.Model);
        Assert.Equal("low", request.Json!["reasoning_effort"]!.GetValue<string>());
        Assert.Null(request.Json!["max_tokens"]);
        Assert.StartsWith("Create a concise description of a product. Respond only in this format. Do not include part numbers.\nTitle: Rewritten short precise title\n",
            request.LastMessage("system"));
        Assert.EndsWith("Details: 1 sentence on features", request.LastMessage("system"));
        for (int i = 0; i < items.Count; i++)
        {
            Assert.Equal($"Title: Widget {i}", outcome.Items[i].Summary);
            Assert.Equal($"What does this cost to the nearest dollar?\n\nTitle: Widget {i}\n\nPrice is ${10 + i}.00", outcome.Items[i].Prompt);
            Assert.Equal(items[i].Full, outcome.Items[i].Full);
        }
    }

    [Fact]
    public async Task A_rerun_takes_answers_from_the_cache_and_keeps_items_already_summarized()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Responder = request => ServerReply.Text(SummaryOf(request));
        var items = Raws(4);
        await new ItemSummarizer(rig.Backend(), options: Options(rig)).SummarizeAsync(items.Take(2).ToList());
        int sentBefore = rig.Server.CountOf("/chat/completions");

        var again = await new ItemSummarizer(rig.Backend(), options: Options(rig)).SummarizeAsync(items);
        var over = await new ItemSummarizer(rig.Backend(), options: Options(rig)).SummarizeAsync(again.Items);

        Assert.Equal((2, 2), (again.FromCache, again.Written));
        Assert.Equal(sentBefore + 2, rig.Server.CountOf("/chat/completions"));
        Assert.Equal(2, again.Estimate.Requests);
        Assert.Equal((4, 0, 0), (over.Kept, over.Written, over.FromCache));
    }

    [Fact]
    public async Task Empty_refused_and_textless_items_are_counted_skips_with_reasons()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Responder = request => request.LastMessage()!.StartsWith("Widget 1\n", StringComparison.Ordinal) ? ServerReply.Text("")
            : request.LastMessage()!.StartsWith("Widget 2\n", StringComparison.Ordinal) ? ServerReply.Refusal()
            : ServerReply.Text(SummaryOf(request));
        var items = Raws(4).Append(Raw(4, full: " ")).ToList();

        var outcome = await new ItemSummarizer(rig.Backend(), options: Options(rig)).SummarizeAsync(items);

        Assert.Equal(2, outcome.Written);
        Assert.Equal([1, 2, 4], outcome.Skipped.Select(s => s.Index));
        Assert.Equal("empty reply", outcome.Skipped[0].Reason);
        Assert.Equal($"refused: \"{ServerReply.RefusalText}\"", outcome.Skipped[1].Reason);
        Assert.Equal("no full text to summarize", outcome.Skipped[2].Reason);
        Assert.All(outcome.Skipped, s => Assert.Null(outcome.Items[s.Index].Summary));
        Assert.Equal(5, outcome.Items.Count);
    }

    [Fact]
    public async Task A_budget_spent_half_way_keeps_what_is_done_and_says_why()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Responder = request => ServerReply.Text(SummaryOf(request));
        var items = Raws(5);

        var outcome = await new ItemSummarizer(rig.Backend(), options: Options(rig, new RunBudget(2, null)), concurrency: 1).SummarizeAsync(items);
        var resumed = await new ItemSummarizer(rig.Backend(), options: Options(rig)).SummarizeAsync(outcome.Items);

        Assert.Equal(2, outcome.Written);
        Assert.Equal(3, outcome.Skipped.Count);
        Assert.Contains("--max-requests", outcome.StoppedBy);
        Assert.Equal(2, outcome.Items.Count(i => i.Summary is not null));
        Assert.Equal((2, 3), (resumed.Kept, resumed.Written));
        Assert.Equal(5, rig.Server.CountOf("/chat/completions"));
    }

    [Fact]
    public async Task The_cost_gate_refuses_before_anything_is_sent()
    {
        await using var rig = await FrontierRig.StartAsync();
        var options = Options(rig) with { ConfirmAboveUsd = 0.01 };

        var refusal = await Assert.ThrowsAsync<FrontierException>(() =>
            new ItemSummarizer(rig.Backend(), "no-such-priced-model", options).SummarizeAsync(Raws(3)));

        Assert.Contains("--yes", refusal.Message);
        Assert.Equal(0, rig.Server.CountOf("/chat/completions"));
    }
}
