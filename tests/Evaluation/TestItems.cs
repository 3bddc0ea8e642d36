using System.Globalization;
using PricerLib.Data;

namespace PricerLib.Tests.Evaluation;

/// <summary>Small item lists built in code.</summary>
internal static class TestItems
{
    public static Item Make(string title, double price, string? category = "Appliances") => new()
    {
        Title = title,
        Category = category,
        Price = price,
        Prompt = $"{Item.Question}\n\n{title}\n\n{Item.Prefix}{Math.Round(price).ToString(CultureInfo.InvariantCulture)}.00",
    };

    /// <summary><paramref name="count"/> items priced 10, 20, 30, …</summary>
    public static List<Item> Priced(int count, string prefix = "Item") =>
        Enumerable.Range(1, count).Select(i => Make($"{prefix} {i}", 10.0 * i)).ToList();
}
