using System.Diagnostics;
using PricerLib.Evaluation;
using PricerLib.Frontier;
using PricerLib.Pricers;
using PricerLib.TestServer;
using PricerLib.Tests.Evaluation;

namespace PricerLib.Tests.Frontier;

/// <summary>Claude through the real Anthropic SDK against the test server's real <c>/v1/messages</c>.</summary>
public class AnthropicPricerTests
{
    private const string Claude = "claude-3-5-sonnet-20240620";
    private static readonly PricerLib.Data.Item Kettle = TestItems.Make("Steel kettle, 1.7 litres", 40);

    [Fact]
    public async Task Sends_the_courses_claude_request_system_field_user_prompt_and_prefill()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Enqueue(ServerReply.Text("39.99", promptTokens: 1_000, completionTokens: 4));
        await using var pricer = rig.Pricer(backend: rig.Claude(), model: Claude);

        var guess = await pricer.PriceAsync(Kettle);

        Assert.Equal(39.99, guess.Price);
        Assert.Equal((1_000 * 3.00 + 4 * 15.00) / 1e6, guess.CostUsd!.Value, 9); // Claude 3.5 Sonnet: $3 / $15 per million
        var request = Assert.Single(rig.Server.Requests);
        Assert.Equal("/v1/messages", request.Path);
        var body = request.Json!.AsObject();
        Assert.Equal(Claude, (string?)body["model"]);
        Assert.Equal(5, (int)body["max_tokens"]!);
        Assert.Equal(CourseMessages.SystemMessage, (string?)body["system"]);
        Assert.False(body.ContainsKey("seed")); // the Messages API has none
        var messages = body["messages"]!.AsArray().Select(m => ((string?)m!["role"], (string?)m["content"])).ToList();
        Assert.Equal([("user", "How much does this cost?\n\nSteel kettle, 1.7 litres"), ("assistant", "Price is $")], messages);
        // SDK 13.x sends the key as a bearer token, not in the x-api-key header its API reference documents (12.x did).
        Assert.Equal($"Bearer {FrontierRig.Key}", request.Headers["authorization"]);
        Assert.True(request.Headers.ContainsKey("anthropic-version"));
    }

    [Fact]
    public async Task Without_the_prefill_the_user_prompt_is_the_last_message()
    {
        await using var rig = await FrontierRig.StartAsync();
        await using var pricer = rig.Pricer(new FrontierOptions { Prefill = false }, rig.Claude(), Claude);

        var guess = await pricer.PriceAsync(Kettle);

        var last = rig.Server.Requests[0].Json!["messages"]!.AsArray()[^1]!;
        Assert.Equal("user", (string?)last["role"]);
        Assert.Equal(DefaultResponder.PriceFor(CourseMessages.UserPrompt(Kettle)), guess.Price);
    }

    [Fact]
    public async Task A_429_waits_exactly_its_retry_after_then_the_retry_answers()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Enqueue(ServerReply.Error(429, TimeSpan.FromSeconds(1)), ServerReply.Text("12"));
        await using var pricer = rig.Pricer(backend: rig.Claude(), model: Claude);

        var clock = Stopwatch.StartNew();
        var guess = await pricer.PriceAsync(Kettle);

        Assert.Equal(12, guess.Price);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"took {clock.Elapsed}"); // the SDK's own first backoff is ≤ 0.5 s
        Assert.Equal(["0", "1"], rig.Server.Requests.Select(r => r.Headers["x-stainless-retry-count"]));
    }

    [Fact]
    [Trait(Support.TestTiers.Category, Support.TestTiers.Slow)] // the SDK's backoff after the drop and the timeout cannot be scaled down: ~2 s
    public async Task A_500_a_dropped_connection_and_a_timeout_are_retried_by_the_sdk_until_an_answer()
    {
        await using var rig = await FrontierRig.StartAsync();
        var shortWait = TimeSpan.FromMilliseconds(20);
        rig.Server.Enqueue(ServerReply.Error(500, shortWait), ServerReply.Dropped(), ServerReply.Text("1").After(TimeSpan.FromSeconds(5)), ServerReply.Text("77"));
        await using var pricer = rig.Pricer(backend: rig.Claude(maxRetries: 3, timeout: TimeSpan.FromMilliseconds(400)), model: Claude);

        var guess = await pricer.PriceAsync(Kettle);

        Assert.Equal(77, guess.Price);
        Assert.Equal(4, rig.Server.CountOf("/v1/messages"));
    }

    [Fact]
    public async Task A_persistent_500_fails_the_item_after_the_retries_and_a_batch_goes_on()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.When(r => r.LastMessage()!.EndsWith("Item 2"), ServerReply.Error(500, TimeSpan.FromMilliseconds(10)));
        await using var pricer = rig.Pricer(backend: rig.Claude(maxRetries: 2), model: Claude);

        var report = await Tester.RunAsync(pricer, TestItems.Priced(4), new TesterOptions { Workers = 4 });

        var failed = Assert.Single(report.Items, r => r.Failed);
        Assert.Equal("Item 2", failed.Title);
        Assert.Contains("500 after every retry", failed.FailedReason);
        Assert.Equal(3 + 3, rig.Server.CountOf("/v1/messages")); // three that answered, and 1 + 2 retries
    }

    [Fact]
    public async Task Garbage_is_not_retried_and_fails_the_item_with_a_clear_message()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Enqueue(ServerReply.Garbage());
        await using var pricer = rig.Pricer(backend: rig.Claude(), model: Claude);

        var error = await Assert.ThrowsAsync<FrontierException>(() => pricer.PriceAsync(Kettle));

        Assert.Contains("not a Messages API answer", error.Message);
        Assert.Equal(1, rig.Server.CountOf("/v1/messages"));
    }

    [Fact]
    public async Task A_refused_prefill_is_explained_whether_it_comes_as_a_400_or_a_refusal()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Enqueue(ServerReply.Error(400) with { Content = "This model does not support assistant message prefill." }, ServerReply.Refusal());
        await using var pricer = rig.Pricer(backend: rig.Claude(), model: "claude-opus-4-5");

        var rejected = await Assert.ThrowsAsync<FrontierException>(() => pricer.PriceAsync(Kettle));
        var refused = await Assert.ThrowsAsync<FrontierException>(() => pricer.PriceAsync(Kettle));

        Assert.Contains("does not support assistant message prefill", rejected.Message);
        Assert.Contains("--no-prefill", rejected.Message);
        Assert.False(rejected.MayRetry);
        Assert.Contains("refused", refused.Message);
        Assert.Contains("--no-prefill", refused.Message);
        Assert.Equal(2, rig.Server.CountOf("/v1/messages")); // a 400 is not retried
    }

    [Fact]
    public async Task A_refused_key_names_its_variable_and_an_echoed_key_is_scrubbed()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Enqueue(ServerReply.Error(401), ServerReply.Error(403) with { Content = $"key {FrontierRig.Key} may not use this model" });
        await using var pricer = rig.Pricer(rig.Cached, rig.Claude(), Claude);

        var refused = await Assert.ThrowsAsync<FrontierException>(() => pricer.PriceAsync(Kettle));
        var echoed = await Assert.ThrowsAsync<FrontierException>(() => pricer.PriceAsync(Kettle));

        Assert.Contains("TEST_KEY", refused.Message);
        Assert.Contains("may not use this model", echoed.Message);
        Assert.All(new[] { refused.ToString(), echoed.ToString() }, text => Assert.DoesNotContain(FrontierRig.Key[^8..], text));
    }

    [Fact]
    public async Task The_registry_makes_claude_from_options_and_shares_the_cache_and_batch_path()
    {
        await using var rig = await FrontierRig.StartAsync();
        var registry = new PricerRegistry(new WorkbookSettings { Cache = rig.CacheFolder }).AddFrontier();
        // A base URL alone sends no key; --api anthropic picks the Messages API. An OpenAI-style …/v1/ URL works too.
        var options = new Dictionary<string, string?> { ["base-url"] = rig.Server.BaseUrl.AbsoluteUri, ["api"] = "anthropic" };
        var items = TestItems.Priced(6);

        var first = await PricerEvaluation.RunAsync(registry, new EvaluationRequest($"frontier:{Claude}") { Options = options }, null, items);
        var again = await PricerEvaluation.RunAsync(registry, new EvaluationRequest($"frontier:{Claude}") { Options = options }, null, items);

        Assert.Equal(6, rig.Server.CountOf("/v1/messages"));
        Assert.Equal(first.Items.Select(i => i.Guess), again.Items.Select(i => i.Guess));
        Assert.Equal(items.Select(i => (double)DefaultResponder.PriceFor(CourseMessages.UserPrompt(i))), first.Items.Select(i => i.Guess!.Value));
        Assert.Equal("Bearer no-key", rig.Server.Requests[0].Headers["authorization"]);
        Assert.Equal(rig.Server.Root.AbsoluteUri, first.Model.Parameters["endpoint"]);
    }
}
