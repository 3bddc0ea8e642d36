using System.Text.Json.Nodes;

namespace PricerLib.TestServer;

/// <summary>A request the server received, kept for assertions.</summary>
/// <param name="Sequence">Arrival order, from 1.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path without the query, e.g. <c>/v1/chat/completions</c>.</param>
/// <param name="Headers">Request headers (names lower-case).</param>
/// <param name="Body">The body as text ("" when none; multipart uploads as received).</param>
public sealed record CapturedRequest(int Sequence, string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body parsed as JSON; null when it is not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            try { return JsonNode.Parse(Body); }
            catch (System.Text.Json.JsonException) { return null; }
        }
    }

    /// <summary>The <c>model</c> field of a JSON body.</summary>
    public string? Model => Json?["model"]?.GetValue<string>();

    /// <summary>
    /// The content of the last message with <paramref name="role"/> in a chat body (or the <c>prompt</c> of a completion);
    /// content given as blocks (Anthropic's <c>[{"type": "text", "text"}]</c>) is their text joined.
    /// </summary>
    public string? LastMessage(string role = "user") =>
        Json?["messages"]?.AsArray().LastOrDefault(m => m?["role"]?.GetValue<string>() == role)?["content"] switch
        {
            JsonArray blocks => string.Concat(blocks.Select(b => b?["text"]?.GetValue<string>())),
            JsonNode text => text.GetValue<string>(),
            null => Json?["prompt"]?.GetValue<string>(),
        };
}
