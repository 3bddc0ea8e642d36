using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PricerLib.Data.Demo;

/// <summary>
/// Writes synthetic product records in the Amazon Reviews 2023 raw metadata format. A product's price follows from
/// its attributes (family base price × brand tier × material × size × pack × wattage) times log-normal noise, and
/// those attributes are spelled out in its title, features and details, so a model has something real to learn.
/// A few rows get no price, a malformed price or one out of range, and a few have too little text, so the curation
/// filters have work, as on real data.
/// </summary>
internal sealed class DemoProductGenerator
{
    /// <summary>Spread of the log-normal price noise (σ of the log).</summary>
    private const double PriceNoise = 0.25;
    private const double NullPriceChance = 0.06;
    private const double MalformedPriceChance = 0.005;
    private const double OutOfRangePriceChance = 0.01;
    private const double SparseTextChance = 0.05;
    private const double ShortTextChance = 0.05;

    /// <summary>Prices as scraped pages sometimes give them; a reader must count them, not crash.</summary>
    private static readonly string[] MalformedPrices = ["", "None", "$1,299.00", "from 19.99", "29.99 - 39.99"];
    private static readonly double[] OutOfRangePrices = [0, 0.01, 0.25, -5, 1_000_000_000, 1_499, 2_750];
    private static readonly double[] PackChances = [0.55, 0.25, 0.12, 0.08];
    private static readonly int SlotCount = Enum.GetValues<Slot>().Length;
    private const string Alphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private readonly DemoVocabulary _words;
    private readonly TextTemplate[] _features;
    private readonly TextTemplate[] _descriptions;
    private readonly Dictionary<string, CategoryPlan> _plans;
    private readonly double[] _categoryShares;

    public DemoProductGenerator(DemoVocabulary words)
    {
        _words = words;
        _features = words.Features.Select(TextTemplate.Parse).ToArray();
        _descriptions = words.Descriptions.Select(TextTemplate.Parse).ToArray();
        _plans = words.Categories.ToDictionary(c => c.Name, c => new CategoryPlan(c, words.Tiers), StringComparer.Ordinal);
        _categoryShares = words.Categories.Select(c => c.Share).ToArray();
    }

    /// <summary>The category names, in vocabulary order.</summary>
    public IReadOnlyList<string> CategoryNames => _words.Categories.Select(c => c.Name).ToList();

    /// <summary>Picks a category by the course's category shares.</summary>
    public string PickCategory(Random random) =>
        _words.Categories[PickWeighted(random, _categoryShares)].Name;

    /// <summary>Writes one product of <paramref name="category"/> as a JSON object.</summary>
    public void Write(Utf8JsonWriter json, string category, Random random)
    {
        var plan = _plans.TryGetValue(category, out var p) ? p
            : throw new ArgumentException($"no demo vocabulary for category {category}", nameof(category));
        var product = Product.Draw(plan, _words, random);
        var slots = product.Slots(plan);
        var text = new StringBuilder(512);

        json.WriteStartObject();
        json.WriteString("main_category", plan.Category.Name);
        json.WriteString("title", Title(product, text));
        json.WriteNumber("average_rating", Math.Round(Math.Clamp(Gaussian(random, 4.0 + 0.2 * product.TierIndex, 0.45), 1, 5), 1));
        json.WriteNumber("rating_number", (int)Math.Exp(Gaussian(random, 3.5, 1.6)));

        var length = random.NextDouble();
        int familyFeatures = length < SparseTextChance ? 1 : 2;
        int genericFeatures = length < SparseTextChance + ShortTextChance ? 0 : random.Next(2, 6);
        int paragraphs = length < SparseTextChance + ShortTextChance ? 0 : random.Next(1, 4);

        json.WriteStartArray("features");
        foreach (var template in plan.FamilyFeatures[product.FamilyIndex].Take(familyFeatures)
                     .Concat(Pick(random, _features, genericFeatures)))
            json.WriteStringValue(Render(template, slots, text));
        json.WriteEndArray();
        json.WriteStartArray("description");
        foreach (var template in Pick(random, _descriptions, paragraphs)) json.WriteStringValue(Render(template, slots, text));
        json.WriteEndArray();

        WritePrice(json, product.Price, random);
        json.WriteStartArray("images");
        json.WriteEndArray();
        json.WriteStartArray("videos");
        json.WriteEndArray();
        json.WriteString("store", $"{product.Brand} ({DemoCatalogue.SyntheticLabel})");
        json.WriteStartArray("categories");
        json.WriteStringValue(plan.DisplayName);
        foreach (var node in product.Family.Path) json.WriteStringValue(node);
        json.WriteEndArray();
        WriteDetails(json, plan, product, random, sparse: length < SparseTextChance);
        json.WriteString("parent_asin", Asin(random));
        json.WriteNull("bought_together");
        json.WriteEndObject();
    }

    private static void WritePrice(Utf8JsonWriter json, double price, Random random)
    {
        var roll = random.NextDouble();
        if (roll < NullPriceChance) json.WriteNull("price");
        else if ((roll -= NullPriceChance) < MalformedPriceChance) json.WriteString("price", MalformedPrices[random.Next(MalformedPrices.Length)]);
        else if ((roll -= MalformedPriceChance) < OutOfRangePriceChance) json.WriteNumber("price", OutOfRangePrices[random.Next(OutOfRangePrices.Length)]);
        else json.WriteNumber("price", price);
    }

    private void WriteDetails(Utf8JsonWriter json, CategoryPlan plan, Product product, Random random, bool sparse)
    {
        json.WriteStartObject("details");
        json.WriteString("Brand", product.Brand);
        json.WriteString("Material", product.Material.Name);
        if (!sparse)
        {
            json.WriteString("Color", product.Color);
            double pounds = 0.15 * Math.Pow(product.Family.Base, 0.6) * product.Size.Factor * product.Pack.Count;
            json.WriteString("Item Weight", pounds < 1
                ? $"{(pounds * 16).ToString("0.#", CultureInfo.InvariantCulture)} ounces"
                : $"{pounds.ToString("0.##", CultureInfo.InvariantCulture)} pounds");
            double side = 3 * Math.Pow(product.Family.Base, 0.3) * product.Size.Factor;
            json.WriteString("Product Dimensions", string.Create(CultureInfo.InvariantCulture,
                $"{side:0.#} x {side * 0.6:0.#} x {side * 0.3:0.#} inches"));
            json.WriteString("Item model number", $"{product.Brand[..2].ToUpperInvariant()}-{random.Next(1000, 10000)}{Alphanumerics[random.Next(10, 36)]}");
            json.WriteString("Manufacturer", product.Brand);
            json.WriteString("Date First Available",
                $"{_words.Months[random.Next(12)]} {random.Next(1, 29)}, {random.Next(2015, 2024)}");
            if (product.Watts is { } watts) json.WriteString("Wattage", $"{watts} watts");
            if (product.Pack.Count > 1) json.WriteNumber("Number of Items", product.Pack.Count);
            WriteBestSellersRank(json, plan, product, random);
            json.WriteString("Is Discontinued By Manufacturer", "No");
        }
        json.WriteString("Data Source", $"{DemoCatalogue.SyntheticLabel}, not a real product");
        json.WriteEndObject();
    }

    /// <summary>The real data holds the rank as an object in most rows and as Amazon's page text in some.</summary>
    private static void WriteBestSellersRank(Utf8JsonWriter json, CategoryPlan plan, Product product, Random random)
    {
        int rank = (int)Math.Exp(5 + 8 * random.NextDouble());
        int subRank = Math.Max(1, rank / random.Next(20, 200));
        var node = product.Family.Path[^1];
        if (random.NextDouble() < 0.8)
        {
            json.WriteStartObject("Best Sellers Rank");
            json.WriteNumber(plan.DisplayName, rank);
            json.WriteNumber(node, subRank);
            json.WriteEndObject();
        }
        else
        {
            json.WriteString("Best Sellers Rank", string.Create(CultureInfo.InvariantCulture,
                $"#{rank:N0} in {plan.DisplayName} (See Top 100 in {plan.DisplayName}) #{subRank:N0} in {node}"));
        }
    }

    private static string Title(Product product, StringBuilder text)
    {
        text.Clear().Append(product.Brand).Append(' ').Append(product.Series).Append(' ');
        text.Append(product.Size.Name).Append(' ').Append(product.Material.Name).Append(' ').Append(product.Family.Noun);
        if (product.Watts is { } watts) text.Append(", ").Append(watts).Append('W');
        text.Append(", ").Append(product.Color);
        if (product.Pack.Count > 1) text.Append(", Pack of ").Append(product.Pack.Count);
        return text.ToString();
    }

    private static string Render(TextTemplate template, string[] slots, StringBuilder text)
    {
        text.Clear();
        template.Render(text, slots);
        return text.ToString();
    }

    /// <summary><paramref name="count"/> distinct entries of <paramref name="from"/>, in random order.</summary>
    private static IEnumerable<T> Pick<T>(Random random, T[] from, int count)
    {
        if (count == 0) return [];
        var order = from.ToArray();
        random.Shuffle(order);
        return order.Take(count);
    }

    internal static int PickWeighted(Random random, IReadOnlyList<double> weights)
    {
        double target = random.NextDouble() * weights.Sum();
        for (int i = 0; i < weights.Count; i++)
            if ((target -= weights[i]) < 0) return i;
        return weights.Count - 1;
    }

    /// <summary>A normal sample by the Box–Muller transform (System.Random has only uniform draws).</summary>
    internal static double Gaussian(Random random, double mean, double sigma) =>
        mean + sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string Asin(Random random) => string.Create(10, random, static (span, r) =>
    {
        span[0] = 'B';
        span[1] = '0';
        for (int i = 2; i < span.Length; i++) span[i] = Alphanumerics[r.Next(Alphanumerics.Length)];
    });

    /// <summary>A category's vocabulary with its templates parsed and its family weights ready.</summary>
    private sealed class CategoryPlan
    {
        public CategoryPlan(DemoVocabulary.Category category, IReadOnlyList<DemoVocabulary.Tier> tiers)
        {
            Category = category;
            DisplayName = category.Name.Replace("_and_", " & ").Replace('_', ' ');
            FamilyFeatures = category.Families.Select(f => f.Features.Select(TextTemplate.Parse).ToArray()).ToArray();
            // Cheap families are commoner, as on Amazon: weight 1/√base gives many cheap items and a long tail.
            FamilyWeights = category.Families.Select(f => 1 / Math.Sqrt(f.Base)).ToArray();
            TierChances = tiers.Select(t => t.Chance).ToArray();
            foreach (var tier in tiers)
                if (!category.Brands.ContainsKey(tier.Name))
                    throw new InvalidOperationException($"demo vocabulary: {category.Name} has no {tier.Name} brands");
        }

        public DemoVocabulary.Category Category { get; }
        public string DisplayName { get; }
        public TextTemplate[][] FamilyFeatures { get; }
        public double[] FamilyWeights { get; }
        public double[] TierChances { get; }
    }

    /// <summary>The attributes drawn for one product, and the price they imply.</summary>
    private sealed record Product(
        int FamilyIndex, DemoVocabulary.Family Family, int TierIndex, string TierPhrase, string Brand,
        DemoVocabulary.Option Material, DemoVocabulary.Option Size, DemoVocabulary.Pack Pack, int? Watts,
        string Color, string Series, string Warranty, string Use, double Price)
    {
        public static Product Draw(CategoryPlan plan, DemoVocabulary words, Random random)
        {
            var category = plan.Category;
            int familyIndex = PickWeighted(random, plan.FamilyWeights);
            var family = category.Families[familyIndex];
            int tierIndex = PickWeighted(random, plan.TierChances);
            var tier = words.Tiers[tierIndex];
            var brands = category.Brands[tier.Name];
            var material = category.Materials[random.Next(category.Materials.Count)];
            var size = category.Sizes[random.Next(category.Sizes.Count)];
            var pack = family.Packable ? words.Packs[PickWeighted(random, PackChances)] : words.Packs[0];
            int? watts = family.Watts is { Count: > 0 } w ? w[random.Next(w.Count)] : null;
            // Warranties grow with the tier: basic brands draw from the short end, premium ones from the long end.
            int warrantyIndex = Math.Min(words.Warranties.Count - 1, tierIndex * 2 + random.Next(2));

            // Power costs: price grows with the square root of the wattage, relative to the family's middle option.
            double wattFactor = watts is { } chosen ? Math.Sqrt((double)chosen / family.Watts![family.Watts.Count / 2]) : 1;
            double price = family.Base * tier.Factor * material.Factor * size.Factor * pack.Factor * wattFactor
                           * Math.Exp(Gaussian(random, 0, PriceNoise));
            // Shop prices: mostly $N.99, some $N.95 or $N.00.
            double cents = random.NextDouble() switch { < 0.6 => 0.99, < 0.8 => 0.95, _ => 0.0 };
            price = price < 1 ? Math.Round(price, 2) : Math.Floor(price) + cents;

            return new Product(familyIndex, family, tierIndex, tier.Phrases[random.Next(tier.Phrases.Count)],
                brands[random.Next(brands.Count)], material, size, pack, watts, words.Colors[random.Next(words.Colors.Count)],
                words.Series[random.Next(words.Series.Count)], words.Warranties[warrantyIndex],
                category.Uses[random.Next(category.Uses.Count)], price);
        }

        public string[] Slots(CategoryPlan plan)
        {
            var slots = new string[SlotCount];
            slots[(int)Slot.Brand] = Brand;
            slots[(int)Slot.Noun] = Family.Noun.ToLowerInvariant();
            slots[(int)Slot.Material] = Material.InSentence;
            slots[(int)Slot.Size] = Size.InSentence;
            slots[(int)Slot.Use] = Use;
            slots[(int)Slot.Color] = Color.ToLowerInvariant();
            slots[(int)Slot.Watts] = Watts?.ToString(CultureInfo.InvariantCulture) ?? "";
            slots[(int)Slot.Pack] = Pack.Count.ToString(CultureInfo.InvariantCulture);
            slots[(int)Slot.Warranty] = Warranty;
            slots[(int)Slot.Tier] = TierPhrase;
            slots[(int)Slot.TierUpper] = TierPhrase.ToUpperInvariant();
            slots[(int)Slot.Series] = Series;
            slots[(int)Slot.CategoryLabel] = plan.Category.Label;
            return slots;
        }

    }
}
