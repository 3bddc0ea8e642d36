using System.Text.Json;
using PricerLib.Data;
using PricerLib.Text;

namespace PricerLib.Classical;

/// <summary>
/// The course's four hand-made features of an item, read from its <c>details</c> JSON as the course's
/// <c>get_weight</c>, <c>get_rank</c>, <c>get_text_length</c> and <c>is_top_electronics_brand</c> do. A null weight
/// or rank means "not found": the model uses the training mean instead (<c>weight or average_weight</c>).
/// </summary>
/// <param name="Weight">Item Weight in pounds; null when missing, zero, or unreadable.</param>
/// <param name="Rank">Mean of the Best Sellers Rank values; null when missing, zero, or unreadable.</param>
/// <param name="TextLength">Python's <c>len(item.test_prompt())</c> (code points).</param>
/// <param name="TopElectronicsBrand">The Brand is one of the course's nine (any case).</param>
public sealed record ProductFeatures(double? Weight, double? Rank, int TextLength, bool TopElectronicsBrand)
{
    /// <summary>The course's <c>TOP_ELECTRONICS_BRANDS</c>.</summary>
    public static IReadOnlyList<string> TopElectronicsBrands { get; } = ["hp", "dell", "lenovo", "samsung", "asus", "sony", "canon", "apple", "intel"];

    /// <summary>The names of the four features, in the course's order (its <c>feature_columns</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = ["weight", "rank", "text_length", "is_top_electronics_brand"];

    /// <summary>Reads an item's features, counting in <paramref name="fallbacks"/> what was missing or unreadable.</summary>
    public static ProductFeatures Of(Item item, FeatureFallbacks fallbacks)
    {
        var details = ParseDetails(item.Details, fallbacks);
        return new ProductFeatures(
            ReadWeight(details, fallbacks),
            ReadRank(details, fallbacks),
            PythonString.Length(item.TestPrompt),
            details is { } d && d.TryGetProperty("Brand", out var brand) && brand.ValueKind == JsonValueKind.String
                && TopElectronicsBrands.Contains(brand.GetString()!.ToLowerInvariant()));
    }

    /// <summary>The details as a JSON object (the course's <c>json.loads(item.details)</c>), or null when absent or not an object.</summary>
    public static JsonElement? ParseDetails(string? details, FeatureFallbacks fallbacks)
    {
        if (string.IsNullOrWhiteSpace(details))
        {
            fallbacks.Count(FeatureFallback.NoDetails);
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(details);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Counted below like any other unreadable details.
        }
        fallbacks.Count(FeatureFallback.DetailsNotJson);
        return null;
    }

    /// <summary>
    /// The course's <c>get_weight</c>: "AMOUNT UNIT" with units pounds, ounces, grams, milligrams, kilograms or
    /// "hundredths pounds". Where the course would crash (an amount like "N/A") or print and skip (another unit),
    /// this counts the item and returns null.
    /// </summary>
    public static double? ParseWeight(string text, FeatureFallbacks fallbacks)
    {
        var parts = text.Split(' ');
        if (parts.Length < 2 || !PythonFloat.TryParse(parts[0], out double amount))
        {
            fallbacks.Count(FeatureFallback.WeightUnreadable);
            return null;
        }
        double? pounds = parts[1].ToLowerInvariant() switch
        {
            "pounds" => amount,
            "ounces" => amount / 16,
            "grams" => amount / 453.592,
            "milligrams" => amount / 453592,
            "kilograms" => amount / 0.453592,
            "hundredths" when parts.Length > 2 && parts[2].ToLowerInvariant() == "pounds" => amount / 100,
            _ => null,
        };
        if (pounds is null) fallbacks.Count(FeatureFallback.WeightUnreadable);
        return pounds;
    }

    private static double? ReadWeight(JsonElement? details, FeatureFallbacks fallbacks)
    {
        if (details is not { } d || !d.TryGetProperty("Item Weight", out var weight) || weight.ValueKind != JsonValueKind.String
            || weight.GetString() is not { Length: > 0 } text)
        {
            fallbacks.Count(FeatureFallback.NoWeight);
            return null;
        }
        // Python's `weight or average_weight`: a weight of 0 also falls back.
        return ParseWeight(text, fallbacks) is { } pounds && pounds != 0 ? pounds : null;
    }

    private static double? ReadRank(JsonElement? details, FeatureFallbacks fallbacks)
    {
        if (details is not { } d || !d.TryGetProperty("Best Sellers Rank", out var ranks)
            || ranks.ValueKind != JsonValueKind.Object || !ranks.EnumerateObject().Any())
        {
            fallbacks.Count(FeatureFallback.NoRank);
            return null;
        }
        double sum = 0;
        int count = 0;
        foreach (var rank in ranks.EnumerateObject())
        {
            if (rank.Value.ValueKind != JsonValueKind.Number)
            {
                fallbacks.Count(FeatureFallback.RankUnreadable);
                return null;
            }
            sum += rank.Value.GetDouble();
            count++;
        }
        double mean = sum / count;
        return mean != 0 ? mean : null;
    }
}
