using System.Text.Json.Nodes;
using PricerLib.Evaluation;
using PricerLib.Frontier;
using PricerLib.TestServer;
using PricerLib.Tests.Evaluation;

namespace PricerLib.Tests.Frontier;

/// <summary>The frontier pricer through the real OpenAI SDK against the real test server.</summary>
public class FrontierPricerTests
{
    private static readonly PricerLib.Data.Item Kettle = TestItems.Make("Steel kettle, 1.7 litres", 40);

    [Fact]
    public async Task Sends_exactly_the_courses_request()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Enqueue(ServerReply.Text("39.99"));
        await using var pricer = rig.Pricer();

        var guess = await pricer.PriceAsync(Kettle);

        Assert.Equal(39.99, guess.Price);
        var request = Assert.Single(rig.Server.Requests);
        var body = request.Json!.AsObject();
        Assert.Equal("gpt-4o-mini", (string?)body["model"]);
        Assert.Equal(42, (int)body["seed"]!);
        Assert.Equal(5, (int)body["max_tokens"]!);
        Assert.False(body.ContainsKey("max_completion_tokens"));
        var messages = body["messages"]!.AsArray().Select(m => ((string?)m!["role"], (string?)m["content"])).ToList();
        Assert.Equal([
            ("system", "You estimate prices of items. Reply only with the price, no explanation"),
            ("user", "How much does this cost?\n\nSteel kettle, 1.7 litres"),
            ("assistant", "Price is $"),
        ], messages);
        Assert.Equal($"Bearer {FrontierRig.Key}", request.Headers["authorization"]);
    }

    [Fact]
    public async Task Max_completion_tokens_and_no_prefill_are_per_provider_choices()
    {
        await using var rig = await FrontierRig.StartAsync();
        await using var pricer = rig.Pricer(new FrontierOptions { TokenLimit = TokenLimitField.MaxCompletionTokens, Prefill = false, MaxTokens = 7 });

        await pricer.PriceAsync(Kettle);

        var body = rig.Server.Requests[0].Json!.AsObject();
        Assert.Equal(7, (int)body["max_completion_tokens"]!);
        Assert.False(body.ContainsKey("max_tokens"));
        Assert.Equal("user", (string?)body["messages"]!.AsArray()[^1]!["role"]);
    }

    [Theory]
    [InlineData("$1,299.99", 1299.99)]
    [InlineData("about 20 dollars", 20)]
    [InlineData("", 0)]
    [InlineData("N/A", 0)]
    [InlineData("129.99.", 129.99)]
    public async Task Odd_replies_parse_as_the_course_parses_them(string reply, double expected)
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Enqueue(ServerReply.Text(reply));
        await using var pricer = rig.Pricer();

        var guess = await pricer.PriceAsync(Kettle);

        Assert.Equal(expected, guess.Price);
        Assert.Equal(reply, guess.Reply);
    }

    [Fact]
    public async Task A_429_is_retried_by_the_sdk_policy_after_at_least_its_retry_after()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Enqueue(ServerReply.Error(429, TimeSpan.FromSeconds(7)), ServerReply.Text("12"));
        var waits = new List<TimeSpan>();
        var backend = new OpenAiChatBackend(new OpenAiConnection(rig.Server.BaseUrl, ApiKey.Of("K", FrontierRig.Key), RetryDelayScale: 0.01) { Retrying = waits.Add });
        await using var pricer = rig.Pricer(backend: backend);

        var guess = await pricer.PriceAsync(Kettle);

        Assert.Equal(12, guess.Price);
        Assert.Equal(2, rig.Server.CountOf("chat/completions"));
        var wait = Assert.Single(waits);
        Assert.True(wait >= TimeSpan.FromSeconds(7), $"waited {wait}");
    }

    [Fact]
    public async Task A_500_then_a_dropped_connection_then_a_timeout_are_retried_until_an_answer()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Enqueue(ServerReply.Error(500), ServerReply.Dropped(), ServerReply.Text("1").After(TimeSpan.FromSeconds(5)), ServerReply.Text("77"));
        var backend = rig.Backend(maxRetries: 3, timeout: TimeSpan.FromMilliseconds(300));
        await using var pricer = rig.Pricer(backend: backend);

        var guess = await pricer.PriceAsync(Kettle);

        Assert.Equal(77, guess.Price);
        Assert.Equal(4, rig.Server.CountOf("chat/completions"));
        Assert.Equal(3, backend.RetryPolicy.Retries);
    }

    [Fact]
    public async Task A_persistent_500_fails_the_item_after_the_retries_with_a_clear_message()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Responder = _ => ServerReply.Error(500);
        await using var pricer = rig.Pricer(backend: rig.Backend(maxRetries: 2));

        var error = await Assert.ThrowsAsync<FrontierException>(() => pricer.PriceAsync(Kettle));

        Assert.Equal(3, rig.Server.CountOf("chat/completions"));
        Assert.Contains("500", error.Message);
        Assert.True(error.MayRetry);
    }

    [Fact]
    public async Task Garbage_and_an_empty_choice_list_fail_the_item_not_the_process()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Enqueue(ServerReply.Garbage(), ServerReply.EmptyChoices());
        await using var pricer = rig.Pricer();

        var garbage = await Assert.ThrowsAsync<FrontierException>(() => pricer.PriceAsync(Kettle));
        var empty = await Record.ExceptionAsync(() => pricer.PriceAsync(Kettle));

        Assert.Contains("not a chat completion", garbage.Message);
        Assert.IsType<FrontierException>(empty);
    }

    [Fact]
    public async Task A_tester_run_with_8_workers_keeps_item_order_and_a_failing_item_fails_alone()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Latency = (TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(40));
        var items = TestItems.Priced(24);
        rig.Server.When(r => r.LastMessage()!.EndsWith("Item 7"), ServerReply.Error(400));
        await using var pricer = rig.Pricer();

        var report = await Tester.RunAsync(pricer, items, new TesterOptions { Workers = 8 });

        Assert.Equal(items.Select(i => i.Title), report.Items.Select(r => r.Title));
        var failed = Assert.Single(report.Items, r => r.Failed);
        Assert.Equal("Item 7", failed.Title);
        foreach (var (result, item) in report.Items.Zip(items).Where(p => !p.First.Failed))
            Assert.Equal(DefaultResponder.PriceFor(CourseMessages.UserPrompt(item)), result.Guess);
    }

    [Fact]
    public async Task A_rerun_with_the_cache_makes_zero_requests_and_gives_identical_guesses()
    {
        await using var rig = await FrontierRig.StartAsync();
        var items = TestItems.Priced(10);
        await using var first = rig.Pricer(rig.Cached);
        var before = await Tester.RunAsync(first, items, new TesterOptions { Workers = 4 });
        int sent = rig.Server.CountOf("chat/completions");

        await using var second = rig.Pricer(rig.Cached);
        var again = await Tester.RunAsync(second, items, new TesterOptions { Workers = 4 });

        Assert.Equal(10, sent);
        Assert.Equal(10, rig.Server.CountOf("chat/completions"));
        Assert.Equal(10, second.CacheHits);
        Assert.Equal(before.Items.Select(r => r.Guess), again.Items.Select(r => r.Guess));
    }

    [Fact]
    public async Task An_interrupted_run_resumes_asking_only_for_what_is_missing()
    {
        await using var rig = await FrontierRig.StartAsync();
        var items = TestItems.Priced(6);
        await using (var interrupted = rig.Pricer(rig.Cached))
            foreach (var item in items.Take(4)) await interrupted.PriceAsync(item);

        await using var resumed = rig.Pricer(rig.Cached);
        foreach (var item in items) await resumed.PriceAsync(item);

        Assert.Equal(6, rig.Server.CountOf("chat/completions"));
        Assert.Equal(4, resumed.CacheHits);
    }

    [Fact]
    public async Task The_cache_key_covers_endpoint_model_messages_and_parameters()
    {
        var messages = CourseMessages.ForPricing(Kettle);
        var p = new ChatParameters("gpt-4o-mini", 5, TokenLimitField.MaxTokens, 42);
        var key = ResponseCache.KeyFor("http://a/v1/", p, messages);

        Assert.NotEqual(key, ResponseCache.KeyFor("http://b/v1/", p, messages));
        Assert.NotEqual(key, ResponseCache.KeyFor("http://a/v1/", p with { Model = "gpt-4o" }, messages));
        Assert.NotEqual(key, ResponseCache.KeyFor("http://a/v1/", p with { MaxTokens = 7 }, messages));
        Assert.NotEqual(key, ResponseCache.KeyFor("http://a/v1/", p with { Seed = null }, messages));
        Assert.NotEqual(key, ResponseCache.KeyFor("http://a/v1/", p, CourseMessages.ForPricing(Kettle, prefill: false)));
        Assert.Equal(key, ResponseCache.KeyFor("http://a/v1/", p, CourseMessages.ForPricing(Kettle with { Price = 1 })));
    }

    [Fact]
    public async Task Without_the_cache_every_run_asks_again()
    {
        await using var rig = await FrontierRig.StartAsync();
        await using var pricer = rig.Pricer();

        await pricer.PriceAsync(Kettle);
        await pricer.PriceAsync(Kettle);

        Assert.Equal(2, rig.Server.CountOf("chat/completions"));
    }

    [Fact]
    public async Task The_request_budget_stops_sending_and_cache_hits_stay_free()
    {
        await using var rig = await FrontierRig.StartAsync();
        var items = TestItems.Priced(5);
        await using (var warm = rig.Pricer(rig.Cached)) await warm.PriceAsync(items[0]);

        await using var pricer = rig.Pricer(rig.Cached with { Budget = new RunBudget(maxRequests: 2, maxCostUsd: null) });
        var report = await Tester.RunAsync(pricer, items, new TesterOptions { Workers = 1 });

        Assert.Equal(3, rig.Server.CountOf("chat/completions")); // 1 warm-up + 2 allowed
        Assert.Equal([false, false, false, true, true], report.Items.Select(r => r.Failed));
        Assert.All(report.Items.Skip(3), r => Assert.Contains("not attempted", r.FailedReason));
    }

    [Fact]
    public async Task The_cost_budget_counts_real_usage_from_the_price_table()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Responder = _ => ServerReply.Text("10", promptTokens: 1_000_000, completionTokens: 0);
        var budget = new RunBudget(maxRequests: null, maxCostUsd: 0.25);
        await using var pricer = rig.Pricer(new FrontierOptions { Budget = budget });

        var first = await pricer.PriceAsync(Kettle);
        var second = await pricer.PriceAsync(Kettle);
        await Assert.ThrowsAsync<BudgetExhaustedException>(() => pricer.PriceAsync(Kettle));

        Assert.Equal(0.15, first.CostUsd!.Value, 6); // gpt-4o-mini: $0.15 per million input tokens
        Assert.Equal(0.30, budget.CostUsd, 6);
        Assert.Equal(2, rig.Server.CountOf("chat/completions"));
    }

    [Fact]
    public async Task The_key_is_never_in_errors_caches_or_details()
    {
        await using var rig = await FrontierRig.StartAsync();
        // A hostile server echoing the Authorization header into its error messages.
        rig.Server.Responder = r => ServerReply.Error(r.LastMessage()!.Contains("401") ? 401 : 400);
        rig.Server.When(r => r.LastMessage()!.Contains("echo"), ServerReply.Garbage($"{{\"error\":{{\"message\":\"bad {FrontierRig.Key}\"}}}}"));
        await using var pricer = rig.Pricer(rig.Cached);

        var errors = new List<string>();
        foreach (var title in new[] { "401", "400", "echo" })
            errors.Add((await Record.ExceptionAsync(() => pricer.PriceAsync(TestItems.Make(title, 1))))!.ToString());
        rig.Server.Responder = DefaultResponder.Reply;
        await pricer.PriceAsync(Kettle);

        Assert.All(errors, e => Assert.DoesNotContain(FrontierRig.Key[^8..], e));
        Assert.Contains("TEST_KEY", errors[0]);
        Assert.DoesNotContain(FrontierRig.Key[^8..], string.Join("", pricer.Details.Parameters.Values));
        foreach (var file in Directory.GetFiles(rig.CacheFolder, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(FrontierRig.Key[^8..], File.ReadAllText(file));
    }

    [Fact]
    public void Api_keys_redact_themselves_and_print_only_their_variable()
    {
        var key = ApiKey.Of("OPENAI_API_KEY", FrontierRig.Key);

        Assert.Equal("$OPENAI_API_KEY", key.ToString());
        Assert.Equal("Incorrect key *** given", key.Redact($"Incorrect key {FrontierRig.Key} given"));
        Assert.Equal("masked sk-*******", key.Redact($"masked sk-****{FrontierRig.Key[^8..]}")); // how OpenAI echoes a refused key
    }
}
