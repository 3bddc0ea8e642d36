using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PricerLib.Local;
using PricerLib.Local.Remote;
using PricerLib.Pricers;
using PricerLib.Tests.Evaluation;

namespace PricerLib.Tests.Local;

public sealed class RemotePricerTests
{
    /// <summary>A real HTTP server on 127.0.0.1 answering /v1/completions in vLLM's or llama-server's log-prob shape.</summary>
    private sealed class CompletionsServer : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly Func<JsonNode, (int Status, string Body)> answer;

        public CompletionsServer(Func<JsonNode, (int Status, string Body)> answer)
        {
            this.answer = answer;
            var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            int port = ((IPEndPoint)socket.LocalEndpoint).Port;
            socket.Stop();
            BaseUrl = new Uri($"http://127.0.0.1:{port}/v1/");
            listener.Prefixes.Add(BaseUrl.AbsoluteUri);
            listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public Uri BaseUrl { get; }
        public List<JsonNode> Requests { get; } = [];
        public List<string?> Authorizations { get; } = [];

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); } catch (Exception) { return; }
                var request = JsonNode.Parse(await new StreamReader(context.Request.InputStream).ReadToEndAsync())!;
                lock (Requests)
                {
                    Requests.Add(request);
                    Authorizations.Add(context.Request.Headers["Authorization"]);
                }
                var (status, body) = context.Request.Url!.AbsolutePath == "/v1/completions" ? answer(request) : (404, "{}");
                context.Response.StatusCode = status;
                var bytes = Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        public void Dispose() => listener.Close();
    }

    private static string Vllm(params (string Token, double Probability)[] top) => JsonSerializer.Serialize(new
    {
        choices = new[] { new { text = top[0].Token, logprobs = new { top_logprobs = new[] { top.ToDictionary(t => t.Token, t => Math.Log(t.Probability)) } } } },
    });

    private static string LlamaServer(params (string Token, double Probability)[] top) => JsonSerializer.Serialize(new
    {
        choices = new[]
        {
            new
            {
                text = top[0].Token,
                logprobs = new { content = new[] { new { token = top[0].Token, logprob = Math.Log(top[0].Probability), top_logprobs = top.Select(t => new { token = t.Token, logprob = Math.Log(t.Probability) }) } } },
            },
        },
    });

    private static async Task<IPricer> Create(Uri baseUrl, params (string, string?)[] options) =>
        await WorkbookPricers.Create(new WorkbookSettings { Cache = Path.GetTempPath() })
            .CreateAsync("remote:pricer", options.Append(("base-url", baseUrl.AbsoluteUri)).ToDictionary(o => o.Item1, o => o.Item2));

    [Theory]
    [InlineData("vllm")]
    [InlineData("llama-server")]
    public async Task Weighted_reads_both_logprob_shapes(string shape)
    {
        (string, double)[] top = [("abc", 0.3), (" 100", 0.5), ("200", 0.2)];
        using var server = new CompletionsServer(_ => (200, shape == "vllm" ? Vllm(top) : LlamaServer(top)));
        await using var pricer = await Create(server.BaseUrl);
        var guess = await pricer.PriceAsync(TestItems.Make("A kettle", 40));
        Assert.Equal((100 * 0.5 + 200 * 0.2) / 0.7, guess.Price, 9);
        var sent = server.Requests.Single();
        Assert.Equal("pricer", (string?)sent["model"]);
        Assert.Equal(3, (int?)sent["logprobs"]);
        Assert.Equal(1, (int?)sent["max_tokens"]);
        Assert.EndsWith("Price is $", (string?)sent["prompt"]);
        Assert.Equal("remote", pricer.Details.Kind);
    }

    [Fact]
    public async Task Greedy_parses_the_text_and_sends_the_named_key()
    {
        using var server = new CompletionsServer(_ => (200, """{"choices":[{"text":"1,299.00 and more"}]}"""));
        Environment.SetEnvironmentVariable("PRICER_TEST_REMOTE_KEY", "remote-test-key");
        await using var pricer = await Create(server.BaseUrl, ("method", "greedy"), ("max-tokens", "3"), ("api-key-env", "PRICER_TEST_REMOTE_KEY"));
        var guess = await pricer.PriceAsync(TestItems.Make("A kettle", 40));
        Assert.Equal(1299, guess.Price);
        Assert.Equal(3, (int?)server.Requests.Single()["max_tokens"]);
        Assert.Equal("Bearer remote-test-key", server.Authorizations.Single());
        Assert.DoesNotContain("remote-test-key", JsonSerializer.Serialize(pricer.Details));
    }

    [Fact]
    public async Task Many_items_in_flight_keep_their_index_and_a_refusing_server_fails_items_not_the_run()
    {
        using var server = new CompletionsServer(request =>
            ((string)request["prompt"]!).Contains("Item 3") ? (400, "{}") : (200, Vllm(("42", 0.9))));
        await using var pricer = (IBatchPricer)await Create(server.BaseUrl);
        var items = TestItems.Priced(6);
        var results = new List<PricedItem>();
        await foreach (var r in pricer.PriceManyAsync(items, 3)) results.Add(r);
        Assert.Equal(Enumerable.Range(0, 6), results.Select(r => r.Index).Order());
        Assert.Contains("400", results.Single(r => r.Index == 2).Error);
        Assert.All(results.Where(r => r.Index != 2), r => Assert.Equal(42, r.Guess!.Price, 9));
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
