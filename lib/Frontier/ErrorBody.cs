using System.Text.Json;

namespace PricerLib.Frontier;

/// <summary>The human part of a provider's error body, which OpenAI and Anthropic both put at <c>error.message</c>.</summary>
internal static class ErrorBody
{
    /// <summary><c>error.message</c> of <paramref name="body"/>; null when the body is empty or not such JSON.</summary>
    public static string? MessageOf(string? body)
    {
        if (string.IsNullOrEmpty(body)) return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
