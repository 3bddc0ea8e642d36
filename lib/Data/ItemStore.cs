namespace PricerLib.Data;

/// <summary>Saves and loads items as JSONL (gzip when the path ends in .gz) in the shared data's schema.</summary>
public static class ItemStore
{
    /// <summary>Writes <paramref name="items"/> to <paramref name="path"/> atomically (temp file, then move).</summary>
    public static void Save(IEnumerable<Item> items, string path) => throw new NotImplementedException();

    /// <summary>
    /// Loads any items file the library knows: our JSONL(.gz), <c>../shared/data/amazon-items-2024.jsonl</c>,
    /// or the course's <c>pricer-data</c> rows (<c>text</c> + <c>price</c>).
    /// </summary>
    public static IReadOnlyList<Item> Load(string path) => throw new NotImplementedException();
}
