using System.Text.Json;
using PricerLib.Data;
using PricerLib.Data.Amazon;
using PricerLib.Text;

namespace PricerLib.Editions;

/// <summary>
/// The 2025 course's <c>week6/pricer/parser.py</c> (109b683e7): <c>parse(datapoint, category)</c> with its price
/// range, <c>scrub</c> (title, then <c>simplify</c>d description and features, then the details without
/// <c>REMOVALS</c>, part numbers removed, cut to 4,000 characters), the 600-character floor and <c>get_weight</c>.
/// Rows the course's code would crash on (no title, details that are not an object, an unreadable weight) are counted
/// skips here. Stateless and thread-safe.
/// </summary>
public static class ItemParser2025
{
    /// <summary><c>MIN_CHARS</c>: shorter full texts are skipped.</summary>
    public const int MinChars = 600;

    /// <summary><c>MIN_PRICE</c>, inclusive.</summary>
    public const double MinPrice = 0.5;

    /// <summary><c>MAX_PRICE</c>, inclusive.</summary>
    public const double MaxPrice = 999.49;

    /// <summary><c>MAX_TEXT_EACH</c>: description and features are each cut to this many characters.</summary>
    public const int MaxTextEach = 3000;

    /// <summary><c>MAX_TEXT_TOTAL</c>: the full text is cut to this many characters.</summary>
    public const int MaxTextTotal = 4000;

    /// <summary><c>REMOVALS</c>: details dropped before the details go into the full text.</summary>
    public static IReadOnlyList<string> Removals { get; } =
        ["Part Number", "Best Sellers Rank", "Batteries Included?", "Batteries Required?", "Item model number"];

    /// <summary><c>parse(datapoint, category)</c>: an item with title, category, price, full text and weight, or why not.</summary>
    public static CurationOutcome Parse(RawProduct product, string? category)
    {
        // float(datapoint["price"]) – a ValueError ("None", "") is a skip; NaN fails the range as in Python.
        if (product.Price is null) return CurationOutcome.Skipped(SkipReason.NoPrice);
        if (!PythonFloat.TryParse(product.Price, out double price)) return CurationOutcome.Skipped(SkipReason.UnparsablePrice);
        if (!(price >= MinPrice && price <= MaxPrice)) return CurationOutcome.Skipped(SkipReason.PriceOutOfRange);
        if (product.Title is null) return CurationOutcome.Skipped(SkipReason.MissingTitle);

        JsonDocument details;
        try
        {
            details = JsonDocument.Parse(product.Details ?? "");
        }
        catch (JsonException)
        {
            return CurationOutcome.Skipped(SkipReason.UnreadableDetails);
        }
        using (details)
        {
            if (details.RootElement.ValueKind != JsonValueKind.Object) return CurationOutcome.Skipped(SkipReason.UnreadableDetails);
            if (!TryGetWeight(details.RootElement, out double weight)) return CurationOutcome.Skipped(SkipReason.UnreadableWeight);
            string full;
            try
            {
                full = Scrub(product.Title, product.Description, product.Features, details.RootElement);
            }
            catch (InvalidOperationException)
            {
                return CurationOutcome.Skipped(SkipReason.UnreadableDetails); // a key with a lone surrogate escape
            }
            if (PythonString.Length(full) < MinChars) return CurationOutcome.Skipped(SkipReason.TooShortFullText);
            return CurationOutcome.Kept(new Item { Title = product.Title, Category = category, Price = price, Full = full, Weight = weight, Prompt = "" });
        }
    }

    /// <summary>
    /// <c>simplify(text_list)</c>: <c>str(text_list)</c> (the list's Python repr) with newlines made spaces, CR and tabs
    /// dropped and double spaces halved, stripped and cut to <see cref="MaxTextEach"/> characters.
    /// </summary>
    public static string Simplify(IReadOnlyList<string> parts)
    {
        string text = PythonRepr.List(parts)
            .Replace("\n", " ", StringComparison.Ordinal)
            .Replace("\r", "", StringComparison.Ordinal)
            .Replace("\t", "", StringComparison.Ordinal)
            .Replace("  ", " ", StringComparison.Ordinal);
        return PythonString.Prefix(PythonString.Strip(text), MaxTextEach);
    }

    /// <summary><c>scrub(title, description, features, details)</c>.</summary>
    public static string Scrub(string title, IReadOnlyList<string> description, IReadOnlyList<string> features, JsonElement details)
    {
        var result = new System.Text.StringBuilder(title).Append('\n');
        if (description.Count > 0) result.Append(Simplify(description)).Append('\n');
        if (features.Count > 0) result.Append(Simplify(features)).Append('\n');
        string kept = PythonJson.DumpsWithout(details, Removals);
        if (kept != "{}") result.Append(kept).Append('\n');
        return PythonString.Prefix(PythonString.Strip(PartNumbers.Remove(result.ToString())), MaxTextTotal);
    }

    /// <summary>
    /// <c>get_weight(details)</c> in pounds: "Item Weight" as "AMOUNT UNIT" (pounds, ounces, grams, milligrams,
    /// kilograms, "hundredths pounds"), 0 when absent, empty or of another unit. False where Python would raise (an
    /// amount <c>float()</c> rejects, a missing unit, a weight that is not text) or the amount is not finite.
    /// </summary>
    public static bool TryGetWeight(JsonElement details, out double pounds)
    {
        pounds = 0;
        JsonElement? value = null;
        foreach (var property in details.EnumerateObject())
            if (property.NameEquals("Item Weight")) value = property.Value; // a repeated key: Python keeps the last value
        if (value is not { } weight || IsFalsy(weight)) return true;
        if (weight.ValueKind != JsonValueKind.String) return false;
        string[] parts;
        try
        {
            parts = weight.GetString()!.Split(' ');
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        if (parts.Length < 2 || !PythonFloat.TryParse(parts[0], out double amount)) return false;
        // str.lower() maps U+0130 to two code points, so no unit with it matches; other letters lower alike.
        string unit = parts[1].Contains('\u0130') ? parts[1] : parts[1].ToLowerInvariant();
        double? converted = unit switch
        {
            "pounds" => amount,
            "ounces" => amount / 16,
            "grams" => amount / 453.592,
            "milligrams" => amount / 453592,
            "kilograms" => amount / 0.453592,
            "hundredths" when parts.Length < 3 => null,
            "hundredths" when parts[2].ToLowerInvariant() == "pounds" && !parts[2].Contains('\u0130') => amount / 100,
            _ => 0,
        };
        if (converted is not { } result || !double.IsFinite(result)) return false;
        pounds = result;
        return true;
    }

    private static bool IsFalsy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False => true,
        JsonValueKind.String => value.ValueEquals(""),
        JsonValueKind.Number => value.GetDouble() == 0,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        _ => false,
    };
}
