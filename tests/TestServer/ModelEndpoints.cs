using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PricerLib.TestServer;

/// <summary><c>/v1/chat/completions</c>, <c>/v1/completions</c> and <c>/v1/models</c>: the JSON each answers with.</summary>
internal static class ModelEndpoints
{
    public static void Map(WebApplication app, OpenAiTestServer server)
    {
        app.MapPost("/v1/chat/completions", context => AnswerAsync(context, server, ChatBody));
        app.MapPost("/v1/completions", context => AnswerAsync(context, server, (request, reply) => CompletionBody(request, reply, server.CompletionShape)));
        app.MapGet("/v1/models", async context =>
        {
            await server.CaptureAsync(context);
            await WriteJsonAsync(context, 200, new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(new JsonObject { ["id"] = "test-model", ["object"] = "model", ["owned_by"] = "test-server" }),
            });
        });
    }

    /// <summary>Captures, waits, then answers with the scripted fault or <paramref name="body"/>; errors in <paramref name="writeError"/>'s shape (default OpenAI's).</summary>
    internal static async Task AnswerAsync(HttpContext context, OpenAiTestServer server, Func<CapturedRequest, ServerReply, JsonObject> body,
        Func<HttpContext, ServerReply, string, Task>? writeError = null)
    {
        var request = await server.CaptureAsync(context);
        var reply = server.Choose(request);
        try
        {
            await Task.Delay(server.NextLatency() + reply.Delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return; // the client gave up (its timeout): nobody to answer
        }
        if (reply.Drop)
        {
            context.Abort();
            return;
        }
        if (reply.RawBody is { } raw)
        {
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(raw);
            return;
        }
        if (reply.Status != 200)
        {
            await (writeError ?? WriteErrorAsync)(context, reply, $"Scripted error {reply.Status}");
            return;
        }
        await WriteJsonAsync(context, 200, body(request, reply));
    }

    public static Task WriteErrorAsync(HttpContext context, ServerReply reply, string message)
    {
        WriteRetryAfter(context, reply);
        string type = reply.Status switch { 429 => "rate_limit_exceeded", 401 => "invalid_api_key", 404 => "not_found", _ => "server_error" };
        return WriteJsonAsync(context, reply.Status, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = type },
        });
    }

    /// <summary>
    /// <c>Retry-After</c> in whole seconds (rounded up); a wait that is not whole seconds also goes out as
    /// <c>retry-after-ms</c>, which the OpenAI and Anthropic SDKs read first (so tests can ask for short waits).
    /// </summary>
    public static void WriteRetryAfter(HttpContext context, ServerReply reply)
    {
        if (reply.RetryAfter is not { } wait) return;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString();
        if (wait.Milliseconds != 0) context.Response.Headers["retry-after-ms"] = ((int)wait.TotalMilliseconds).ToString();
    }

    public static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    internal static JsonObject ChatBody(CapturedRequest request, ServerReply reply)
    {
        var choices = new JsonArray();
        if (!reply.NoChoices)
            choices.Add(new JsonObject
            {
                ["index"] = 0,
                ["message"] = reply.ToolCalls is { } calls
                    ? ToolCallMessages.Message(calls)
                    : reply.Refused ? new JsonObject { ["role"] = "assistant", ["content"] = null, ["refusal"] = ServerReply.RefusalText }
                    : new JsonObject { ["role"] = "assistant", ["content"] = reply.Content ?? "", ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = reply.ToolCalls is null ? "stop" : "tool_calls",
            });
        return Envelope("chatcmpl", "chat.completion", request, reply, choices);
    }

    private static JsonObject CompletionBody(CapturedRequest request, ServerReply reply, LogprobsShape shape)
    {
        var choices = new JsonArray();
        if (!reply.NoChoices)
            choices.Add(new JsonObject
            {
                ["index"] = 0,
                ["text"] = reply.Content ?? "",
                ["logprobs"] = RequestedTopCount(request) is { } top && reply.Logprobs is { } positions ? Logprobs(positions, top, shape) : null,
                ["finish_reason"] = "length",
            });
        return Envelope("cmpl", "text_completion", request, reply, choices);
    }

    /// <summary>How many alternatives per position the request asked for (vLLM's <c>logprobs</c>, llama-server's <c>n_probs</c>); null for none.</summary>
    private static int? RequestedTopCount(CapturedRequest request)
    {
        var json = request.Json;
        foreach (var name in new[] { "logprobs", "n_probs" })
        {
            if (json?[name] is JsonValue value && value.TryGetValue(out int count) && count > 0) return count;
            if (json?[name] is JsonValue flag && flag.TryGetValue(out bool on) && on) return int.MaxValue;
        }
        return null;
    }

    private static JsonObject Logprobs(IReadOnlyList<IReadOnlyList<TokenLogprob>> positions, int top, LogprobsShape shape)
    {
        if (shape == LogprobsShape.LlamaServer)
            return new JsonObject
            {
                ["content"] = new JsonArray(positions.Select(p => (JsonNode)new JsonObject
                {
                    ["token"] = p[0].Token,
                    ["logprob"] = p[0].Logprob,
                    ["top_logprobs"] = new JsonArray(p.Take(top).Select(t => (JsonNode)new JsonObject { ["token"] = t.Token, ["logprob"] = t.Logprob }).ToArray()),
                }).ToArray()),
            };
        var offsets = new JsonArray();
        int offset = 0;
        foreach (var p in positions)
        {
            offsets.Add(offset);
            offset += p[0].Token.Length;
        }
        return new JsonObject
        {
            ["tokens"] = new JsonArray(positions.Select(p => (JsonNode)p[0].Token).ToArray()),
            ["token_logprobs"] = new JsonArray(positions.Select(p => (JsonNode)p[0].Logprob).ToArray()),
            ["text_offset"] = offsets,
            // A dict per position, as vLLM sends it (its order is not the probability order: clients must sort).
            ["top_logprobs"] = new JsonArray(positions.Select(p =>
            {
                var dict = new JsonObject();
                foreach (var t in p.Take(top).Reverse()) dict[t.Token] = t.Logprob;
                return (JsonNode)dict;
            }).ToArray()),
        };
    }

    private static JsonObject Envelope(string idPrefix, string objectType, CapturedRequest request, ServerReply reply, JsonArray choices)
    {
        int promptTokens = reply.PromptTokens ?? Math.Max(1, request.Body.Length / 4);
        int completionTokens = reply.CompletionTokens ?? Math.Max(1, (reply.Content?.Length ?? 0) / 4);
        return new JsonObject
        {
            ["id"] = $"{idPrefix}-{request.Sequence}",
            ["object"] = objectType,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = request.Model ?? "test-model",
            ["system_fingerprint"] = "fp_test",
            ["choices"] = choices,
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
        };
    }
}
