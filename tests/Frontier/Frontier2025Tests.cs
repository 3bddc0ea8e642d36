using System.Text.Json.Nodes;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Frontier;
using PricerLib.Pricers;
using PricerLib.TestServer;
using PricerLib.Tests.Evaluation;
using Xunit.Abstractions;

namespace PricerLib.Tests.Frontier;

/// <summary>
/// The 2025 edition's frontier requests (week 6 day 4 at 109b683e7) built by the registry from each model's course
/// defaults, sent through the real SDKs to the test server, and checked as the bodies arrived.
/// </summary>
public class Frontier2025Tests(ITestOutputHelper output)
{
    private const string Summary = "Title: Steel kettle\nCategory: Appliances\nBrand: Acme\nDescription: A 1.7 litre kettle.";
    private const string CoursePrompt = "Estimate the price of this product. Respond with the price, no explanation\n\n" + Summary;
    // A variable only these tests set, so no other test's environment changes.
    private const string KeyVariable = "PRICER_TEST_FRONTIER_2025_KEY";

    private static readonly Item Kettle = TestItems.Make("Steel kettle", 40) with { Summary = Summary };

    static Frontier2025Tests() => Environment.SetEnvironmentVariable(KeyVariable, FrontierRig.Key);

    private static WorkbookSettings Settings2025(FrontierRig rig) => new() { Cache = rig.CacheFolder, Edition = CourseEdition.Course2025 };

    private static Dictionary<string, string?> At(Uri url, params (string Name, string? Value)[] more)
    {
        var options = new Dictionary<string, string?> { ["base-url"] = url.AbsoluteUri, ["api-key-env"] = KeyVariable };
        foreach (var (name, value) in more) options[name] = value;
        return options;
    }

    [Theory]
    [InlineData("gpt-4.1-nano", null, null, null)]
    [InlineData("gpt-5.1", "high", 42, null)]
    [InlineData("gemini-3-pro-preview", "low", null, null)]
    [InlineData("gemini-3.1-flash-lite", null, null, null)]
    [InlineData("grok-4-1-fast-non-reasoning", null, 42, null)]
    [InlineData("ft:gpt-4.1-nano-2025-04-14:org:pricer:AbC123", null, null, 7)]
    public async Task Each_2025_model_gets_one_user_message_with_the_settings_its_notebook_passes(string model, string? effort, int? seed, int? maxTokens)
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Enqueue(ServerReply.Text("$39.99"));

        await using var pricer = await WorkbookPricers.Create(Settings2025(rig)).CreateAsync("frontier:" + model, At(rig.Server.BaseUrl));
        var guess = await pricer.PriceAsync(Kettle);

        Assert.Equal(39.99, guess.Price);
        var request = Assert.Single(rig.Server.Requests);
        output.WriteLine($"{model}: POST {request.Path} (authorization: Bearer [redacted])\n{request.Body}");
        var body = request.Json!.AsObject();
        Assert.Equal(model, (string?)body["model"]);
        var message = Assert.Single(body["messages"]!.AsArray())!;
        Assert.Equal("user", (string?)message["role"]);
        Assert.Equal(CoursePrompt, (string?)message["content"]);
        Assert.Equal(effort, (string?)body["reasoning_effort"]);
        Assert.Equal(seed, (int?)body["seed"]);
        Assert.Equal(maxTokens, (int?)body["max_tokens"]);
        Assert.False(body.ContainsKey("max_completion_tokens"));
        Assert.Equal($"Bearer {FrontierRig.Key}", request.Headers["authorization"]);
    }

    [Fact]
    public async Task Claude_opus_gets_the_2025_message_through_the_messages_api_with_litellms_token_limit()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Enqueue(ServerReply.Text("$41"));

        await using var pricer = await WorkbookPricers.Create(Settings2025(rig)).CreateAsync("frontier:claude-opus-4-5", At(rig.Server.Root, ("provider", "anthropic")));
        var guess = await pricer.PriceAsync(Kettle);

        Assert.Equal(41, guess.Price);
        var request = Assert.Single(rig.Server.Requests);
        output.WriteLine($"claude-opus-4-5: POST {request.Path} (x-api-key: [redacted])\n{request.Body}");
        Assert.Equal("/v1/messages", request.Path);
        var body = request.Json!.AsObject();
        Assert.Equal(FrontierDefaults.AnthropicMaxTokens, (int)body["max_tokens"]!);
        Assert.False(body.ContainsKey("system"));
        var message = Assert.Single(body["messages"]!.AsArray())!;
        Assert.Equal("user", (string?)message["role"]);
        Assert.Equal(CoursePrompt, request.LastMessage());
    }

    [Theory]
    [InlineData("gpt-4.1-nano", "openai")]
    [InlineData("claude-opus-4-5", "anthropic")]
    [InlineData("gemini-3-pro-preview", "https://generativelanguage.googleapis.com/v1beta/openai/")]
    [InlineData("grok-4-1-fast-non-reasoning", "https://api.x.ai/v1/")]
    public async Task Without_a_provider_each_2025_model_goes_to_the_provider_its_litellm_prefix_names(string model, string endpoint)
    {
        await using var rig = await FrontierRig.StartAsync();

        // Nothing is sent: the endpoint is read from the pricer's details.
        await using var pricer = await WorkbookPricers.Create(Settings2025(rig)).CreateAsync("frontier:" + model,
            new Dictionary<string, string?> { ["api-key-env"] = KeyVariable });

        Assert.Equal(endpoint, pricer.Details.Parameters["endpoint"]);
        Assert.Equal("2025", pricer.Details.Parameters["edition"]);
    }

    [Fact]
    public async Task Options_override_the_course_defaults_and_the_2024_prompt_stays_available_in_2025()
    {
        await using var rig = await FrontierRig.StartAsync();
        var registry = WorkbookPricers.Create(Settings2025(rig));

        await using (var tuned = await registry.CreateAsync("frontier:gpt-5.1", At(rig.Server.BaseUrl, ("reasoning-effort", "unset"), ("send-seed", "no"), ("max-tokens", "9"))))
            await tuned.PriceAsync(Kettle);
        await using (var old = await registry.CreateAsync("frontier:gpt-4o-mini", At(rig.Server.BaseUrl, ("prompt", "2024"))))
            await old.PriceAsync(Kettle);

        var first = rig.Server.Requests[0].Json!.AsObject();
        Assert.False(first.ContainsKey("reasoning_effort"));
        Assert.False(first.ContainsKey("seed"));
        Assert.Equal(9, (int)first["max_tokens"]!);
        var second = rig.Server.Requests[1].Json!.AsObject();
        Assert.Equal(["system", "user", "assistant"], second["messages"]!.AsArray().Select(m => (string?)m!["role"]));
        Assert.Equal(5, (int)second["max_tokens"]!);
        Assert.Equal(42, (int)second["seed"]!);
    }

    [Fact]
    public async Task A_provider_that_rejects_reasoning_effort_is_told_which_option_to_drop()
    {
        await using var rig = await FrontierRig.StartAsync();
        // xAI's wording for a model that takes no reasoning effort.
        rig.Server.Enqueue(ServerReply.Garbage("""{"code":"Client specified an invalid argument","error":"Model grok-4-1-fast-non-reasoning does not support parameter reasoningEffort."}""") with { Status = 400 });
        await using var pricer = await WorkbookPricers.Create(Settings2025(rig)).CreateAsync("frontier:grok-4-1-fast-non-reasoning",
            At(rig.Server.BaseUrl, ("reasoning-effort", "low")));

        var e = await Assert.ThrowsAsync<FrontierException>(() => pricer.PriceAsync(Kettle));

        Assert.Contains("rejected reasoning_effort \"low\"", e.Message);
        Assert.Contains("--reasoning-effort unset", e.Message);
        Assert.Contains("does not support parameter reasoningEffort", e.Message);
        Assert.Equal("low", (string?)rig.Server.Requests[0].Json!["reasoning_effort"]);
    }

    [Fact]
    public async Task Claude_with_a_reasoning_effort_is_refused_before_anything_is_sent()
    {
        await using var rig = await FrontierRig.StartAsync();

        var e = await Assert.ThrowsAsync<FrontierException>(() => WorkbookPricers.Create(Settings2025(rig))
            .CreateAsync("frontier:claude-opus-4-5", At(rig.Server.Root, ("provider", "anthropic"), ("reasoning-effort", "high"))).AsTask());

        Assert.Contains("drop it with --reasoning-effort unset", e.Message);
        Assert.Empty(rig.Server.Requests);
    }

    [Fact]
    public async Task Items_without_a_summary_are_one_clear_error_before_anything_is_sent()
    {
        await using var rig = await FrontierRig.StartAsync();
        await using var pricer = rig.Pricer(new FrontierOptions { Edition = CourseEdition.Course2025, MaxTokens = null }, model: "gpt-4.1-nano");

        var run = await Assert.ThrowsAsync<FrontierException>(async () =>
        {
            await foreach (var _ in pricer.PriceManyAsync([TestItems.Make("Old kettle", 40), Kettle], 2)) { }
        });
        var one = await Assert.ThrowsAsync<FrontierException>(() => pricer.PriceAsync(TestItems.Make("Old kettle", 40)));

        Assert.Contains("1 of 2 items have no summary", run.Message);
        Assert.Contains("--prompt 2024", run.Message);
        Assert.Contains("'Old kettle' has no summary", one.Message);
        Assert.Empty(rig.Server.Requests);
    }

    [Fact]
    public void The_price_table_prices_the_models_of_the_2025_course_rows_and_an_uncapped_reasoning_run_is_estimated_generously()
    {
        string[] rows = ["gpt-4.1-nano", "grok-4-1-fast-non-reasoning", "gemini-3-pro-preview", "claude-opus-4-5", "gpt-5.1", "ft:gpt-4.1-nano-2025-04-14:org:pricer:AbC123"];

        Assert.All(rows, model => Assert.NotNull(PriceTable.Default.Find(model)));
        var high = CostEstimate.For([Kettle], "gpt-5.1", new FrontierOptions { Edition = CourseEdition.Course2025, MaxTokens = null, ReasoningEffort = "high" });
        var plain = CostEstimate.For([Kettle], "gpt-5.1", new FrontierOptions { Edition = CourseEdition.Course2025, MaxTokens = null });
        Assert.Equal(FrontierDefaults.AssumedAnswerTokens("high"), high.OutputTokens);
        Assert.Equal(FrontierDefaults.AssumedAnswerTokens(null), plain.OutputTokens);
        Assert.True(high.CostUsd > plain.CostUsd, $"{high} vs {plain}");
        Assert.True(high.InputTokens < 60, high.ToString()); // one user message: no system message, no prefill
    }

    [Fact]
    public void The_reasoning_effort_is_part_of_the_cache_key()
    {
        var messages = CourseMessages.ForPricing2025(Kettle);
        var plain = new ChatParameters("gpt-5.1", null, TokenLimitField.MaxTokens, 42);

        string key = ResponseCache.KeyFor("http://a/v1/", plain, messages);

        Assert.NotEqual(key, ResponseCache.KeyFor("http://a/v1/", plain with { ReasoningEffort = "high" }, messages));
        Assert.NotEqual(ResponseCache.KeyFor("http://a/v1/", plain with { ReasoningEffort = "low" }, messages),
            ResponseCache.KeyFor("http://a/v1/", plain with { ReasoningEffort = "high" }, messages));
    }
}
