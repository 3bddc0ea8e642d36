using System.Text.Json;

namespace PricerLib.Data.Amazon;

/// <summary>What reading one metadata line gave: a product, or the reason it was skipped and what was wrong.</summary>
public readonly record struct RowParse(RawProduct? Product, SkipReason? Skip, string? Problem)
{
    internal static RowParse Skipped(SkipReason reason, string problem) => new(null, reason, problem);
}

/// <summary>
/// Parses one line of Amazon Reviews 2023 metadata in either shape: the raw files (<c>details</c> an object,
/// <c>price</c> a number or null) and the Hugging Face <c>raw_meta_*</c> form (<c>details</c> already a JSON string,
/// <c>price</c> a string, "None" for null). Either way <see cref="RawProduct.Details"/> ends up as Python's
/// <c>json.dumps</c> text and <see cref="RawProduct.Price"/> as text, for the curator to judge.
/// </summary>
public static class MetadataRow
{
    /// <summary>Parses one line (UTF-8 JSON).</summary>
    public static RowParse Parse(ReadOnlyMemory<byte> line)
    {
        var document = JsonLine.ParseObject(line, out var problem, out var message);
        if (document is null)
            return RowParse.Skipped(problem == JsonLineProblem.NotJson ? SkipReason.MalformedJson : SkipReason.NotAnObject, message);

        using (document)
        {
            var root = document.RootElement;
            try
            {
                return new RowParse(new RawProduct(
                    Title: OptionalString(root, "title"),
                    MainCategory: OptionalString(root, "main_category"),
                    Price: PriceText(root),
                    Description: StringList(root, "description"),
                    Features: StringList(root, "features"),
                    Details: DetailsText(root)), null, null);
            }
            catch (WrongFieldTypeException e)
            {
                return RowParse.Skipped(SkipReason.WrongFieldType, e.Message);
            }
            catch (InvalidOperationException e)
            {
                // System.Text.Json refuses to decode a lone surrogate escape into a .NET string.
                return RowParse.Skipped(SkipReason.MalformedJson, $"undecodable string ({e.Message})");
            }
        }
    }

    private static string? OptionalString(JsonElement row, string name) => Field(row, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        var other => throw WrongType(name, "a string", other.Value),
    };

    /// <summary>A number keeps its JSON text; a string (Hugging Face form: "None", "12.99", or anything) passes through.</summary>
    private static string? PriceText(JsonElement row) => Field(row, "price") switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        var other => throw WrongType("price", "a number or a string", other.Value),
    };

    private static IReadOnlyList<string> StringList(JsonElement row, string name)
    {
        if (Field(row, name) is not { } value) return [];
        if (value.ValueKind != JsonValueKind.Array) throw WrongType(name, "a list of strings", value);
        var list = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw WrongType(name, "a list of strings", item, " item");
            list.Add(item.GetString()!);
        }
        return list;
    }

    /// <summary>An object (raw files) is serialised as Python's <c>json.dumps</c>; a string (Hugging Face form) passes through.</summary>
    private static string? DetailsText(JsonElement row) => Field(row, "details") switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } value => PythonJson.Dumps(value),
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        var other => throw WrongType("details", "an object or a JSON string", other.Value),
    };

    /// <summary>The field's value; null when it is absent or JSON null.</summary>
    private static JsonElement? Field(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static WrongFieldTypeException WrongType(string name, string expected, JsonElement found, string part = "") =>
        new($"field '{name}'{part} should be {expected}, not a {found.ValueKind.ToString().ToLowerInvariant()}");

    private sealed class WrongFieldTypeException(string message) : Exception(message);
}
