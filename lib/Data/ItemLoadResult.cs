namespace PricerLib.Data;

/// <summary>The items of one file, and the rows left out (by reason) when bad rows were skipped.</summary>
public sealed class ItemLoadResult
{
    internal ItemLoadResult(string path, IReadOnlyList<Item> items, IReadOnlyList<ItemRowSkip> skipped)
    {
        Path = path;
        Items = items;
        SkippedRows = skipped;
        Skips = skipped.GroupBy(s => s.Problem).OrderBy(g => g.Key)
            .Select(g => new KeyValuePair<ItemRowProblem, int>(g.Key, g.Count())).ToList();
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The valid items, in file order.</summary>
    public IReadOnlyList<Item> Items { get; }

    /// <summary>Every skipped row, in file order.</summary>
    public IReadOnlyList<ItemRowSkip> SkippedRows { get; }

    /// <summary>Skipped rows counted by problem, only the problems that occurred, in enum order.</summary>
    public IReadOnlyList<KeyValuePair<ItemRowProblem, int>> Skips { get; }

    /// <summary>How many rows were left out.</summary>
    public int SkippedCount => SkippedRows.Count;

    /// <summary>E.g. "3 rows skipped (MissingPrice 2, NegativePrice 1)", or "no rows skipped".</summary>
    public string DescribeSkips() => SkippedCount == 0
        ? "no rows skipped"
        : $"{SkippedCount:N0} row{(SkippedCount == 1 ? "" : "s")} skipped ({string.Join(", ", Skips.Select(kv => $"{kv.Key} {kv.Value:N0}"))})";
}
