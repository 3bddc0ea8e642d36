using System.Text.Json.Nodes;

namespace PricerLib.Frontier.Batch;

/// <summary>
/// The JSON body of a chat completion request as the chat path sends it through the OpenAI SDK (model, messages,
/// the token limit in its configured field, seed), written out for the Batch API's input lines.
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
        body[parameters.TokenLimit == TokenLimitField.MaxTokens ? "max_tokens" : "max_completion_tokens"] = parameters.MaxTokens;
        if (parameters.Seed is { } seed) body["seed"] = seed;
        return body;
    }
}
