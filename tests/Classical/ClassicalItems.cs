using System.Globalization;
using PricerLib.Data;

namespace PricerLib.Tests.Classical;

/// <summary>
/// Generated items whose price follows their text and details: a product word sets the base price, heavier items
/// cost more, top brands add a premium. Every classical pricer should beat the mean price on them.
/// </summary>
internal static class ClassicalItems
{
    private static readonly (string Word, double Price)[] Products = [("laptop", 600), ("kettle", 40), ("drill", 120), ("guitar", 300), ("cable", 10), ("camera", 450)];
    private static readonly string[] Brands = ["Dell", "Acme", "Sony", "Generic", "Canon", "Homely"];
    private static readonly string[] Filler = ["sturdy", "black", "compact", "durable", "classic", "portable", "quiet", "bright"];

    /// <param name="count">How many.</param>
    /// <param name="seed">The generator's seed.</param>
    /// <param name="products">False: every item is the same product, so only weight and brand move its price.</param>
    public static List<Item> Make(int count, int seed, bool products = true)
    {
        var random = new Random(seed);
        var items = new List<Item>(count);
        for (int i = 0; i < count; i++)
        {
            var (word, basePrice) = Products[products ? random.Next(Products.Length) : 1];
            var brand = Brands[random.Next(Brands.Length)];
            double pounds = Math.Round(0.5 + random.NextDouble() * 10, 1);
            bool top = brand is "Dell" or "Sony" or "Canon";
            double price = Math.Clamp(basePrice + 8 * pounds + (top ? 80 : 0) + random.NextDouble() * 20, 1, 999);
            var filler = string.Join(' ', Enumerable.Range(0, 6).Select(_ => Filler[random.Next(Filler.Length)]));
            var weight = pounds.ToString(CultureInfo.InvariantCulture);
            var details = $"{{\"Brand\": \"{brand}\", \"Item Weight\": \"{weight} Pounds\", \"Best Sellers Rank\": {{\"Things\": {random.Next(1, 100_000)}}}}}";
            items.Add(Item(title: $"{brand} {word} {filler}", price, details));
        }
        return items;
    }

    public static Item Item(string title, double price, string? details) => new()
    {
        Title = title,
        Price = price,
        Details = details,
        Prompt = $"{PricerLib.Data.Item.Question}\n\n{title}\n\n{PricerLib.Data.Item.Prefix}{Math.Round(price).ToString(CultureInfo.InvariantCulture)}.00",
    };
}
