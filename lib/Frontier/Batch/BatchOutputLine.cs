using System.Text.Json;
using System.Text.Json.Nodes;

namespace PricerLib.Frontier.Batch;

/// <summary>One line of a batch's output or error file: the request's custom id and its answer or why there is none.</summary>
/// <param name="CustomId">The request's <c>custom_id</c> (here its response-cache key).</param>
/// <param name="Answer">The chat answer; null when the request failed.</param>
/// <param name="Error">Why it failed; null when answered.</param>
public sealed record BatchOutputLine(string CustomId, ChatAnswer? Answer, string? Error)
{
    /// <summary>
    /// Reads <c>{"custom_id", "response": {"status_code", "body": chat completion}, "error"}</c>; null for a line
    /// without a custom id (nothing to attach it to).
    /// </summary>
    public static BatchOutputLine? Parse(string line, string model)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
        if (json?["custom_id"] is not JsonValue idValue || !idValue.TryGetValue(out string? id)) return null;
        try
        {
            return new(id, ReadAnswer(json, model, out var error), error);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            return new(id, null, $"the batch answered this request with something that is not a chat completion ({e.GetType().Name})");
        }
    }

    private static ChatAnswer? ReadAnswer(JsonNode json, string model, out string? error)
    {
        var response = json["response"];
        int status = response?["status_code"]?.GetValue<int>() ?? 0;
        var body = response?["body"];
        if (status != 200)
        {
            error = $"the batch answered {status}: {json["error"]?["message"] ?? body?["error"]?["message"] ?? "no reason given"}";
            return null;
        }
        var message = body?["choices"]?.AsArray().FirstOrDefault()?["message"];
        if (message is null)
        {
            error = $"{model} answered with an empty choice list.";
            return null;
        }
        string? content = message["content"]?.GetValue<string>();
        if (content is null && message["refusal"]?.GetValue<string>() is { Length: > 0 } refusal)
        {
            error = $"{model} refused: \"{refusal}\". Some newer models refuse the assistant prefill: try --no-prefill.";
            return null;
        }
        error = null;
        var usage = body!["usage"];
        return new ChatAnswer(content ?? "", usage?["prompt_tokens"]?.GetValue<int>() ?? 0, usage?["completion_tokens"]?.GetValue<int>() ?? 0);
    }
}
