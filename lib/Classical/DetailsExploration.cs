using Microsoft.Data.Analysis;
using PricerLib.Data;

namespace PricerLib.Classical;

/// <summary>The course's look at the <c>details</c> of the training items before it picks its features, as tables.</summary>
public static class DetailsExploration
{
    /// <summary>The course's <c>Counter</c> of details keys: the <paramref name="top"/> most common keys and how many items have each.</summary>
    public static DataFrame TopKeys(IEnumerable<Item> items, int top = 40)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var fallbacks = new FeatureFallbacks();
        foreach (var item in items)
            if (ProductFeatures.ParseDetails(item.Details, fallbacks) is { } details)
                foreach (var property in details.EnumerateObject())
                    counts[property.Name] = counts.GetValueOrDefault(property.Name) + 1;
        var rows = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(top).ToList();
        return new DataFrame(new StringDataFrameColumn("key", rows.Select(r => r.Key)), new Int32DataFrameColumn("items", rows.Select(r => r.Value)));
    }

    /// <summary>The most common brands (the course's check of which electronics brands are "top").</summary>
    public static DataFrame TopBrands(IEnumerable<Item> items, int top = 40)
    {
        var fallbacks = new FeatureFallbacks();
        var rows = items
            .Select(i => ProductFeatures.ParseDetails(i.Details, fallbacks) is { } d && d.TryGetProperty("Brand", out var b) && b.ValueKind == System.Text.Json.JsonValueKind.String ? b.GetString() : null)
            .OfType<string>()
            .CountBy(b => b)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(top).ToList();
        return new DataFrame(
            new StringDataFrameColumn("brand", rows.Select(r => r.Key)),
            new Int32DataFrameColumn("items", rows.Select(r => r.Value)),
            new BooleanDataFrameColumn("top_electronics_brand", rows.Select(r => (bool?)ProductFeatures.TopElectronicsBrands.Contains(r.Key.ToLowerInvariant()))));
    }

    /// <summary>Each item's four features as the model sees them (defaults filled in), with its price: the course's <c>list_to_dataframe</c>.</summary>
    public static DataFrame Features(FeatureRegression regression, IReadOnlyList<Item> items)
    {
        var fallbacks = new FeatureFallbacks();
        var rows = items.Select(i => regression.Row(i, fallbacks)).ToList();
        var columns = ProductFeatures.Names.Select((name, j) => (DataFrameColumn)new DoubleDataFrameColumn(name, rows.Select(r => r[j]))).ToList();
        columns.Add(new DoubleDataFrameColumn("price", items.Select(i => i.Price)));
        return new DataFrame(columns);
    }
}
