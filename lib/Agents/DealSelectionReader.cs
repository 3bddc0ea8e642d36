using System.Text.Json;
using System.Text.Json.Nodes;

namespace PricerLib.Agents;

/// <summary>
/// The structured output the scanner asks for — the course's <c>DealSelection</c> as a strict JSON schema — and the
/// checks on what comes back: a reply that is not the schema, a deal without a positive price ("N/A", 0), or one
/// whose URL was not offered is dropped with its reason, never trusted.
/// </summary>
public static class DealSelectionReader
{
    /// <summary>The JSON schema of <c>DealSelection</c> (deals of product_description, price, url), as pydantic gives it, made strict.</summary>
    public const string Schema = """
        {
          "type": "object",
          "properties": {
            "deals": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "product_description": { "type": "string" },
                  "price": { "type": "number" },
                  "url": { "type": "string" }
                },
                "required": ["product_description", "price", "url"],
                "additionalProperties": false
              }
            }
          },
          "required": ["deals"],
          "additionalProperties": false
        }
        """;

    /// <summary>The deals in <paramref name="reply"/> that pass every check; each rejected one's reason goes to <paramref name="reject"/>.</summary>
    /// <exception cref="DealAgentException">The reply is not a JSON object with a <c>deals</c> array.</exception>
    public static IReadOnlyList<Deal> Read(string reply, IReadOnlySet<string> offeredUrls, Action<string> reject)
    {
        JsonArray deals;
        try
        {
            deals = JsonNode.Parse(reply)?["deals"] as JsonArray
                ?? throw new DealAgentException("the model's reply has no \"deals\" list");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new DealAgentException($"the model's reply is not the DealSelection JSON ({e.Message})");
        }
        var kept = new List<Deal>();
        foreach (var node in deals)
        {
            if (ReadOne(node, offeredUrls) is { } problem) reject(problem);
            else if (kept.Any(k => k.Url == (string)node!["url"]!)) reject($"{node!["url"]} was selected twice; kept once");
            else kept.Add(new Deal(((string)node!["product_description"]!).Trim(), (double)node["price"]!, (string)node["url"]!));
        }
        return kept;
    }

    private static string? ReadOne(JsonNode? node, IReadOnlySet<string> offeredUrls)
    {
        if (node is not JsonObject deal) return "a selected deal is not an object";
        if (deal["url"] is not JsonValue urlValue || !urlValue.TryGetValue(out string? url) || url.Length == 0) return "a selected deal has no url";
        if (!offeredUrls.Contains(url)) return $"the model named {url}, which was not offered";
        if (deal["product_description"] is not JsonValue text || !text.TryGetValue(out string? description) || description.Trim().Length == 0)
            return $"{url} has no product description";
        if (deal["price"] is not JsonValue priceValue || !priceValue.TryGetValue(out double price))
            return $"{url} has no numeric price ({deal["price"]?.ToJsonString() ?? "none"})";
        if (!double.IsFinite(price) || price <= 0) return $"{url} has price {price}, not above 0";
        return null;
    }
}

/// <summary>A step of the deal agents that failed in a way the run reports and goes on from.</summary>
public sealed class DealAgentException(string message, Exception? inner = null) : PricerException(message, false, inner);
