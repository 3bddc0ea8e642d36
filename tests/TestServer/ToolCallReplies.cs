using System.Text.Json.Nodes;

namespace PricerLib.TestServer;

/// <summary>One function call the scripted model makes.</summary>
/// <param name="Name">The tool's name.</param>
/// <param name="Arguments">Its arguments as a JSON object (sent as a string, as OpenAI does).</param>
public sealed record ToolCallReply(string Name, JsonObject Arguments);

public sealed partial record ServerReply
{
    /// <summary>Function calls the assistant makes instead of answering (<c>finish_reason: "tool_calls"</c>).</summary>
    public IReadOnlyList<ToolCallReply>? ToolCalls { get; init; }

    /// <summary>A chat answer that calls <paramref name="calls"/> (ids <c>call_1</c>, <c>call_2</c>, … in order).</summary>
    public static ServerReply Tools(params ToolCallReply[] calls) => new() { ToolCalls = calls };

    /// <summary>A chat answer that calls the tool <paramref name="name"/> with <paramref name="arguments"/> (none when null).</summary>
    public static ServerReply Tool(string name, JsonObject? arguments = null) => Tools(new ToolCallReply(name, arguments ?? []));
}

/// <summary>The assistant message of a chat answer that calls tools, in OpenAI's shape.</summary>
internal static class ToolCallMessages
{
    public static JsonObject Message(IReadOnlyList<ToolCallReply> calls) => new()
    {
        ["role"] = "assistant",
        ["content"] = null,
        ["refusal"] = null,
        ["tool_calls"] = new JsonArray(calls.Select((call, i) => (JsonNode)new JsonObject
        {
            ["id"] = $"call_{i + 1}",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments.ToJsonString() },
        }).ToArray()),
    };
}
