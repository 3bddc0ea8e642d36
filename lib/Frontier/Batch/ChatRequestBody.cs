using System.Text.Json.Nodes;

namespace PricerLib.Frontier.Batch;

/// <summary>
/// The JSON body of a chat completion request as the chat path sends it through the OpenAI SDK (model, messages,
/// the token limit in its configured field, seed, reasoning effort), written out for the Batch API's input lines.
/// </summary>
public static class ChatRequestBody
{
    /// <summary>The body for <paramref name="messages"/> with <paramref name="parameters"/>.</summary>
    public static JsonObject For(IReadOnlyList<ChatTurn> messages, ChatParameters parameters)
    {
        var body = new JsonObject
        {
            ["messages"] = new JsonArray(messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.ToString().ToLowerInvariant(), ["content"] = m.Content }).ToArray()),
            ["model"] = parameters.Model,
        };
        if (parameters.MaxTokens is { } limit) body[parameters.TokenLimit == TokenLimitField.MaxTokens ? "max_tokens" : "max_completion_tokens"] = limit;
        if (parameters.Seed is { } seed) body["seed"] = seed;
        if (parameters.ReasoningEffort is { } effort) body["reasoning_effort"] = effort;
        return body;
    }
}
