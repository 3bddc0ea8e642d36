using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PricerLib.TestServer;

namespace PricerLib.Tests.Frontier;

/// <summary>The shared OpenAI-compatible test server speaks the endpoints' real JSON and fails on demand.</summary>
public class OpenAiTestServerTests
{
    private static readonly HttpClient Http = new();

    private static async Task<JsonNode> PostAsync(OpenAiTestServer server, string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(server.BaseUrl, path), body);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task Chat_answers_the_default_price_for_the_prompt_and_captures_the_request()
    {
        await using var server = await OpenAiTestServer.StartAsync();

        var answer = await PostAsync(server, "chat/completions", new { model = "m", messages = new[] { new { role = "user", content = "a kettle" } } });

        Assert.Equal(DefaultResponder.PriceFor("a kettle").ToString(), (string?)answer["choices"]![0]!["message"]!["content"]);
        Assert.Equal("m", (string?)answer["model"]);
        Assert.True((int)answer["usage"]!["prompt_tokens"]! > 0);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("a kettle", request.LastMessage());
    }

    [Fact]
    public async Task Queued_replies_come_first_then_rules_then_the_responder()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        server.Enqueue(ServerReply.Text("first"));
        server.When(r => r.LastMessage() == "b", ServerReply.Text("rule"), times: 1);
        server.Responder = _ => ServerReply.Text("fallback");

        async Task<string?> Ask(string prompt) => (string?)(await PostAsync(server, "chat/completions",
            new { model = "m", messages = new[] { new { role = "user", content = prompt } } }))["choices"]![0]!["message"]!["content"];

        Assert.Equal("first|rule|fallback", string.Join("|", await Ask("b"), await Ask("b"), await Ask("b")));
        Assert.Equal(3, server.CountOf("chat/completions"));
    }

    [Fact]
    public async Task Errors_carry_status_retry_after_and_an_openai_error_body()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        server.Enqueue(ServerReply.Error(429, TimeSpan.FromSeconds(3)));

        using var response = await Http.PostAsJsonAsync(new Uri(server.BaseUrl, "chat/completions"), new { model = "m", messages = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("rate_limit_exceeded", (string?)body["error"]!["type"]);
    }

    [Fact]
    public async Task Garbage_empty_choices_and_dropped_connections_are_what_they_say()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        server.Enqueue(ServerReply.Garbage("not json"), ServerReply.EmptyChoices(), ServerReply.Dropped());
        var body = new { model = "m", messages = Array.Empty<object>() };

        Assert.Equal("not json", await (await Http.PostAsJsonAsync(new Uri(server.BaseUrl, "chat/completions"), body)).Content.ReadAsStringAsync());
        Assert.Empty((await PostAsync(server, "chat/completions", body))["choices"]!.AsArray());
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Http.PostAsJsonAsync(new Uri(server.BaseUrl, "chat/completions"), body));
    }

    [Fact]
    public async Task Completions_send_logprobs_in_vllm_shape_a_dict_per_position()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        server.Enqueue(ServerReply.Completion(new TokenLogprob[] { new("12", -0.1), new("13", -2.5), new("11", -3.0) }, new TokenLogprob[] { new(".", -0.2) }));

        var answer = await PostAsync(server, "completions", new { model = "m", prompt = "Price is $", max_tokens = 2, logprobs = 2 });

        var choice = answer["choices"]![0]!;
        Assert.Equal("12.", (string?)choice["text"]);
        var top = choice["logprobs"]!["top_logprobs"]!.AsArray();
        Assert.Equal(2, top[0]!.AsObject().Count); // trimmed to the 2 asked for
        Assert.Equal(-2.5, (double)top[0]!["13"]!);
        Assert.Equal(["12", "."], choice["logprobs"]!["tokens"]!.AsArray().Select(t => (string?)t));
    }

    [Fact]
    public async Task Completions_send_logprobs_in_llama_server_shape_a_list_per_position()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        server.CompletionShape = LogprobsShape.LlamaServer;
        server.Enqueue(ServerReply.Completion(new TokenLogprob[] { new("99", -0.3), new("98", -1.9) }));

        var answer = await PostAsync(server, "completions", new { model = "m", prompt = "Price is $", n_probs = 5 });

        var position = answer["choices"]![0]!["logprobs"]!["content"]![0]!;
        Assert.Equal("99", (string?)position["token"]);
        Assert.Equal(-0.3, (double)position["logprob"]!);
        Assert.Equal(["99", "98"], position["top_logprobs"]!.AsArray().Select(t => (string?)t!["token"]));
    }

    [Fact]
    public async Task Completions_without_a_logprobs_request_send_none()
    {
        await using var server = await OpenAiTestServer.StartAsync();

        var answer = await PostAsync(server, "completions", new { model = "m", prompt = "x" });

        Assert.Null(answer["choices"]![0]!["logprobs"]);
        Assert.Equal(DefaultResponder.PriceFor("x").ToString(), (string?)answer["choices"]![0]!["text"]);
    }

    [Fact]
    public async Task Unknown_paths_answer_404_and_are_captured()
    {
        await using var server = await OpenAiTestServer.StartAsync();

        using var response = await Http.GetAsync(new Uri(server.BaseUrl, "nothing/here"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, server.CountOf("nothing/here"));
    }
}
