using System.Globalization;
using System.Text;

namespace PricerLib.Data.Dataset;

/// <summary>How many items of one category.</summary>
/// <param name="Category">The category, or <see cref="DatasetSummary.NoCategory"/>.</param>
/// <param name="Count">Items in it.</param>
/// <param name="Share">Its fraction of all items (0 – 1).</param>
public sealed record CategoryCount(string Category, int Count, double Share);

/// <summary>Counts per category and price statistics of a set of items, for the CLI and the notebooks.</summary>
public sealed class DatasetSummary
{
    /// <summary>The label of items without a category.</summary>
    public const string NoCategory = "(none)";

    private DatasetSummary(int count, IReadOnlyList<CategoryCount> categories, double mean, double median, double min, double max)
    {
        Count = count;
        Categories = categories;
        PriceMean = mean;
        PriceMedian = median;
        PriceMin = min;
        PriceMax = max;
    }

    /// <summary>Number of items.</summary>
    public int Count { get; }

    /// <summary>Items per category, most first (ties by name).</summary>
    public IReadOnlyList<CategoryCount> Categories { get; }

    /// <summary>Items per category as a dictionary in the same order, as the category charts take them.</summary>
    public IReadOnlyDictionary<string, int> CategoryCounts => Categories.ToDictionary(c => c.Category, c => c.Count);

    /// <summary>Mean price; NaN for no items.</summary>
    public double PriceMean { get; }

    /// <summary>Median price; NaN for no items.</summary>
    public double PriceMedian { get; }

    /// <summary>Lowest price; NaN for no items.</summary>
    public double PriceMin { get; }

    /// <summary>Highest price; NaN for no items.</summary>
    public double PriceMax { get; }

    /// <summary>Summarises <paramref name="items"/>.</summary>
    public static DatasetSummary Of(IEnumerable<Item> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items as IReadOnlyCollection<Item> ?? items.ToList();
        var categories = list.GroupBy(i => i.Category ?? NoCategory)
            .Select(g => new CategoryCount(g.Key, g.Count(), (double)g.Count() / list.Count))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();
        if (list.Count == 0) return new DatasetSummary(0, categories, double.NaN, double.NaN, double.NaN, double.NaN);

        var prices = list.Select(i => i.Price).Order().ToArray();
        int mid = prices.Length / 2;
        double median = prices.Length % 2 == 1 ? prices[mid] : (prices[mid - 1] + prices[mid]) / 2;
        return new DatasetSummary(list.Count, categories, prices.Average(), median, prices[0], prices[^1]);
    }

    /// <summary>A few lines: count, price statistics, then one line per category.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{Count:N0} items; price avg {PriceMean:F2}, median {PriceMedian:F2}, lowest {PriceMin:F2}, highest {PriceMax:F2}");
        foreach (var c in Categories)
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {c.Category,-28} {c.Count,9:N0}  {c.Share,6:P1}");
        return text.ToString();
    }
}
