using System.Text.Json;

namespace PricerLib.Data;

/// <summary>Why a JSONL line is not a usable row.</summary>
public enum JsonLineProblem
{
    /// <summary>The line is not valid JSON.</summary>
    NotJson,
    /// <summary>The line is JSON, but not an object.</summary>
    NotAnObject,
}

/// <summary>One line of a JSONL file as an object, or a counted reason why not; the same words in every reader.</summary>
public static class JsonLine
{
    /// <summary>The parsed object (the caller disposes it), or null with the problem and a message naming it.</summary>
    public static JsonDocument? ParseObject(ReadOnlyMemory<byte> utf8, out JsonLineProblem problem, out string message) =>
        Checked(() => JsonDocument.Parse(utf8), out problem, out message);

    /// <inheritdoc cref="ParseObject(ReadOnlyMemory{byte}, out JsonLineProblem, out string)"/>
    public static JsonDocument? ParseObject(string line, out JsonLineProblem problem, out string message) =>
        Checked(() => JsonDocument.Parse(line), out problem, out message);

    private static JsonDocument? Checked(Func<JsonDocument> parse, out JsonLineProblem problem, out string message)
    {
        problem = default;
        message = "";
        JsonDocument document;
        try
        {
            document = parse();
        }
        catch (JsonException e)
        {
            (problem, message) = (JsonLineProblem.NotJson, $"not valid JSON ({e.Message})");
            return null;
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        (problem, message) = (JsonLineProblem.NotAnObject, $"a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object");
        document.Dispose();
        return null;
    }
}
