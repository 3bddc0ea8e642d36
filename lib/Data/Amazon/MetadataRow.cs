using System.Text;
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
    /// <summary>
    /// Parses one line (UTF-8 JSON) in one pass of a <see cref="Utf8JsonReader"/>. A row that is not plain (not
    /// valid JSON, not an object, a field of the wrong type or repeated, a string that cannot be decoded, a details
    /// object with a repeated or escaped key) goes to <see cref="ParseFirstPort"/>, which words every problem: the
    /// same outcome either way.
    /// </summary>
    public static RowParse Parse(ReadOnlyMemory<byte> line)
    {
        try
        {
            if (ReadPlainRow(line.Span) is { } product) return new RowParse(product, null, null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Worded below.
        }
        return ParseFirstPort(line);
    }

    /// <summary>The parser of a curation path: the first port's on the baseline, which keeps it as its reference.</summary>
    public static Func<ReadOnlyMemory<byte>, RowParse> For(CurationPath path) => path == CurationPath.Baseline ? ParseFirstPort : Parse;

    /// <summary>The first port: the line as a <see cref="JsonDocument"/>, then each field looked up.</summary>
    public static RowParse ParseFirstPort(ReadOnlyMemory<byte> line)
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

    private enum KnownField { Other, Title, MainCategory, Price, Description, Features, Details }

    /// <summary>The product of a plain row, or null for any other row.</summary>
    private static RawProduct? ReadPlainRow(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line); // JsonDocument's defaults: no comments, no trailing commas, depth 64
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        string? title = null, mainCategory = null, price = null, details = null;
        IReadOnlyList<string> description = [], features = [];
        int seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = FieldOf(ref reader);
            int bit = 1 << (int)field;
            // A repeated field's last value wins, which the first port's lookup knows.
            if (field != KnownField.Other && (seen & bit) != 0) return null;
            seen |= bit;
            reader.Read();
            bool plain = field switch
            {
                KnownField.Title => ReadString(ref reader, out title),
                KnownField.MainCategory => ReadString(ref reader, out mainCategory),
                KnownField.Price => ReadPrice(ref reader, out price),
                KnownField.Description => ReadStrings(ref reader, out description),
                KnownField.Features => ReadStrings(ref reader, out features),
                KnownField.Details => ReadDetails(ref reader, out details),
                _ => reader.TrySkip(),
            };
            if (!plain) return null;
        }
        // The object ends the line: another token after it throws, as in JsonDocument.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return null;
        return new RawProduct(title, mainCategory, price, description, features, details);
    }

    private static KnownField FieldOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("title"u8) ? KnownField.Title
        : reader.ValueTextEquals("main_category"u8) ? KnownField.MainCategory
        : reader.ValueTextEquals("price"u8) ? KnownField.Price
        : reader.ValueTextEquals("description"u8) ? KnownField.Description
        : reader.ValueTextEquals("features"u8) ? KnownField.Features
        : reader.ValueTextEquals("details"u8) ? KnownField.Details
        : KnownField.Other;

    private static bool ReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }

    private static bool ReadPrice(ref Utf8JsonReader reader, out string? value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            value = Encoding.UTF8.GetString(reader.ValueSpan); // a number's text, as GetRawText gives it
            return true;
        }
        return ReadString(ref reader, out value);
    }

    private static bool ReadStrings(ref Utf8JsonReader reader, out IReadOnlyList<string> values)
    {
        values = [];
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        var list = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.String) list.Add(reader.GetString()!);
        values = list;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool ReadDetails(ref Utf8JsonReader reader, out string? details)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            details = PythonJson.TryDumps(ref reader);
            return details is not null;
        }
        return ReadString(ref reader, out details);
    }
}
