using PricerLib.Data;

namespace PricerLib.Tests.Dataset;

/// <summary>Items made up for tests, with prompts shaped like the course's.</summary>
internal static class TestItems
{
    public static Item Make(string title, double price, string? category = "Electronics", string? details = null, int? tokens = null) => new()
    {
        Title = title,
        Category = category,
        Price = price,
        Details = details,
        Prompt = $"{Item.Question}\n\n{title}\nSome text about {title}.\n\n{Item.Prefix}{Math.Round(price, MidpointRounding.ToEven)}.00",
        TokenCount = tokens,
    };

    /// <summary><paramref name="count"/> items of one price and category, titled "<paramref name="prefix"/> i".</summary>
    public static IEnumerable<Item> Many(string prefix, int count, double price, string category) =>
        Enumerable.Range(0, count).Select(i => Make($"{prefix} {i}", price, category));
}
