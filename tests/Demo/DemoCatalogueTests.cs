using System.Text.Json;
using PricerLib.Data.Demo;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Demo;

public class DemoCatalogueTests
{
    private static readonly string[] CourseCategories =
    [
        "Automotive", "Electronics", "Office_Products", "Tools_and_Home_Improvement",
        "Cell_Phones_and_Accessories", "Toys_and_Games", "Appliances", "Musical_Instruments",
    ];

    private static readonly List<string> Mixed = DemoCatalogue.Generate(3_000, seed: 11).ToList();

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_ones()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        var first = DemoCatalogue.WriteCategoryFiles(a.Path, perCategory: 50, seed: 5);
        var second = DemoCatalogue.WriteCategoryFiles(b.Path, perCategory: 50, seed: 5);
        Assert.Equal(first.Select(Path.GetFileName), second.Select(Path.GetFileName));
        foreach (var (x, y) in first.Zip(second)) Assert.Equal(File.ReadAllBytes(x), File.ReadAllBytes(y));

        Assert.Equal(Mixed, DemoCatalogue.Generate(3_000, seed: 11));
        Assert.NotEqual(Mixed.Take(20), DemoCatalogue.Generate(20, seed: 12));
    }

    [Fact]
    public void A_categorys_records_do_not_depend_on_how_many_are_asked_for()
    {
        var hundred = DemoCatalogue.Generate("Appliances", 100, seed: 1).ToList();
        Assert.Equal(DemoCatalogue.Generate("Appliances", 40, seed: 1), hundred.Take(40));
    }

    [Fact]
    public void Every_line_is_a_raw_metadata_record_with_the_raw_formats_types_and_a_synthetic_label()
    {
        int malformedPrices = 0;
        foreach (var line in Mixed)
        {
            using var document = JsonDocument.Parse(line);
            var r = document.RootElement;
            Assert.Equal(JsonValueKind.String, r.GetProperty("main_category").ValueKind);
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("title").GetString()));
            Assert.InRange(r.GetProperty("average_rating").GetDouble(), 1, 5);
            Assert.True(r.GetProperty("rating_number").GetInt32() >= 0);
            foreach (var list in new[] { "features", "description", "categories" })
                Assert.All(r.GetProperty(list).EnumerateArray(), e => Assert.Equal(JsonValueKind.String, e.ValueKind));
            Assert.Empty(r.GetProperty("images").EnumerateArray());
            Assert.Empty(r.GetProperty("videos").EnumerateArray());
            Assert.Contains(DemoCatalogue.SyntheticLabel, r.GetProperty("store").GetString());
            var details = r.GetProperty("details");
            Assert.Equal(JsonValueKind.Object, details.ValueKind);
            Assert.Contains(DemoCatalogue.SyntheticLabel, details.GetProperty("Data Source").GetString());
            if (details.TryGetProperty("Best Sellers Rank", out var rank))
                Assert.Contains(rank.ValueKind, new[] { JsonValueKind.Object, JsonValueKind.String });
            Assert.Matches("^B0[0-9A-Z]{8}$", r.GetProperty("parent_asin").GetString());
            Assert.Equal(JsonValueKind.Null, r.GetProperty("bought_together").ValueKind);

            var price = r.GetProperty("price");
            Assert.Contains(price.ValueKind, new[] { JsonValueKind.Number, JsonValueKind.Null, JsonValueKind.String });
            if (price.ValueKind == JsonValueKind.String) malformedPrices++;
        }
        // Prices as strings are the deliberate, rare malformed ones that the curation must count.
        Assert.InRange(malformedPrices, 1, Mixed.Count / 50);
    }

    [Fact]
    public void The_mix_covers_the_courses_8_categories_automotive_first_and_leaves_the_filters_some_work()
    {
        var rows = Mixed.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var counts = rows.GroupBy(r => r.GetProperty("main_category").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(CourseCategories.Order(), counts.Keys.Order());
        Assert.Equal(CourseCategories.Order(), DemoCatalogue.Categories.Order());
        Assert.Equal("Automotive", counts.MaxBy(kv => kv.Value).Key);

        var prices = rows.Select(r => r.GetProperty("price")).ToList();
        Assert.Contains(prices, p => p.ValueKind == JsonValueKind.Null);
        Assert.Contains(prices, p => p.ValueKind == JsonValueKind.Number && p.GetDouble() is < 0.5 or > 999.49);
        var inRange = prices.Where(p => p.ValueKind == JsonValueKind.Number).Select(p => p.GetDouble()).Where(p => p is >= 0.5 and <= 999.49).Order().ToList();
        Assert.InRange(inRange[inRange.Count / 2], 15, 80);       // many cheap items…
        Assert.Contains(inRange, p => p > 500);                     // …and a long tail
    }

    [Fact]
    public void Most_rows_have_more_than_300_characters_of_description_features_and_details()
    {
        int longEnough = Mixed.Count(line =>
        {
            using var document = JsonDocument.Parse(line);
            var r = document.RootElement;
            int chars = r.GetProperty("description").EnumerateArray().Sum(e => e.GetString()!.Length + 1)
                        + r.GetProperty("features").EnumerateArray().Sum(e => e.GetString()!.Length + 1)
                        + r.GetProperty("details").GetRawText().Length;
            return chars > 300;
        });
        Assert.InRange(longEnough, Mixed.Count * 85 / 100, Mixed.Count * 99 / 100);
    }

    [Fact]
    public void Prices_follow_the_attributes_premium_brands_and_big_sizes_cost_more()
    {
        using var vocabulary = JsonDocument.Parse(typeof(DemoCatalogue).Assembly
            .GetManifestResourceStream("PricerLib.data.demo-vocabulary.json")!);
        var automotive = vocabulary.RootElement.GetProperty("categories").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "Automotive").GetProperty("brands");
        HashSet<string> Brands(string tier) => automotive.GetProperty(tier).EnumerateArray().Select(b => b.GetString()!).ToHashSet();
        var basic = Brands("Basic");
        var premium = Brands("Premium");

        var rows = DemoCatalogue.Generate("Automotive", 3_000, seed: 2)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("price").ValueKind == JsonValueKind.Number && r.GetProperty("price").GetDouble() is > 0.5 and < 999.5)
            .Select(r => (Brand: r.GetProperty("details").GetProperty("Brand").GetString()!, Title: r.GetProperty("title").GetString()!,
                Price: r.GetProperty("price").GetDouble()))
            .ToList();
        double Median(IEnumerable<double> xs) { var s = xs.Order().ToList(); return s[s.Count / 2]; }

        Assert.True(Median(rows.Where(r => premium.Contains(r.Brand)).Select(r => r.Price))
                    > 2 * Median(rows.Where(r => basic.Contains(r.Brand)).Select(r => r.Price)));
        Assert.True(Median(rows.Where(r => r.Title.Contains(" Heavy-Duty ")).Select(r => r.Price))
                    > 1.5 * Median(rows.Where(r => r.Title.Contains(" Compact ")).Select(r => r.Price)));
    }

    [Fact]
    public void Category_files_are_named_as_the_dataset_names_them_and_hold_their_category()
    {
        using var dir = new TempDir();
        var mix = DemoCatalogue.CourseMix(1_000);
        Assert.Equal(1_000, mix.Values.Sum());
        Assert.True(mix["Automotive"] > mix["Appliances"]);

        var paths = DemoCatalogue.WriteCategoryFiles(dir.Path, mix, seed: 3);
        Assert.Equal(mix.Keys.Select(c => dir.File($"meta_{c}.jsonl")), paths);
        foreach (var (category, count) in mix)
        {
            var lines = File.ReadAllLines(dir.File($"meta_{category}.jsonl"));
            Assert.Equal(count, lines.Length);
            Assert.All(lines, l => Assert.Contains($"\"main_category\":\"{category}\"", l));
        }
        Assert.Equal(paths.Count, Directory.GetFiles(dir.Path).Length); // no temp files left
    }

    [Fact]
    public void A_large_file_is_written_gzip_compressed_when_so_named()
    {
        using var dir = new TempDir();
        DemoCatalogue.WriteFile(dir.File("bench.jsonl.gz"), 500, seed: 4);
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(dir.File("bench.jsonl.gz")),
            System.IO.Compression.CompressionMode.Decompress);
        var lines = new StreamReader(gzip).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(DemoCatalogue.Generate(500, seed: 4), lines);
    }

    [Fact]
    public void An_unknown_category_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => DemoCatalogue.Generate("Books", 1, 1).ToList());
        Assert.Contains("Books is not a demo category", e.Message);
    }
}
