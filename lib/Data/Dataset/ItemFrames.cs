using Microsoft.Data.Analysis;

namespace PricerLib.Data.Dataset;

/// <summary>Items as a Microsoft.Data.Analysis <see cref="DataFrame"/>, for tables and quick statistics in notebooks.</summary>
public static class ItemFrames
{
    /// <summary>
    /// One row per item, columns <c>title</c>, <c>category</c>, <c>price</c>, <c>token_count</c> (null where unknown)
    /// and <c>prompt_length</c> (in characters as Python's <c>len()</c> counts them: code points, not UTF-16 units).
    /// </summary>
    public static DataFrame ToDataFrame(IEnumerable<Item> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items as IReadOnlyCollection<Item> ?? items.ToList();
        return new DataFrame(
            new StringDataFrameColumn("title", list.Select(i => i.Title)),
            new StringDataFrameColumn("category", list.Select(i => i.Category)),
            new DoubleDataFrameColumn("price", list.Select(i => i.Price)),
            new Int32DataFrameColumn("token_count", list.Select(i => i.TokenCount)),
            new Int32DataFrameColumn("prompt_length", list.Select(i => i.Prompt.EnumerateRunes().Count())));
    }

    /// <summary>Items per category (most first) with their share, as a table.</summary>
    public static DataFrame CategoryTable(IEnumerable<Item> items)
    {
        var categories = DatasetSummary.Of(items).Categories;
        return new DataFrame(
            new StringDataFrameColumn("category", categories.Select(c => c.Category)),
            new Int32DataFrameColumn("items", categories.Select(c => c.Count)),
            new DoubleDataFrameColumn("share_percent", categories.Select(c => Math.Round(100 * c.Share, 1))));
    }
}
