using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PricerLib.TestServer;

/// <summary>
/// Anthropic's Messages API, <c>POST /v1/messages</c>, with the same queue, rules, latency and faults as the chat
/// endpoint (slow, 429 + Retry-After, 500, garbage, dropped connection). Errors come in Anthropic's shape,
/// <c>{"type": "error", "error": {"type", "message"}}</c>; <see cref="ServerReply.NoChoices"/> answers an empty
/// <c>content</c> list, <see cref="ServerReply.Refusal"/> a <c>"refusal"</c> stop reason, and an error reply's
/// <see cref="ServerReply.Content"/>, when given, is its <c>error.message</c>.
/// </summary>
internal static class AnthropicEndpoints
{
    public static void Map(WebApplication app, OpenAiTestServer server) =>
        app.MapPost("/v1/messages", context => ModelEndpoints.AnswerAsync(context, server, MessageBody, WriteErrorAsync));

    private static Task WriteErrorAsync(HttpContext context, ServerReply reply, string message)
    {
        ModelEndpoints.WriteRetryAfter(context, reply);
        string type = reply.Status switch
        {
            400 => "invalid_request_error",
            401 => "authentication_error",
            404 => "not_found_error",
            429 => "rate_limit_error",
            529 => "overloaded_error",
            _ => "api_error",
        };
        return ModelEndpoints.WriteJsonAsync(context, reply.Status, new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = type, ["message"] = reply.Content ?? message },
        });
    }

    private static JsonObject MessageBody(CapturedRequest request, ServerReply reply)
    {
        var content = new JsonArray();
        if (!reply.NoChoices && !reply.Refused) content.Add(new JsonObject { ["type"] = "text", ["text"] = reply.Content ?? "" });
        int inputTokens = reply.PromptTokens ?? Math.Max(1, request.Body.Length / 4);
        int outputTokens = reply.CompletionTokens ?? Math.Max(1, (reply.Content?.Length ?? 0) / 4);
        return new JsonObject
        {
            ["id"] = $"msg_test_{request.Sequence}",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = request.Model ?? "test-model",
            ["content"] = content,
            ["stop_reason"] = reply.Refused ? "refusal" : "end_turn",
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = outputTokens },
        };
    }
}
