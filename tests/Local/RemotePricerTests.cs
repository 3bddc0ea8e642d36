using System.Text.Json;
using PricerLib.Local;
using PricerLib.Local.Remote;
using PricerLib.Pricers;
using PricerLib.TestServer;
using PricerLib.Tests.Evaluation;

namespace PricerLib.Tests.Local;

/// <summary><c>remote:MODEL</c> against the shared OpenAI-compatible test server (<c>tests/TestServer</c>) over real HTTP.</summary>
public sealed class RemotePricerTests
{
    private static IReadOnlyList<TokenLogprob> Top(params (string Token, double Probability)[] top) =>
        top.Select(t => new TokenLogprob(t.Token, Math.Log(t.Probability))).ToList();

    private static async Task<IPricer> Create(OpenAiTestServer server, params (string, string?)[] options) =>
        await WorkbookPricers.Create(new WorkbookSettings { Cache = Path.GetTempPath() })
            .CreateAsync("remote:pricer", options.Append(("base-url", server.BaseUrl.AbsoluteUri)).ToDictionary(o => o.Item1, o => o.Item2));

    [Theory]
    [InlineData(LogprobsShape.Vllm)]
    [InlineData(LogprobsShape.LlamaServer)]
    public async Task Weighted_reads_both_logprob_shapes(LogprobsShape shape)
    {
        await using var server = await OpenAiTestServer.StartAsync();
        server.CompletionShape = shape;
        server.Enqueue(ServerReply.Completion(Top((" 100", 0.5), ("abc", 0.3), ("200", 0.2), ("900", 0.01))));
        await using var pricer = await Create(server);

        var guess = await pricer.PriceAsync(TestItems.Make("A kettle", 40));

        Assert.Equal((100 * 0.5 + 200 * 0.2) / 0.7, guess.Price, 9); // "abc" is not a number; "900" is past the top 3
        var sent = server.Requests.Single();
        Assert.Equal("/v1/completions", sent.Path);
        Assert.Equal("pricer", sent.Model);
        Assert.Equal(3, (int?)sent.Json!["logprobs"]);
        Assert.Equal(1, (int?)sent.Json["max_tokens"]);
        Assert.EndsWith("Price is $", sent.LastMessage());
        Assert.Equal("remote", pricer.Details.Kind);
    }

    [Fact]
    public async Task Greedy_parses_the_text_and_sends_the_named_key_without_storing_it()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        server.Enqueue(ServerReply.Text("1,299.00 and more"));
        var key = $"test-key-{Guid.NewGuid():N}"; // made per run: no key-shaped literal in the repository
        var variable = $"PRICER_TEST_REMOTE_KEY_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, key);
        try
        {
            await using var pricer = await Create(server, ("method", "greedy"), ("max-tokens", "3"), ("api-key-env", variable));
            var guess = await pricer.PriceAsync(TestItems.Make("A kettle", 40));

            Assert.Equal(1299, guess.Price);
            var sent = server.Requests.Single();
            Assert.Equal(3, (int?)sent.Json!["max_tokens"]);
            Assert.Null(sent.Json["logprobs"]);
            Assert.Equal($"Bearer {key}", sent.Headers["authorization"]);
            Assert.DoesNotContain(key, JsonSerializer.Serialize(pricer.Details));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task The_request_body_is_sized_not_chunked()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        server.Enqueue(ServerReply.Text("12"));
        await using var pricer = await Create(server, ("method", "greedy"));

        await pricer.PriceAsync(TestItems.Make("A kettle", 40));

        var sent = server.Requests.Single();
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(sent.Body).ToString(), sent.Headers.GetValueOrDefault("content-length"));
        Assert.False(sent.Headers.ContainsKey("transfer-encoding"));
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_is_tried_again_then_a_clear_error_not_a_cancellation()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        server.Latency = (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        await using var pricer = new RemotePricer(server.BaseUrl, "pricer", new LlamaPricingOptions(), apiKey: null,
            timeout: TimeSpan.FromMilliseconds(200));

        var e = await Assert.ThrowsAsync<RemoteCompletionException>(() => pricer.PriceAsync(TestItems.Make("A kettle", 40)));

        Assert.Contains("did not answer within 0.2 s, 3 times", e.Message);
        Assert.True(e.MayRetry);
        // Never more than the three tries; on a loaded machine a try may give up before the server has read it.
        Assert.InRange(server.Requests.Count, 1, 3);
    }

    [Fact]
    public async Task Many_items_in_flight_come_back_with_their_own_index_and_a_refusing_server_fails_items_not_the_run()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        server.Latency = (TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(60)); // answers overtake each other
        server.When(r => r.LastMessage()!.Contains("Item 3\n"), ServerReply.Error(400));
        server.Responder = r =>
        {
            int item = int.Parse(r.LastMessage()!.Split("Item ")[1].Split('\n')[0]);
            return ServerReply.Completion(Top(($"{10 * item}", 0.9)));
        };
        await using var pricer = (IBatchPricer)await Create(server);
        var items = TestItems.Priced(8);

        var results = new List<PricedItem>();
        await foreach (var r in pricer.PriceManyAsync(items, 3)) results.Add(r);

        Assert.Equal(Enumerable.Range(0, 8), results.Select(r => r.Index).Order());
        Assert.Contains("400", results.Single(r => r.Index == 2).Error);
        Assert.All(results.Where(r => r.Index != 2), r => Assert.Equal(10.0 * (r.Index + 1), r.Guess!.Price, 9));
        Assert.Equal(8, server.CountOf("completions")); // a 400 is not retried
    }

    [Fact]
    public async Task A_busy_server_is_retried_and_an_unreadable_answer_fails_the_item_with_the_reason()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        server.Enqueue(ServerReply.Error(503), ServerReply.Completion(Top(("42", 0.9))), ServerReply.Garbage(), ServerReply.EmptyChoices(),
            ServerReply.Text("12"));
        await using var pricer = await Create(server);
        var item = TestItems.Make("A kettle", 40);

        Assert.Equal(42, (await pricer.PriceAsync(item)).Price, 9);
        Assert.Equal(2, server.CountOf("completions"));
        Assert.Contains("did not answer JSON", (await Assert.ThrowsAsync<RemoteCompletionException>(() => pricer.PriceAsync(item))).Message);
        Assert.Contains("without choices[0]", (await Assert.ThrowsAsync<RemoteCompletionException>(() => pricer.PriceAsync(item))).Message);
        Assert.Contains("no logprobs", (await Assert.ThrowsAsync<RemoteCompletionException>(() => pricer.PriceAsync(item))).Message);
    }

    [Fact]
    public async Task A_missing_base_url_or_key_variable_is_a_clear_error()
    {
        var registry = WorkbookPricers.Create(new WorkbookSettings { Cache = Path.GetTempPath() });
        var e = await Assert.ThrowsAsync<PricerOptionException>(() => registry.CreateAsync("remote:pricer").AsTask());
        Assert.Contains("--base-url", e.Message);
        var key = await Assert.ThrowsAsync<PricerOptionException>(() => registry.CreateAsync("remote:pricer",
            new Dictionary<string, string?> { ["base-url"] = "http://127.0.0.1:9/v1", ["api-key-env"] = "PRICER_TEST_UNSET_KEY" }).AsTask());
        Assert.Contains("PRICER_TEST_UNSET_KEY", key.Message);
    }
}
